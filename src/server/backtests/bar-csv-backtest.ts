/**
 * A backtest of a built-in strategy over bar CSV files from one data folder: what API clients may
 * run on a server. Files are named relative to the folder and may not leave it (a client must not
 * make the server read arbitrary files). When the folder holds an `instruments.json`, each file's
 * instrument is the one whose symbol is the file's stem (`spy.csv` → `SPY.SIM`).
 */
import { existsSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { readBarsCsv } from '../../adapters/csv/bar-csv-reader.js';
import { readInstrumentsFile } from '../../adapters/csv/instrument-file.js';
import { BacktestEngine } from '../../backtest/backtest-engine.js';
import { metricsInputOf } from '../../backtest/metrics-from-result.js';
import { renderReportHtml } from '../../backtest/report/render-report.js';
import { reportFromResult } from '../../backtest/report/report-from-result.js';
import { summarize } from '../../backtest/run-outputs.js';
import { symbolOf } from '../../model/identifiers/instrument-id.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import { currency } from '../../model/types/currency.js';
import { computeMetrics } from '../../portfolio/metrics/compute-metrics.js';
import { BUILTIN_STRATEGIES } from '../../strategy/builtin/registry.js';
import { parseStrategyParams } from '../../strategy/strategy-params.js';
import type { BacktestOutcome, BacktestRequest } from './backtest-service.js';

export interface BarCsvBacktestOptions {
  /** The folder data files are read from. */
  readonly dataDir: string;
  /** Starting cash when the request names none (default 100,000). */
  readonly cash?: number;
  /** Account currency (default USD). */
  readonly currency?: string;
}

/** A file of `dataDir` named by a client, or an error naming the problem. */
function resolveDataFile(dataDir: string, name: string): string {
  const root = resolve(dataDir);
  const path = resolve(root, name);
  const inside = relative(root, path);
  if (isAbsolute(name) || inside.startsWith('..') || isAbsolute(inside))
    throw new Error(`data file ${name}: must be a file inside the server's data folder`);
  if (!existsSync(path)) throw new Error(`data file ${name}: no such file in the server's data folder`);
  return path;
}

/** Runs `request` synchronously; throws an Error with a message for the client on bad input. */
export function runBarCsvBacktest(request: BacktestRequest, options: BarCsvBacktestOptions): BacktestOutcome {
  const cls = BUILTIN_STRATEGIES[request.strategy];
  if (cls === undefined)
    throw new Error(
      `unknown strategy ${request.strategy} (known: ${Object.keys(BUILTIN_STRATEGIES).join(', ')})`,
    );
  const params = parseStrategyParams(cls, request.strategy, request.params);
  if (!params.ok) throw new Error(params.error.join('; '));
  if (request.data.length === 0) throw new Error('data: name at least one bar CSV file');
  const account = currency(options.currency ?? 'USD');
  const definitionsFile = join(options.dataDir, 'instruments.json');
  const definitions = existsSync(definitionsFile) ? [...readInstrumentsFile(definitionsFile).values()] : [];
  const engine = new BacktestEngine({
    currency: account,
    startingCash: request.cash ?? options.cash ?? 100_000,
  });
  const seen = new Set<string>();
  for (const name of request.data) {
    const path = resolveDataFile(options.dataDir, name);
    const stem = basename(path, extname(path)).toUpperCase();
    const instrument: Instrument | undefined = definitions.find((i) => symbolOf(i.id).toUpperCase() === stem);
    const loaded = readBarsCsv(path, instrument === undefined ? {} : { instrument });
    if (seen.has(loaded.instrument.id))
      throw new Error(`instrument ${loaded.instrument.id} appears in two data files`);
    seen.add(loaded.instrument.id);
    engine.addInstrument(loaded.instrument);
    engine.addBars(loaded.bars);
  }
  engine.addStrategy(new cls(params.value, `${request.strategy}-001`));
  const result = engine.run();
  const metrics = computeMetrics(metricsInputOf(result, engine.kernel.cache));
  const summary = summarize(result);
  // The report of `quantflow backtest` (src/backtest/report): the same page and data.
  const parameters: Record<string, string | number> = {
    strategy: request.strategy,
    data: request.data.join(', '),
  };
  for (const [k, v] of Object.entries(params.value)) parameters[k] = typeof v === 'number' ? v : String(v);
  const report = reportFromResult(
    `Backtest: ${request.strategy} on ${request.data.join(', ')}`,
    result,
    engine.kernel.cache,
    metrics,
    parameters,
  );
  return { metrics, summary, reportHtml: renderReportHtml(report), report };
}
