/**
 * `quantflow backtest --serve`: once the run is done, the REST API, the stream and the dashboard
 * on one port, with the run listed as a finished backtest (the same metrics, summary and HTML
 * report as its `--out` files) and more backtests open to API clients, until Ctrl-C, SIGTERM or
 * `--duration`.
 */
import { dirname, relative, resolve } from 'node:path';
import type { Clock } from '../core/clock.js';
import type { AuthConfig } from '../server/auth.js';
import { InProcessBacktestService, type BacktestRequest } from '../server/backtests/backtest-service.js';
import { workerBacktestRunner } from '../server/backtests/worker-backtest-runner.js';
import type { BacktestJobResult, BacktestRunConfig } from './backtest-job.js';
import { SAMPLE_DATA_DIR } from './package-paths.js';
import { printServedUrls, serveFromCli, type ServeCliOptions } from './serve-options.js';
import { untilStopped } from './until-stopped.js';

/** The run to serve and when it ran. */
export interface ServedRun {
  readonly job: BacktestJobResult;
  readonly config: BacktestRunConfig;
  readonly startedUs: number;
  readonly finishedUs: number;
}

/**
 * The folder API clients' backtests read bar CSV files from (named relative to it): the folder of
 * the run's first `--data` file; for a catalog run, which has no CSV files, the bundled sample data.
 */
export function apiDataDir(config: BacktestRunConfig): string {
  return config.data.length > 0 ? dirname(resolve(config.data[0])) : SAMPLE_DATA_DIR;
}

/** The run as an API request: data named relative to the data folder, so it can be sent again. */
function requestOf(run: ServedRun, dataDir: string): BacktestRequest {
  const params: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(run.job.params))
    params[k] = typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
  return {
    strategy: run.job.strategyName,
    params,
    data: run.config.data.map((file) => relative(dataDir, resolve(file))),
    cash: run.config.cash,
  };
}

/** Serves `run` as described above; resolves once the server is closed. */
export async function serveBacktestRun(
  run: ServedRun,
  opts: ServeCliOptions & { readonly duration?: number },
  auth: AuthConfig,
  clock: Clock,
): Promise<void> {
  const dataDir = apiDataDir(run.config);
  const backtests = new InProcessBacktestService({
    clock,
    run: workerBacktestRunner({ dataDir, cash: run.config.cash, currency: run.config.currency }),
  });
  const report = run.job.report();
  const { id } = backtests.addFinished({
    request: requestOf(run, dataDir),
    outcome: {
      metrics: run.job.metrics,
      summary: run.job.summary,
      reportHtml: report.html,
      report: report.data,
    },
    startedUs: run.startedUs,
    finishedUs: run.finishedUs,
  });
  const served = await serveFromCli(opts, { auth, clock, backtests });
  try {
    printServedUrls(served, 'report', `/report.html?id=${encodeURIComponent(id)}`);
    process.stdout.write(`API backtests read bar CSV files from ${dataDir}\n`);
    await untilStopped(opts.duration);
  } finally {
    await served.close();
  }
}
