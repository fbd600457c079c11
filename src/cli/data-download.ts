/**
 * `quantflow data download`: bar history from a venue (any ccxt exchange, or Alpaca) into a
 * catalog, page by page, resuming what an earlier run left unfinished (docs/catalog.md,
 * "Downloading history").
 */
import { mkdirSync } from 'node:fs';
import { alpacaConfigFromEnv } from '../adapters/alpaca/alpaca-config.js';
import { AlpacaHistorySource } from '../adapters/alpaca/alpaca-history-source.js';
import { CcxtHistorySource } from '../adapters/ccxt/ccxt-history.js';
import { ccxtConfigFromEnv } from '../adapters/ccxt/config.js';
import { formatTimestampUs, LiveClock, US } from '../core/clock.js';
import { InputError } from '../core/input-error.js';
import { BarCatalog } from '../data/catalog/bar-catalog.js';
import { DownloadState } from '../data/download/download-state.js';
import { DownloadError, downloadHistory, type DownloadResult } from '../data/download/history-download.js';
import type { HistorySource } from '../data/download/history-source.js';
import { parseTimeframe, type Timeframe } from '../data/download/timeframe.js';
import { timeRangeOptions } from './backtest-job.js';
import { downloadProgress } from './download-progress.js';
import { fileErrorsAsInput } from './file-errors.js';

/** Options of `data download`, as commander hands them over. */
export interface DownloadCliOptions {
  venue: string;
  symbols: string;
  timeframe: string;
  from: string;
  to?: string;
  catalog: string;
  retries: number;
  progress: boolean;
}

/** Exit code after Ctrl-C (128 + SIGINT), as shells expect. */
const INTERRUPTED = 130;

/** Runs `data download`; see the module comment. Venue failures print one line and exit 1. */
export async function downloadBars(opts: DownloadCliOptions): Promise<void> {
  const symbols = symbolList(opts.symbols);
  const timeframe = parseTimeframe(opts.timeframe);
  if (timeframe === undefined)
    throw new InputError(`option --timeframe: "${opts.timeframe}" is not like 1m, 5m, 1h, 1d, 1w`);
  const { fromUs, toUs } = range(opts, timeframe);
  const state = DownloadState.read(opts.catalog);
  const source = await openSource(opts.venue, opts.timeframe);
  let catalog: BarCatalog;
  try {
    fileErrorsAsInput(opts.catalog, 'cannot create the catalog', () =>
      mkdirSync(opts.catalog, { recursive: true }),
    );
    catalog = await BarCatalog.open(opts.catalog, { create: true });
  } catch (error) {
    await source.close();
    throw error;
  }
  const progress = downloadProgress(opts.progress);
  // Ctrl-C: finish the page in flight (its bars and the state are written) and stop; a second
  // Ctrl-C kills at once, which is safe too (files are written aside and renamed).
  let stop = false;
  const onInterrupt = (): void => {
    stop = true;
    process.stderr.write('\nstopping after the current page (Ctrl-C again to quit at once)\n');
  };
  process.once('SIGINT', onInterrupt);
  let total = 0;
  let requests = 0;
  try {
    for (const symbol of symbols) {
      let result: DownloadResult;
      try {
        result = await downloadHistory({
          catalog,
          state,
          source,
          symbol,
          fromUs,
          toUs,
          maxRetries: opts.retries,
          backoff: { initialDelayUs: 500_000, maxDelayUs: 30_000_000 },
          onProgress: progress.onProgress,
          stopRequested: () => stop,
        });
      } catch (error) {
        progress.finish();
        if (!(error instanceof DownloadError)) throw error;
        process.stderr.write(
          `error: ${error.message}\n(bars before ${formatTimestampUs(error.reachedUs)} are stored: run the same command again to resume)\n`,
        );
        process.exitCode = 1;
        return;
      }
      progress.finish();
      total += result.bars;
      requests += result.requests;
      const stored = await catalog.readColumns(result.instrumentId, fromUs, toUs);
      const span =
        stored.length === 0
          ? ''
          : `, first ${formatTimestampUs(stored.tsEvent[0])}, last ${formatTimestampUs(stored.tsEvent[stored.length - 1])}`;
      const skipped =
        result.skippedUs > 0 ? `, ${formatSpan(result.skippedUs)} of the range already downloaded` : '';
      process.stdout.write(
        `${result.instrumentId}: ${result.bars} bars downloaded in ${result.requests} request(s)${skipped}; ${stored.length} bars in the catalog${span}\n`,
      );
      if (result.stopped) {
        process.stderr.write(
          `interrupted at ${formatTimestampUs(result.reachedUs)}: run the same command again to resume\n`,
        );
        process.exitCode = INTERRUPTED;
        return;
      }
    }
    process.stdout.write(
      `downloaded ${total} bars of ${symbols.length} instrument(s) from ${source.venue} into ${opts.catalog} in ${requests} request(s)\n`,
    );
  } finally {
    process.off('SIGINT', onInterrupt);
    progress.finish();
    catalog.close();
    await source.close();
  }
}

/** `A,B` → `['A', 'B']`: trimmed, no empties, no repeats. */
function symbolList(text: string): string[] {
  const symbols = text.split(',').map((s) => s.trim());
  if (symbols.some((s) => s === '')) throw new InputError(`option --symbols: "${text}" has an empty symbol`);
  const repeated = symbols.find((s, i) => symbols.indexOf(s) !== i);
  if (repeated !== undefined) throw new InputError(`option --symbols: ${repeated} is listed twice`);
  return symbols;
}

/**
 * `[from, to)` in µs. `--to` defaults to now and is capped there: a bar still forming must not be
 * stored, nor recorded as downloaded (the next run would skip its final values).
 */
function range(opts: DownloadCliOptions, timeframe: Timeframe): { fromUs: number; toUs: number } {
  const { fromUs, toUs } = timeRangeOptions(opts.from, opts.to);
  // Bars opening before this closed before now, whatever the venue's alignment of the timeframe.
  const nowUs = new LiveClock().timestampUs();
  const closedUs = Math.floor((nowUs - timeframe.us) / US.SECOND) * US.SECOND;
  const cappedUs = Math.min(toUs, closedUs);
  if (cappedUs < toUs && opts.to !== undefined)
    process.stderr.write(
      `note: --to capped at ${formatTimestampUs(cappedUs)}: later bars are not closed yet\n`,
    );
  if (fromUs >= cappedUs)
    throw new InputError(`option --from: ${opts.from} is not before ${formatTimestampUs(cappedUs)}`);
  return { fromUs, toUs: cappedUs };
}

/** The history source of `--venue`: `alpaca`, or a ccxt exchange id. */
async function openSource(venue: string, timeframe: string): Promise<HistorySource> {
  const name = venue.trim().toLowerCase();
  try {
    if (name === 'alpaca')
      return new AlpacaHistorySource({ config: alpacaConfigFromEnv(process.env), timeframe });
    return await CcxtHistorySource.open(ccxtConfigFromEnv(name, process.env), timeframe);
  } catch (error) {
    // Unknown exchange, missing keys, a timeframe the venue lacks: the user's to fix.
    throw new InputError(`option --venue ${venue}: ${(error as Error).message}`);
  }
}

/** A duration for people: `3d 4h`, `25m`. */
function formatSpan(us: number): string {
  const minutes = Math.round(us / US.MINUTE);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d > 0 ? `${d}d` : '', h > 0 ? `${h}h` : '', m > 0 || minutes === 0 ? `${m}m` : '']
    .filter(Boolean)
    .join(' ');
}
