/**
 * Downloads one instrument's bar history from a {@link HistorySource} into a {@link BarCatalog},
 * page by page, resuming where an earlier run stopped.
 *
 * - **Resume.** Only the parts of `[fromUs, toUs)` that {@link DownloadState} does not list as
 *   complete are asked for. After each page, its bars are written to the catalog first and the
 *   range up to its last bar is recorded complete second: an interruption at any point (Ctrl-C,
 *   crash, network) loses at most the page in flight, which the next run asks for again.
 * - **No duplicates.** A bar is identified by (instrument, time) in the catalog, so a page fetched
 *   twice replaces itself; pages are also cut to the range still missing.
 * - **Retries.** A {@link TransientHistoryError} is retried with exponential backoff and jitter;
 *   when retries run out, or on any other error, a {@link DownloadError} names the venue, the
 *   symbol and the time reached.
 */
import { formatTimestampUs } from '../../core/clock.js';
import { SeededRandom } from '../../core/random.js';
import type { Bar } from '../../model/data/bar.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { BarCatalog } from '../catalog/bar-catalog.js';
import { ReconnectPolicy, type ReconnectOptions } from '../feed/reconnect-policy.js';
import { downloadKey, type DownloadState } from './download-state.js';
import { TransientHistoryError, type HistorySource } from './history-source.js';

/** Where a download stands, after each page. */
export interface DownloadProgress {
  readonly instrumentId: InstrumentId;
  readonly fromUs: number;
  readonly toUs: number;
  /** Everything before this time is stored (or was already). */
  readonly reachedUs: number;
  /** Bars written so far by this run. */
  readonly bars: number;
}

/** What {@link downloadHistory} did. */
export interface DownloadResult {
  readonly instrumentId: InstrumentId;
  /** Bars written by this run (pages re-fetched after an interruption count again). */
  readonly bars: number;
  /** Page requests sent, failed attempts included. */
  readonly requests: number;
  /** µs of the range that an earlier run had already completed. */
  readonly skippedUs: number;
  /** True when {@link DownloadOptions.stopRequested} ended the run before the range was complete. */
  readonly stopped: boolean;
  /** Everything before this time is stored. */
  readonly reachedUs: number;
}

/** Settings of {@link downloadHistory}. */
export interface DownloadOptions {
  readonly catalog: BarCatalog;
  readonly state: DownloadState;
  readonly source: HistorySource;
  readonly symbol: string;
  readonly fromUs: number;
  readonly toUs: number;
  /** Retries of a transient failure before giving up (default 4). */
  readonly maxRetries?: number;
  /** Backoff between retries (default: 1 s doubling to 30 s, half of it random). */
  readonly backoff?: ReconnectOptions;
  /** Seed of the backoff jitter (default 1). */
  readonly seed?: number;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Asked before each page: true ends the run cleanly (the next run resumes). */
  readonly stopRequested?: () => boolean;
  /** Waits µs (default: a timer). */
  readonly sleep?: (us: number) => Promise<void>;
}

/** Pages per missing range beyond this mean a source that never ends: stop rather than loop. */
const MAX_PAGES = 1_000_000;

/** A download failed for good; the bars before {@link reachedUs} are stored. */
export class DownloadError extends Error {
  constructor(
    readonly venue: string,
    readonly symbol: string,
    /** Everything before this time is stored. */
    readonly reachedUs: number,
    readonly attempts: number,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `${venue} ${symbol}: download failed at ${formatTimestampUs(reachedUs)} after ${attempts} attempt(s): ${reason}`,
      { cause },
    );
    this.name = 'DownloadError';
  }
}

/**
 * Downloads the bars of `symbol` with `fromUs ≤ tsEvent < toUs` that the catalog's download state
 * does not list as complete (see the module comment).
 *
 * @throws DownloadError when the venue fails (after retries for transient failures)
 */
