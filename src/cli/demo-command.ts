import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { runBacktestJob } from './backtest-job.js';
import { SAMPLE_DATA_DIR } from './package-paths.js';
import { formatSummaryTable } from './summary-table.js';

/**
 * `quantflow demo`: the main job on embedded defaults, with no configuration: for now a
 * backtest of `sma-cross` on the bundled sample data, printing the results table.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run the main job on embedded defaults (a backtest of sma-cross on the bundled sample data)')
    .option('-o, --out <dir>', 'where to write the run files', join('out', 'demo'))
    .action(async (opts: { out: string }) => {
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
        { outDir: opts.out, progress: true },
      );
      process.stdout.write(`data: ${files.join(', ')}\n`);
      process.stdout.write(formatSummaryTable('demo backtest: sma-cross', job.summary, job.metrics) + '\n');
      process.stdout.write(`results written to ${opts.out}\n`);
    });
}
