import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { InputError } from '../core/input-error.js';
import {
  AvellanedaStoikovMaker,
  type AvellanedaStoikovReport,
} from '../matching/simulator/avellaneda-stoikov.js';
import {
  defaultSimulationConfig,
  parseAvellanedaStoikovParams,
  parseSimulationConfigText,
  type SimulationConfig,
} from '../matching/simulator/config.js';
import { CsvRecorder, formatPopulationsCsv } from '../matching/simulator/csv-output.js';
import { runSimulation } from '../matching/simulator/market-simulator.js';
import { ticksToMoney } from '../matching/simulator/money.js';
import { createOrderBook } from '../matching/simulator/order-book-factory.js';
import { buildPopulationAgents, historyNeededUs } from '../matching/simulator/population-agents.js';
import type { SimulationSummary } from '../matching/simulator/sim-types.js';
import { fileErrorsAsInput } from './file-errors.js';
import { collectParam, durationOption, numberOption } from './option-parsers.js';

interface SimulateCliOptions {
  agents: string;
  duration: number;
  seed?: number;
  strategy?: string;
  param?: Record<string, string>;
  l3: boolean;
  out: string;
}

/** The strategies `--strategy` accepts. */
const STRATEGIES = ['market-maker'];

/**
 * `quantflow simulate`: runs the agent-based market simulator (docs/simulator.md) and writes
 * trades, L2 snapshots, per-population results and, with `--strategy market-maker`, the
 * Avellaneda–Stoikov strategy's results.
 */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('run the agent-based market simulator; write trades, book snapshots and results')
    .option('-a, --agents <config.json|default>', 'agent populations and market settings (JSON)', 'default')
    .requiredOption(
      '-t, --duration <duration>',
      'simulated time: 30s, 10m, 1h, ...',
      durationOption('duration'),
    )
    .option(
      '--seed <n>',
      'random seed (overrides the config file); same seed, same files',
      numberOption('seed', 0),
    )
    .option('-s, --strategy <name>', `run a strategy in the market: ${STRATEGIES.join(', ')}`)
    .option('-p, --param <key=value>', 'strategy parameter; repeatable (see docs/simulator.md)', collectParam)
    .option('--l3', 'also write every book event to l3.csv', false)
    .requiredOption(
      '-o, --out <dir>',
      'write trades.csv, book.csv, agents.csv, run.json (and strategy.json) here',
    )
    .action((opts: SimulateCliOptions) => {
      const config = readConfig(opts);
      const strategyParams = strategyParamsFrom(opts);
      const outDir = prepareOutDir(opts.out);
      const job = runJob(config, opts.duration, strategyParams, outDir);
      writeResults(outDir, config, opts, job);
      process.stdout.write(formatSimulationTable(opts, config, job.summary, job.report) + '\n');
      process.stdout.write(`results written to ${opts.out}\n`);
    });
}

interface Job {
  readonly summary: SimulationSummary;
  readonly report?: AvellanedaStoikovReport;
}

function readConfig(opts: SimulateCliOptions): SimulationConfig {
  let config: SimulationConfig;
  if (opts.agents === 'default') config = defaultSimulationConfig();
  else {
    const text = fileErrorsAsInput(opts.agents, 'cannot read agents config', () =>
      readFileSync(opts.agents, 'utf8'),
    );
    config = parseSimulationConfigText(text, opts.agents);
  }
  if (opts.seed !== undefined) {
    if (!Number.isSafeInteger(opts.seed))
      throw new InputError(`option --seed: ${opts.seed} must be an integer`);
    config = { ...config, seed: opts.seed };
  }
  return opts.l3 ? { ...config, l3: true } : config;
}

function strategyParamsFrom(opts: SimulateCliOptions): Record<string, string> | undefined {
  if (opts.strategy === undefined) {
    if (opts.param !== undefined) throw new InputError('option --param needs --strategy');
    return undefined;
  }
  if (!STRATEGIES.includes(opts.strategy))
    throw new InputError(
      `option --strategy: unknown strategy '${opts.strategy}' (known: ${STRATEGIES.join(', ')})`,
    );
  return opts.param ?? {};
}

function prepareOutDir(dir: string): string {
  fileErrorsAsInput(dir, 'cannot create the output folder', () => mkdirSync(dir, { recursive: true }));
  if (!statSync(dir).isDirectory())
    throw new InputError('option --out: exists and is not a directory', { file: dir });
  return dir;
}

