import type { Clock } from '../core/clock.js';
import { formatTimestampUs } from '../core/clock.js';

export const LogLevel = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, OFF: 100 } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** Where log lines go. */
export type LogSink = (line: string) => void;

/**
 * A small structured logger that stamps lines with the kernel clock (so a backtest's log
 * shows simulated time) and is silent below its level.
 */
export class Logger {
  constructor(
    private readonly clock: Clock,
    private readonly component: string,
    private readonly level: LogLevel = LogLevel.INFO,
    private readonly sink: LogSink = (line) => process.stderr.write(line + '\n'),
  ) {}

  child(component: string): Logger {
    return new Logger(this.clock, component, this.level, this.sink);
  }

  debug(message: string): void {
    this.#log(LogLevel.DEBUG, 'DEBUG', message);
  }
  info(message: string): void {
    this.#log(LogLevel.INFO, 'INFO', message);
  }
  warn(message: string): void {
    this.#log(LogLevel.WARN, 'WARN', message);
  }
  error(message: string): void {
    this.#log(LogLevel.ERROR, 'ERROR', message);
  }

  #log(level: LogLevel, label: string, message: string): void {
    if (level < this.level) return;
    this.sink(`${formatTimestampUs(this.clock.timestampUs())} [${label}] ${this.component}: ${message}`);
  }
}
