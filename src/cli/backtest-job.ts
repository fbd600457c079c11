import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { instrumentIdFromFileName, readBarsCsv } from '../adapters/csv/bar-csv-reader.js';
import { readInstrumentsFile } from '../adapters/csv/instrument-file.js';
import { parseTimestampUs } from '../adapters/csv/timestamp-parser.js';
import { BacktestEngine, type BacktestResult } from '../backtest/backtest-engine.js';
import { FillMode } from '../backtest/fill-mode.js';
import { metricsInputOf } from '../backtest/metrics-from-result.js';
import { renderReportHtml } from '../backtest/report/render-report.js';
import { reportFromResult } from '../backtest/report/report-from-result.js';
import type { BacktestReportData } from '../backtest/report/report-types.js';
import { summarize, writeRunOutputs, type RunSummary } from '../backtest/run-outputs.js';
import { InputError } from '../core/input-error.js';
import { symbolOf, type InstrumentId } from '../model/identifiers/instrument-id.js';
import type { Instrument } from '../model/instruments/instrument.js';
import { currency, type Currency } from '../model/types/currency.js';
import { parseBarSpec } from '../data/aggregation/bar-spec.js';
import { BarCatalog } from '../data/catalog/bar-catalog.js';
import { TickCatalog } from '../data/catalog/tick-catalog.js';
import { barsFromTrades } from '../data/catalog/trade-bars.js';
import type { Bar } from '../model/data/bar.js';
import { computeMetrics } from '../portfolio/metrics/compute-metrics.js';
import type { PerformanceMetrics } from '../portfolio/metrics/performance-metrics.js';
import { parseStrategyParams } from '../strategy/strategy-params.js';
import { sha256File } from './file-digest.js';
import { fileErrorsAsInput } from './file-errors.js';
import { progressReporter } from './progress-bar.js';
import { loadStrategy } from './strategy-loader.js';

/** Everything that defines a backtest run; written to run.json and readable back with `--config`. */
export const BacktestRunConfig = z
  .strictObject({
    /** Bar CSV files; or none, with `catalog`. */
    data: z.array(z.string()).default([]),
    /** A bar catalog (`quantflow data import`): all its instruments, bars in [from, to). */
    catalog: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    /** With `catalog`: build bars of this spec (`1m`, `100t`, …) from the catalog's trades instead of reading its bars. */
    tradeBars: z.string().optional(),
    instruments: z.string().optional(),
    strategy: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    cash: z.number().positive(),
    currency: z.string().default('USD'),
    commissionBps: z.number().min(0).default(0),
    slippageBps: z.number().min(0).default(0),
    fill: z.enum([FillMode.NEXT_OPEN, FillMode.CLOSE]).default(FillMode.NEXT_OPEN),
    benchmark: z.string().optional(),
  })
  .refine((config) => config.data.length > 0 || config.catalog !== undefined, {
    error: 'data or catalog is required',
    path: ['data'],
  })
  .refine((config) => config.tradeBars === undefined || config.catalog !== undefined, {
    error: 'tradeBars needs catalog',
    path: ['tradeBars'],
  });
export type BacktestRunConfig = z.infer<typeof BacktestRunConfig>;

export interface BacktestJobResult {
  readonly strategyName: string;
  /** The strategy's parameters as run (defaults filled in). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly result: BacktestResult;
  readonly summary: RunSummary;
  readonly metrics: PerformanceMetrics;
  /** The configuration as run: parameters with defaults filled in, data digests. */
  readonly record: unknown;
  /** The report's data and its self-contained HTML (what `report.html` holds); built on first call. */
  report(): { readonly data: BacktestReportData; readonly html: string };
}

/**
 * Loads data and strategy, runs the backtest and computes metrics; writes the run
 * directory when `outDir` is given. Bad input throws {@link InputError}.
 */
