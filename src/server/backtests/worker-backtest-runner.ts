/**
 * A {@link BacktestRunner} that runs each job in its own worker thread: a backtest is one long
 * synchronous computation, and on the main thread it would stall the trading node's event loop
 * (market data, orders, the API) for as long as it runs.
 */
import { Worker } from 'node:worker_threads';
import type { BacktestOutcome, BacktestRequest, BacktestRunner } from './backtest-service.js';
import type { BarCsvBacktestOptions } from './bar-csv-backtest.js';

export function workerBacktestRunner(options: BarCsvBacktestOptions): BacktestRunner {
  return (request: BacktestRequest) =>
    new Promise<BacktestOutcome>((resolve, reject) => {
      const worker = new Worker(new URL('./backtest-worker.js', import.meta.url), {
        workerData: { request, options },
      });
      let settled = false;
      worker.once(
        'message',
        (message: { ok: true; outcome: BacktestOutcome } | { ok: false; message: string }) => {
          settled = true;
          if (message.ok) resolve(message.outcome);
          else reject(new Error(message.message));
        },
      );
      worker.once('error', (error) => {
        settled = true;
        reject(error);
      });
      worker.once('exit', (code) => {
        if (!settled) reject(new Error(`backtest worker exited with code ${code}`));
      });
    });
}
