import type { Command } from 'commander';
import { FillMode } from '../backtest/fill-mode.js';
import { LiveClock } from '../core/clock.js';
import { InputError } from '../core/input-error.js';
import { BacktestRunConfig, readRunConfig, runBacktestJob } from './backtest-job.js';
import { serveBacktestRun } from './backtest-serve.js';
import {
  collect,
  collectParam,
  durationOption,
  numberOption,
  positiveNumberOption,
} from './option-parsers.js';
import {
  addServeOptions,
  checkServeOnlyOptions,
  readApiKeys,
  type ServeCliOptions,
} from './serve-options.js';
import { formatSummaryTable } from './summary-table.js';

interface BacktestCliOptions extends ServeCliOptions {
  data?: string[];
  catalog?: string;
  from?: string;
  to?: string;
  tradeBars?: string;
  instruments?: string;
  strategy?: string;
  param?: Record<string, string>;
  cash: number;
  currency: string;
  commissionBps: number;
  slippageBps: number;
  fill: string;
  benchmark?: string;
  out?: string;
  config?: string;
  progress: boolean;
  duration?: number;
}

/**
 * `quantflow backtest`: an event-driven backtest on bar CSV files or a bar catalog; with `--serve`,
 * then the API and dashboard showing the run (backtest-serve.ts).
 */
export function registerBacktestCommand(program: Command): void {
  const command = program
    .command('backtest')
    .description('run an event-driven backtest of a strategy on bar CSV files or a catalog')
    .option('-d, --data <csv>', 'bars CSV file; repeat for several instruments (merged by time)', collect)
    .option('--catalog <dir>', 'read bars of every instrument of this catalog (`quantflow data import`)')
    .option('--from <timestamp>', 'with --catalog: first time included (ISO-8601 or epoch)')
    .option('--to <timestamp>', 'with --catalog: first time excluded (ISO-8601 or epoch)')
    .option(
      '--trade-bars <spec>',
      "with --catalog: run on bars of this spec (1m, 5m, 100t, volume:1000) built from the catalog's trades",
    )
    .option(
      '-s, --strategy <name|file>',
      'built-in strategy name (see `quantflow strategies`) or a .ts/.js file',
    )
    .option('-p, --param <key=value>', 'strategy parameter; repeatable', collectParam)
    .option('--instruments <json>', 'instrument definitions (tick size, lot size, currency)')
    .option('--cash <amount>', 'starting cash', positiveNumberOption('cash'), 100_000)
    .option('--currency <code>', 'account currency', 'USD')
    .option(
      '--commission-bps <bps>',
      'commission in basis points of notional',
      numberOption('commission-bps', 0),
      0,
    )
    .option(
      '--slippage-bps <bps>',
      'slippage in basis points on market and stop fills',
      numberOption('slippage-bps', 0),
      0,
    )
    .option(
      '--fill <mode>',
      'market orders fill at the next bar open or the signal bar close: next-open|close',
      FillMode.NEXT_OPEN,
    )
    .option('--benchmark <csv>', 'bars CSV whose closes are the benchmark for beta and alpha')
    .option(
      '-o, --out <dir>',
      'write fills.csv, trades.csv, equity.csv, metrics.json, run.json, report.html here',
    )
    .option(
      '--config <run.json>',
      'repeat a run from its run.json (other options except --out and the serve options are ignored)',
    )
    .option('--no-progress', 'never draw a progress bar');
  addServeOptions(
    command,
    'then serve the run (report page, REST API, dashboard) and take more backtests over the API',
  )
    .option(
      '-t, --duration <duration>',
      'with --serve: stop serving after this long: 30s, 10m, 1h (default: until Ctrl-C)',
      durationOption('duration'),
    )
    .action(async (opts: BacktestCliOptions) => {
      checkServeOnlyOptions(command, ['duration']);
      const config = opts.config !== undefined ? readRunConfig(opts.config) : configFromOptions(opts);
      // A bad keys file fails before the run, not after it.
      const auth = opts.serve === true ? readApiKeys(opts.apiKeys) : undefined;
      const clock = new LiveClock();
      const startedUs = clock.timestampUs();
      const job = await runBacktestJob(config, { outDir: opts.out, progress: opts.progress });
      const finishedUs = clock.timestampUs();
      process.stdout.write(
        formatSummaryTable(`backtest: ${job.strategyName}`, job.summary, job.metrics) + '\n',
      );
      if (opts.out !== undefined) process.stdout.write(`results written to ${opts.out}\n`);
      if (auth !== undefined)
        await serveBacktestRun({ job, config, startedUs, finishedUs }, opts, auth, clock);
    });
}

function configFromOptions(opts: BacktestCliOptions): BacktestRunConfig {
  if ((opts.data === undefined || opts.data.length === 0) && opts.catalog === undefined)
    throw new InputError('option --data <csv> or --catalog <dir> is required');
  if (opts.catalog === undefined && (opts.from !== undefined || opts.to !== undefined))
    throw new InputError('options --from and --to need --catalog <dir>');
  if (opts.catalog === undefined && opts.tradeBars !== undefined)
    throw new InputError('option --trade-bars needs --catalog <dir>');
  if (opts.strategy === undefined) throw new InputError('option --strategy <name|file> is required');
  if (opts.fill !== FillMode.NEXT_OPEN && opts.fill !== FillMode.CLOSE) {
    throw new InputError(`option --fill: "${opts.fill}" must be next-open or close`);
  }
  return {
    data: opts.data ?? [],
    ...(opts.catalog === undefined
      ? {}
      : { catalog: opts.catalog, from: opts.from, to: opts.to, tradeBars: opts.tradeBars }),
    instruments: opts.instruments,
    strategy: opts.strategy,
    params: opts.param ?? {},
    cash: opts.cash,
    currency: opts.currency.toUpperCase(),
    commissionBps: opts.commissionBps,
    slippageBps: opts.slippageBps,
    fill: opts.fill,
    benchmark: opts.benchmark,
  };
}