export async function runBacktestJob(
  config: BacktestRunConfig,
  options: { outDir?: string; progress?: boolean } = {},
): Promise<BacktestJobResult> {
  if (options.outDir !== undefined) checkOutDir(options.outDir);
  const loaded = await loadStrategy(config.strategy);
  const params = parseStrategyParams(loaded.cls, loaded.name, config.params);
  if (!params.ok) throw new InputError(params.error.join('; '));

  const account = currency(config.currency);
  const definitions =
    config.instruments === undefined
      ? new Map<InstrumentId, Instrument>()
      : readInstrumentsFile(config.instruments);
  const progress = progressReporter(options.progress ?? false);
  const engine = new BacktestEngine({
    currency: account,
    startingCash: config.cash,
    fillMode: config.fill,
    commissionBps: config.commissionBps,
    slippageBps: config.slippageBps,
    onProgress: progress.onProgress,
  });
  const seen = new Set<string>();
  if (config.catalog !== undefined) {
    for (const { instrument, bars } of await readCatalog(
      config.catalog,
      config.from,
      config.to,
      config.tradeBars,
    )) {
      checkCurrency(instrument, account, config.catalog);
      seen.add(instrument.id);
      engine.addInstrument(instrument);
      engine.addBars(bars);
    }
  }
  for (const path of config.data) {
    const instrument = definitionFor(path, definitions, config.instruments);
    const { instrument: resolved, bars } = readBarsCsv(path, instrument === undefined ? {} : { instrument });
    if (seen.has(resolved.id))
      throw new InputError(`instrument ${resolved.id} appears in two data files`, { file: path });
    seen.add(resolved.id);
    checkCurrency(resolved, account, path);
    engine.addInstrument(resolved);
    engine.addBars(bars);
  }
  const benchmark = config.benchmark === undefined ? undefined : readBenchmark(config.benchmark);

  const strategy = new loaded.cls(params.value, `${loaded.name}-001`);
  engine.addStrategy(strategy);
  const result = engine.run();
  progress.finish();

  const metrics = computeMetrics(metricsInputOf(result, engine.kernel.cache, benchmark));
  const record = {
    ...config,
    params: params.value,
    digests: Object.fromEntries(
      [
        ...config.data,
        ...(config.instruments ? [config.instruments] : []),
        ...(config.benchmark ? [config.benchmark] : []),
      ].map((p) => [p, sha256File(p)]),
    ),
  };
  let built: { data: BacktestReportData; html: string } | undefined;
  const report = (): { data: BacktestReportData; html: string } => {
    if (built !== undefined) return built;
    const parameters: Record<string, string | number> = { strategy: loaded.name };
    for (const [k, v] of Object.entries(params.value)) parameters[k] = typeof v === 'number' ? v : String(v);
    const data = reportFromResult(
      `Backtest: ${loaded.name}`,
      result,
      engine.kernel.cache,
      metrics,
      parameters,
    );
    // One self-contained page (inline CSS and SVG, no requests): equity, drawdown, monthly
    // returns, trades, metrics, parameters.
    return (built = { data, html: renderReportHtml(data) });
  };
  if (options.outDir !== undefined) {
    const dir = options.outDir;
    const html = report().html;
    fileErrorsAsInput(dir, 'cannot write results', () => {
      writeRunOutputs(dir, result, engine.kernel.cache, metrics, record);
      writeFileSync(join(dir, 'report.html'), html);
    });
  }
  return {
    strategyName: loaded.name,
    params: params.value,
    result,
    summary: summarize(result),
    metrics,
    record,
    report,
  };
}

/** Fails before any work when the output directory cannot be one (a file is in the way). */
function checkOutDir(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new InputError('option --out: exists and is not a directory', { file: dir });
  }
}

function checkCurrency(instrument: Instrument, account: Currency, file: string): void {
  if (instrument.quoteCurrency.code !== account.code) {
    throw new InputError(
      `instrument ${instrument.id} is quoted in ${instrument.quoteCurrency.code} but the account is in ${account.code} (use --currency)`,
      { file },
    );
  }
}

