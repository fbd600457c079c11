/**
 * The dashboard's shared state: the API and stream clients (`quantflow/client`) and the API key,
 * the selected instrument and the instruments known so far, connection state, and the alert/log
 * feed. Panels read from it and register refresh functions; nothing else is global.
 */
import type { QuantflowClient, StreamClient } from '../../src/client/index.js';
import { describeError, type ApiKey } from './connection.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'alert';

/** One entry of the alerts and log feed. */
export interface LogEntry {
  readonly tsMs: number;
  readonly level: LogLevel;
  readonly source: string;
  readonly message: string;
}

const SELECTED_STORAGE = 'quantflow.instrument';

export class Dashboard {
  connected = false;
  #selected: string | undefined;
  readonly instruments = new Set<string>();
  readonly #selectListeners = new Set<(id: string) => void>();
  readonly #instrumentListeners = new Set<(ids: string[]) => void>();
  readonly #refreshers = new Set<() => Promise<unknown> | void>();
  readonly #logListeners = new Set<(e: LogEntry) => void>();
  readonly #connectionListeners = new Set<(connected: boolean) => void>();

  constructor(
    readonly api: QuantflowClient,
    readonly stream: StreamClient,
    readonly key: ApiKey,
  ) {
    const url = new URL(location.href);
    const wanted = url.searchParams.get('instrument') ?? readStorage(SELECTED_STORAGE);
    if (wanted) {
      this.#selected = wanted;
      this.instruments.add(wanted);
    }
  }

  get selected(): string | undefined {
    return this.#selected;
  }

  /** Selects an instrument (chart, book, ticket follow). */
  select(id: string): void {
    const trimmed = id.trim();
    if (!trimmed || trimmed === this.#selected) return;
    this.#selected = trimmed;
    writeStorage(SELECTED_STORAGE, trimmed);
    this.addInstruments([trimmed]);
    for (const l of this.#selectListeners) l(trimmed);
  }

  onSelect(listener: (id: string) => void): void {
    this.#selectListeners.add(listener);
  }

  /** Records instruments seen anywhere (strategies, positions, orders); selects the first if none is. */
  addInstruments(ids: Iterable<string | undefined>): void {
    let changed = false;
    for (const id of ids) {
      if (id && !this.instruments.has(id)) {
        this.instruments.add(id);
        changed = true;
      }
    }
    if (changed) for (const l of this.#instrumentListeners) l([...this.instruments].sort());
    if (this.#selected === undefined && this.instruments.size > 0)
      this.select([...this.instruments].sort()[0]);
  }

  onInstruments(listener: (ids: string[]) => void): void {
    this.#instrumentListeners.add(listener);
    listener([...this.instruments].sort());
  }

  /** Registers a REST refresh, run on (re)connect, on a timer, and by {@link refresh}. */
  addRefresher(fn: () => Promise<unknown> | void): void {
    this.#refreshers.add(fn);
  }

  /** Runs every refresher; failures go to the log feed once per distinct message. */
  async refreshAll(): Promise<void> {
    await Promise.all([...this.#refreshers].map((fn) => this.#guard(fn)));
  }

  async #guard(fn: () => Promise<unknown> | void): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.log('warn', 'api', describeError(e));
    }
  }

  setConnected(connected: boolean): void {
    if (connected === this.connected) return;
    this.connected = connected;
    for (const l of this.#connectionListeners) l(connected);
  }

  onConnection(listener: (connected: boolean) => void): void {
    this.#connectionListeners.add(listener);
    listener(this.connected);
  }

  log(level: LogLevel, source: string, message: string): void {
    const entry = { tsMs: Date.now(), level, source, message };
    for (const l of this.#logListeners) l(entry);
  }

  onLog(listener: (e: LogEntry) => void): void {
    this.#logListeners.add(listener);
  }

  /** Runs an action from a button: disables it meanwhile, reports success or the error code. */
  async act(
    button: HTMLButtonElement | undefined,
    what: string,
    fn: () => Promise<unknown>,
  ): Promise<boolean> {
    if (button) button.disabled = true;
    try {
      await fn();
      this.log('info', 'operator', what);
      toast(what, 'ok');
      return true;
    } catch (e) {
      const msg = `${what} failed: ${describeError(e)}`;
      this.log('error', 'operator', msg);
      toast(msg, 'error');
      return false;
    } finally {
      if (button) button.disabled = false;
    }
  }
}

/** A short message in the corner that disappears by itself. */
export function toast(text: string, kind: 'ok' | 'error' | 'info' = 'info'): void {
  let host = document.getElementById('toasts');
  if (!host) {
    host = document.createElement('div');
    host.id = 'toasts';
    host.setAttribute('role', 'status');
    document.body.append(host);
  }
  const el = document.createElement('div');
  el.className = `toast toast-${kind}`;
  el.textContent = text;
  host.append(el);
  setTimeout(() => el.remove(), kind === 'error' ? 8000 : 3500);
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage disabled: the selection lasts for this page only
  }
}
