/**
 * Worker thread entry: runs one bar-CSV backtest (see {@link runBarCsvBacktest}) off the main
 * thread and posts `{ ok: true, outcome }` or `{ ok: false, message }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BacktestRequest } from './backtest-service.js';
import { runBarCsvBacktest, type BarCsvBacktestOptions } from './bar-csv-backtest.js';

const { request, options } = workerData as { request: BacktestRequest; options: BarCsvBacktestOptions };
try {
  parentPort!.postMessage({ ok: true, outcome: runBarCsvBacktest(request, options) });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
