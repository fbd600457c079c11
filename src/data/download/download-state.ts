/**
 * What `quantflow data download` has completed, kept in the catalog as `downloads.json`: per
 * instrument and timeframe, the time ranges whose bars are all stored. Resuming asks the venue
 * only for what is missing.
 *
 * Why a state file rather than "after the last stored bar": the catalog cannot tell a hole from a
 * quiet market (nights, weekends, a halted pair), and a range downloaded earlier inside a wider
 * request would make "the last bar" skip everything before it.
 *
 * ```json
 * { "version": 1, "completed": { "BTCUSDT.BINANCE 1m": [[1700000000000000, 1700060000000000]] } }
 * ```
 *
 * Times are µs since the epoch, ranges `[from, to)`. The file is written aside and renamed (after
 * the bars it describes are in the catalog), so a crash leaves it behind the catalog, never ahead.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../../core/input-error.js';
import { addRange, missingRanges, type TimeRange } from './covered-ranges.js';

/** Name of the state file in the catalog's root. */
export const DOWNLOAD_STATE_FILE = 'downloads.json';

/** The key of an instrument and timeframe in the state file. */
export const downloadKey = (instrumentId: string, timeframe: string): string => `${instrumentId} ${timeframe}`;

/** The completed ranges of a catalog's downloads; {@link complete} persists at once. */
export class DownloadState {
  readonly #file: string;
  readonly #completed: Map<string, TimeRange[]>;

  private constructor(file: string, completed: Map<string, TimeRange[]>) {
    this.#file = file;
    this.#completed = completed;
  }

  /**
   * Reads the state of the catalog in `root` (empty when there is no file yet).
   *
   * @throws InputError when the file is not a download state
   */
  static read(root: string): DownloadState {
    const file = join(root, DOWNLOAD_STATE_FILE);
    const completed = new Map<string, TimeRange[]>();
    if (!existsSync(file)) return new DownloadState(file, completed);
    const bad = (why: string): InputError =>
      new InputError(`not a download state (${why}); delete it to download everything again`, { file });
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw bad((error as Error).message);
    }
    const body = raw as { version?: unknown; completed?: unknown };
    if (body?.version !== 1 || typeof body.completed !== 'object' || body.completed === null)
      throw bad('expected {"version": 1, "completed": {...}}');
    for (const [key, list] of Object.entries(body.completed)) {
      if (!Array.isArray(list)) throw bad(`${key}: expected a list of [from, to] ranges`);
      let ranges: TimeRange[] = [];
      for (const range of list) {
        const ok =
          Array.isArray(range) &&
          range.length === 2 &&
          Number.isSafeInteger(range[0]) &&
          Number.isSafeInteger(range[1]) &&
          range[0] < range[1];
        if (!ok) throw bad(`${key}: ${JSON.stringify(range)} is not a [from, to] range of µs`);
        ranges = addRange(ranges, range[0] as number, range[1] as number);
      }
      completed.set(key, ranges);
    }
    return new DownloadState(file, completed);
  }

  /** The parts of `[fromUs, toUs)` of `key` not completed yet, in time order. */
  missing(key: string, fromUs: number, toUs: number): TimeRange[] {
    return missingRanges(this.#completed.get(key) ?? [], fromUs, toUs);
  }

  /** Records `[fromUs, toUs)` of `key` as complete and writes the file durably. */
  complete(key: string, fromUs: number, toUs: number): void {
    if (!(fromUs < toUs)) return;
    this.#completed.set(key, addRange(this.#completed.get(key) ?? [], fromUs, toUs));
    const completed = Object.fromEntries([...this.#completed].map(([k, r]) => [k, r.map((x) => [x[0], x[1]])]));
    writeDurably(this.#file, `${JSON.stringify({ version: 1, completed }, null, 2)}\n`);
  }
}

/** Writes a small file aside, flushes it and renames it into place (then flushes the folder). */
function writeDurably(path: string, text: string): void {
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, text);
  fsync(temp);
  renameSync(temp, path);
  fsync(dirname(path));
}

function fsync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