export async function downloadHistory(options: DownloadOptions): Promise<DownloadResult> {
  const { catalog, state, source, symbol, fromUs, toUs } = options;
  const maxRetries = options.maxRetries ?? 4;
  const policy = new ReconnectPolicy(new SeededRandom(options.seed ?? 1), {
    initialDelayUs: 1_000_000,
    ...options.backoff,
  });
  const sleep = options.sleep ?? ((us: number) => new Promise<void>((r) => setTimeout(r, us / 1000)));
  let requests = 0;

  /** Runs `work`, retrying transient failures; any final failure becomes a DownloadError. */
  const attempt = async <T>(reachedUs: number, counted: boolean, work: () => Promise<T>): Promise<T> => {
    policy.reset();
    for (let tries = 1; ; tries++) {
      if (counted) requests++;
      try {
        return await work();
      } catch (error) {
        const delayUs =
          error instanceof TransientHistoryError && tries <= maxRetries ? policy.nextDelayUs() : undefined;
        if (delayUs === undefined) throw new DownloadError(source.venue, symbol, reachedUs, tries, error);
        await sleep(delayUs);
      }
    }
  };

  const instrument = await attempt(fromUs, false, () => source.instrument(symbol));
  const key = downloadKey(instrument.id, source.timeframe);
  const missing = state.missing(key, fromUs, toUs);
  const skippedUs = toUs - fromUs - missing.reduce((sum, [a, b]) => sum + (b - a), 0);
  let bars = 0;
  let reachedUs = missing.length === 0 ? toUs : missing[0][0];
  const report = (): void =>
    options.onProgress?.({ instrumentId: instrument.id, fromUs, toUs, reachedUs, bars });
  const result = (stopped: boolean): DownloadResult => ({
    instrumentId: instrument.id,
    bars,
    requests,
    skippedUs,
    stopped,
    reachedUs,
  });

  report();
  for (const [gapFrom, gapTo] of missing) {
    reachedUs = gapFrom;
    let chainStart = gapFrom;
    let token: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= MAX_PAGES)
        throw new DownloadError(source.venue, symbol, reachedUs, 1, new Error(`more than ${MAX_PAGES} pages`));
      if (options.stopRequested?.() === true) return result(true);
      const cursor = reachedUs;
      const request = { instrument, symbol, fromUs: token === undefined ? cursor : chainStart, toUs: gapTo, token };
      const fetched = await attempt(cursor, true, () => source.fetchPage(request));
      const inRange = inOrder(fetched.bars.filter((b) => b.tsEvent >= cursor && b.tsEvent < gapTo));
      if (inRange.length > 0) {
        await catalog.writeBars(instrument, inRange);
        bars += inRange.length;
      }
      const lastUs = inRange.length > 0 ? inRange[inRange.length - 1].tsEvent : undefined;
      // No bar can follow in the range once the next bar would open at or after its end.
      const done =
        fetched.last ||
        (fetched.token === undefined && lastUs === undefined) ||
        (lastUs !== undefined && lastUs + source.timeframeUs >= gapTo);
      // Time bars open on the timeframe's grid, so the next one opens a timeframe after the last.
      reachedUs = done ? gapTo : lastUs !== undefined ? Math.min(gapTo, lastUs + source.timeframeUs) : cursor;
      state.complete(key, cursor, reachedUs);
      report();
      if (done) break;
      token = fetched.token;
      if (token === undefined) chainStart = reachedUs;
    }
  }
  reachedUs = toUs;
  return result(false);
}

/** Sorted by time with repeats dropped: the catalog wants strictly increasing times. */
function inOrder(bars: Bar[]): Bar[] {
  if (bars.every((b, i) => i === 0 || bars[i - 1].tsEvent < b.tsEvent)) return bars;
  const sorted = [...bars].sort((a, b) => a.tsEvent - b.tsEvent);
  return sorted.filter((b, i) => i === 0 || sorted[i - 1].tsEvent !== b.tsEvent);
}
