#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { InputError } from '../core/input-error.js';
import { registerBacktestCommand } from './backtest-command.js';
import { registerBookCommand } from './book-command.js';
import { registerDataCommand } from './data-command.js';
import { registerDemoCommand } from './demo-command.js';
import { packageVersion } from './package-paths.js';
import { registerPaperCommand } from './paper-command.js';
import { registerSimulateCommand } from './simulate-command.js';
import { registerStrategiesCommand } from './strategies-command.js';
import { registerStreamCommand } from './stream-command.js';
import { registerTaCommand } from './ta-command.js';

// A closed pipe (`quantflow ... | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command()
  .name('quantflow')
  .description('QuantFlow: an event-driven trading engine for backtest, paper and live trading')
  .version(packageVersion())
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

registerDemoCommand(program);
registerBacktestCommand(program);
registerDataCommand(program);
registerStrategiesCommand(program);
registerTaCommand(program);
registerSimulateCommand(program);
registerBookCommand(program);
registerStreamCommand(program);
registerPaperCommand(program);

// `quantflow` alone runs the main job; anything else is parsed as given.
const args = process.argv.length > 2 ? process.argv : [...process.argv, 'demo'];
// No top-level await: a user's CommonJS strategy file may require() this package, which
// Node refuses while this module is still evaluating.
program.parseAsync(args).catch((error: unknown) => {
  process.exitCode = exitCodeFor(error);
});

/** Bad input: one line and exit 1. Anything else is a bug: say so, exit 2. */
function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message; --help and --version exit 0.
    return error.exitCode;
  }
  if (error instanceof InputError) {
    process.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
  const detail = process.env.QUANTFLOW_DEBUG
    ? String((error as Error).stack)
    : String((error as Error).message ?? error);
  process.stderr.write(
    `internal error: ${detail}\n(this is a bug in QuantFlow; set QUANTFLOW_DEBUG=1 for the stack trace)\n`,
  );
  return 2;
}