/** Runs the simulation, streaming trades.csv, book.csv (and l3.csv) into `outDir`. */
function runJob(
  config: SimulationConfig,
  durationUs: number,
  strategyParams: Record<string, string> | undefined,
  outDir: string,
): Job {
  const maker =
    strategyParams === undefined
      ? undefined
      : new AvellanedaStoikovMaker(parseAvellanedaStoikovParams(strategyParams));
  const agents = buildPopulationAgents(config);
  if (maker !== undefined) agents.push(maker);

  const files = {
    trades: openOut(join(outDir, 'trades.csv')),
    book: openOut(join(outDir, 'book.csv')),
    l3: config.l3 ? openOut(join(outDir, 'l3.csv')) : undefined,
  };
  try {
    const sink = (fd: number, path: string) => (text: string) =>
      fileErrorsAsInput(path, 'cannot write', () => writeSync(fd, text));
    const recorder = new CsvRecorder(
      {
        trades: sink(files.trades.fd, files.trades.path),
        book: sink(files.book.fd, files.book.path),
        l3: files.l3 === undefined ? undefined : sink(files.l3.fd, files.l3.path),
      },
      config.snapshots.levels,
    );
    const summary = runSimulation({
      config,
      bookFactory: createOrderBook,
      durationUs,
      agents,
      historyUs: historyNeededUs(config),
      recorder,
    });
    recorder.flush();
    return { summary, report: maker?.report(summary.finalMark, config.instrument) };
  } finally {
    for (const f of [files.trades, files.book, files.l3]) if (f !== undefined) closeSync(f.fd);
  }
}

function openOut(path: string): { fd: number; path: string } {
  return { fd: fileErrorsAsInput(path, 'cannot write', () => openSync(path, 'w')), path };
}

function writeResults(outDir: string, config: SimulationConfig, opts: SimulateCliOptions, job: Job): void {
  const write = (name: string, text: string): void => {
    const path = join(outDir, name);
    fileErrorsAsInput(path, 'cannot write', () => writeFileSync(path, text));
  };
  write('agents.csv', formatPopulationsCsv(job.summary.populations, config.instrument));
  const { agents: _perAgent, ...summary } = job.summary;
  // Everything needed to repeat the run: the resolved configuration (defaults filled in), the duration, the strategy.
  write(
    'run.json',
    JSON.stringify(
      {
        durationUs: opts.duration,
        strategy: opts.strategy ?? null,
        params: job.report?.params ?? null,
        config,
        summary,
      },
      null,
      2,
    ) + '\n',
  );
  if (job.report !== undefined) write('strategy.json', JSON.stringify(job.report, null, 2) + '\n');
}

/** The table printed after a run. */
function formatSimulationTable(
  opts: SimulateCliOptions,
  config: SimulationConfig,
  s: SimulationSummary,
  report: AvellanedaStoikovReport | undefined,
): string {
  const color = process.stdout.isTTY === true;
  const table = new Table({
    head: [`simulate: ${formatDuration(opts.duration)}, seed ${config.seed}`, ''],
    colAligns: ['left', 'right'],
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: color ? { head: ['cyan'] } : { head: [], border: [] },
  });
  const { tickSize, lotSize, currency } = config.instrument;
  const money = (ticks: number): string => `${ticksToMoney(ticks, tickSize, lotSize).toFixed(2)} ${currency}`;
  table.push(
    ['Trades', String(s.trades)],
    ['Volume (lots)', String(s.volume)],
    ['Price first → last (ticks)', `${s.firstTradePrice ?? '-'} → ${s.lastTradePrice ?? '-'}`],
    ['Fundamental at end (ticks)', s.finalFundamental.toFixed(1)],
    ['Average spread (ticks)', s.averageSpread === undefined ? '-' : s.averageSpread.toFixed(2)],
    ['Two-sided snapshots', `${(s.twoSidedFraction * 100).toFixed(1)}%`],
  );
  for (const p of s.populations) {
    if (p.kind === 'avellaneda-stoikov') continue;
    table.push([`PnL ${p.population} (${p.agents})`, money(p.pnlTicks)]);
  }
  if (report !== undefined) {
    const pct = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(2)}%`);
    const ticks = (x: number | null): string => (x === null ? '-' : x.toFixed(3));
    table.push(
      ['Strategy: Avellaneda–Stoikov', ''],
      ['  PnL', `${money(report.pnl.ticks)} (${report.pnl.ticks} ticks×lots)`],
      [
        '  Inventory final / max |q| / limit',
        `${report.inventory.final} / ${report.inventory.maxAbs} / ${report.inventory.limit}`,
      ],
      ['  Fills (lots)', `${report.fills.count} (${report.fills.quantity})`],
      ['  Fill rate: lots / orders', `${pct(report.fillRate.byQuantity)} / ${pct(report.fillRate.byCount)}`],
    );
    for (const m of report.adverseSelection) {
      table.push([
        `  Adverse selection ${m.horizonSeconds}s (ticks)`,
        `${ticks(m.adverseSelectionTicks)} (mark-out ${ticks(m.markoutTicksPerLot)}/lot)`,
      ]);
    }
  }
  return table.toString();
}

function formatDuration(us: number): string {
  const seconds = us / 1_000_000;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