/**
 * Every instrument of a catalog, in catalog order, with its bars in [from, to); with `tradeBars`,
 * every instrument with trades, with bars of that spec built from its trades in [from, to).
 */
async function readCatalog(
  dir: string,
  from: string | undefined,
  to: string | undefined,
  tradeBars: string | undefined,
): Promise<{ instrument: Instrument; bars: Bar[] }[]> {
  const { fromUs, toUs } = timeRangeOptions(from, to);
  if (tradeBars !== undefined) {
    parseBarSpec(tradeBars); // a bad spec fails before any reading
    const ticks = await TickCatalog.open(dir);
    try {
      const loaded = [];
      for (const instrument of ticks.instrumentsWith('trades')) {
        const trades = await ticks.readTradeColumns(instrument.id, fromUs, toUs);
        loaded.push({ instrument, bars: barsFromTrades(trades, tradeBars, toUs) });
      }
      return loaded;
    } finally {
      ticks.close();
    }
  }
  const catalog = await BarCatalog.open(dir);
  try {
    const loaded = [];
    for (const instrument of catalog.instruments()) {
      loaded.push({ instrument, bars: await catalog.readBars(instrument.id, fromUs, toUs) });
    }
    return loaded;
  } finally {
    catalog.close();
  }
}

/** The instrument definition for a data file: the one whose symbol is the file's stem. */
export function definitionFor(
  path: string,
  definitions: Map<InstrumentId, Instrument>,
  file: string | undefined,
): Instrument | undefined {
  if (definitions.size === 0) return undefined;
  const fromName = instrumentIdFromFileName(path);
  const symbol = fromName === undefined ? undefined : symbolOf(fromName);
  const matches = [...definitions.values()].filter((i) => symbolOf(i.id).toUpperCase() === symbol);
  if (matches.length === 1) return matches[0];
  throw new InputError(
    matches.length === 0
      ? `no instrument for data file ${path} (expected an id with symbol ${symbol ?? '?'}; defined: ${[...definitions.keys()].join(', ')})`
      : `several instruments match data file ${path}: ${matches.map((i) => i.id).join(', ')}`,
    { file },
  );
}

function readBenchmark(path: string): { ts: Float64Array; price: Float64Array } {
  const { bars } = readBarsCsv(path);
  const ts = new Float64Array(bars.length);
  const price = new Float64Array(bars.length);
  bars.forEach((bar, i) => {
    ts[i] = bar.tsEvent;
    price[i] = bar.close.asNumber();
  });
  return { ts, price };
}

/** Reads a run.json written by an earlier run, to repeat it. */
export function readRunConfig(path: string): BacktestRunConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot read run configuration: ${(error as Error).message}`, { file: path });
  }
  const { digests, ...rest } = json as Record<string, unknown>;
  const parsed = BacktestRunConfig.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${issue.path.join('.') || 'configuration'}: ${issue.message}`, { file: path });
  }
  // A repeat is only a repeat on the same bytes.
  for (const [file, digest] of Object.entries((digests ?? {}) as Record<string, unknown>)) {
    if (existsSync(file) && sha256File(file) !== digest) {
      throw new InputError(
        `${file} changed since the recorded run (SHA-256 differs), so the run cannot be repeated`,
        { file: path },
      );
    }
  }
  return parsed.data;
}

/**
 * `--from`/`--to` options as a µs range [fromUs, toUs) (unbounded when absent).
 *
 * @throws InputError naming the option when a timestamp cannot be read or the range is empty
 */
export function timeRangeOptions(from?: string, to?: string): { fromUs: number; toUs: number } {
  const parse = (name: string, text: string | undefined, unbounded: number): number => {
    if (text === undefined) return unbounded;
    const us = parseTimestampUs(text);
    if (typeof us === 'string') throw new InputError(`option --${name}: "${text}": ${us}`);
    return us;
  };
  const fromUs = parse('from', from, -Infinity);
  const toUs = parse('to', to, Infinity);
  if (fromUs >= toUs) throw new InputError(`option --to: must be after --from`);
  return { fromUs, toUs };
}
