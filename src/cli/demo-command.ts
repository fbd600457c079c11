import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { runBacktestJob } from './backtest-job.js';
import { durationOption, portOption } from './option-parsers.js';
import { DEMO_RISK_FILE, SAMPLE_DATA_DIR } from './package-paths.js';
import { runNode } from './paper-command.js';
import { formatSummaryTable } from './summary-table.js';

interface DemoOptions {
  out: string;
  duration?: number;
  port: number;
  host: string;
  backtest?: boolean;
}

/**
 * `quantflow demo`: the main job on embedded defaults, with no configuration: a paper-trading
 * session on the simulated market (sma-cross on 10-second bars, the sandbox venue, the risk limits
 * of data/demo/risk.json, a journal in `--out`) with the dashboard served, printing the URL to open. The URL carries an admin key
 * made for this session, so orders, strategies and the halt button work from the page.
 * `--backtest` runs the earlier main job instead: a backtest on the bundled sample data.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run the main job: paper trading on the simulated market with the dashboard (until Ctrl-C)')
    .option(
      '-o, --out <dir>',
      'where the journal (or, with --backtest, the run files) goes',
      join('out', 'demo'),
    )
    .option(
      '-t, --duration <duration>',
      'stop after this long: 30s, 10m (default: until Ctrl-C)',
      durationOption('duration'),
    )
    .option('--port <n>', 'dashboard port (0: any free one)', portOption('port'), 8080)
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--backtest', 'run the backtest demo instead (sma-cross on the bundled sample data)')
    .action(async (opts: DemoOptions) => {
      if (opts.backtest === true) {
        await backtestDemo(opts.out);
        return;
      }
      mkdirSync(opts.out, { recursive: true });
      const key = randomBytes(16).toString('hex');
      await runNode(
        {
          strategy: 'sma-cross',
          param: { fast: '3', slow: '8', qty: '10' },
          venue: 'sim',
          journal: join(opts.out, 'paper-journal.sqlite'),
          risk: DEMO_RISK_FILE,
          bars: '10s',
          cash: 100_000,
          seed: 1,
          source: 'exchange',
          serve: true,
          port: opts.port,
          host: opts.host,
          ...(opts.duration === undefined ? {} : { duration: opts.duration }),
        },
        'paper',
        { auth: { keys: [{ key, role: 'admin' }] }, urlSuffix: `?key=${key}` },
      );
    });
}

async function backtestDemo(out: string): Promise<void> {
  const files = readdirSync(SAMPLE_DATA_DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => relative(process.cwd(), join(SAMPLE_DATA_DIR, f)) || f);
  const job = await runBacktestJob(
    {
      data: files,
      instruments: relative(process.cwd(), join(SAMPLE_DATA_DIR, 'instruments.json')),
      strategy: 'sma-cross',
      params: {},
      cash: 100_000,
      currency: 'USD',
      commissionBps: 1,
      slippageBps: 2,
      fill: 'next-open',
    },
    { outDir: out, progress: true },
  );
  process.stdout.write(`data: ${files.join(', ')}\n`);
  process.stdout.write(formatSummaryTable('demo backtest: sma-cross', job.summary, job.metrics) + '\n');
  process.stdout.write(`results written to ${out}\n`);
}
