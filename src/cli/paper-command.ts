/**
 * `quantflow paper` and `quantflow live`: a trading node running strategies on market data, with
 * a live terminal view refreshed every second.
 *
 * Paper trading fills orders in the sandbox venue (the matching core, fed by the same market
 * data); the journal (SQLite, on by default) makes a restarted session continue where it stopped.
 * `live` would send orders to a real account: it refuses to start without `--confirm-live` and
 * credentials, and until a venue's execution client is wired here it says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { SandboxExecutionClient } from '../adapters/sandbox/sandbox-execution-client.js';
import { LiveClock } from '../core/clock.js';
import { InputError } from '../core/input-error.js';
import { createBarAggregator } from '../data/aggregation/index.js';
import { DataKind } from '../data/feed/data-client.js';
import { MarketSimFeed } from '../data/feed/market-sim-feed.js';
import { RandomWalkFeed } from '../data/feed/random-walk-feed.js';
import { nodeStatus } from '../live/node-status.js';
import { TradingNode } from '../live/trading-node.js';
import { instrumentId, parseInstrumentId, type InstrumentId } from '../model/identifiers/instrument-id.js';
import { simpleInstrument } from '../model/instruments/instrument.js';
import { currency } from '../model/types/currency.js';
import { Money } from '../model/types/money.js';
import { SqliteJournal } from '../persistence/sqlite-journal.js';
import { parseRiskConfig } from '../risk/risk-limits.js';
import { parseStrategyParams } from '../strategy/strategy-params.js';
import { fileErrorsAsInput } from './file-errors.js';
import { renderNodeLine, renderNodeView } from './node-view.js';
import { collectParam, durationOption, numberOption, positiveNumberOption } from './option-parsers.js';
import { loadStrategy } from './strategy-loader.js';

interface NodeCliOptions {
  strategy?: string;
  param?: Record<string, string>;
  config?: string;
  venue: string;
  symbols?: string;
  duration?: number;
  journal: string | false;
  risk?: string;
  bars: string;
  cash: number;
  seed: number;
  source: string;
  printEvents?: boolean;
  confirmLive?: boolean;
}

/** One strategy of a node config file. */
const strategyEntry = z.strictObject({
  strategy: z.string().min(1).describe('built-in name or file'),
  id: z.string().min(1).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  symbols: z.array(z.string().min(1)).optional(),
});

/** `--config FILE`: several strategies and the risk limits. */
const nodeConfigSchema = z.strictObject({
  strategies: z.array(strategyEntry).min(1),
  risk: z.unknown().optional(),
});

const DEFAULT_SIM_SYMBOLS = 'BTCUSD,ETHUSD';
/** The simulated market runs its session up front: without --duration, this long. */
const DEFAULT_SIM_SESSION_US = 30 * 60 * 1_000_000;

function addNodeOptions(command: Command): Command {
  return command
    .option('-s, --strategy <name|file>', 'built-in strategy name or a strategy file (.ts/.js)')
    .option('-p, --param <key=value>', 'strategy parameter; repeatable', collectParam)
    .option(
      '--config <file>',
      'JSON: { "strategies": [{ "strategy", "id?", "params?", "symbols?" }], "risk?" }',
    )
    .option('--venue <name>', 'market data: sim (the exchange simulator, no network)', 'sim')
    .option('--symbols <list>', `comma-separated symbols (sim default ${DEFAULT_SIM_SYMBOLS})`)
    .option(
      '-t, --duration <duration>',
      'stop after this long: 30s, 10m, 1h (default: until Ctrl-C)',
      durationOption('duration'),
    )
    .option('--journal <file>', 'SQLite journal: a restart continues from it', 'quantflow-paper.sqlite')
    .option('--no-journal', 'run without a journal (nothing survives a restart)')
    .option('--risk <file>', 'JSON risk limits (docs/risk.md)')
    .option('--bars <spec>', 'bars built from trades for the strategies: 1m, 10s, 100t, ... or none', '1m')
    .option('--cash <amount>', 'starting cash', positiveNumberOption('cash'), 100_000)
    .option('--seed <n>', 'sim: random seed', numberOption('seed', 0), 1)
    .option('--source <kind>', 'sim: exchange (the agent-based simulator) or walk (random walk)', 'exchange')
    .option('--print-events', 'print each order event once it is in the journal (one line each)');
}

/** Registers `paper` and `live`. */
export function registerPaperCommand(program: Command): void {
  addNodeOptions(
    program
      .command('paper')
      .description('paper trading: strategies on live (or simulated) data, fills simulated; a live view'),
  ).action(async (opts: NodeCliOptions) => {
    await runNode(opts, 'paper');
  });
  addNodeOptions(
    program
      .command('live')
      .description('live trading against a real account (needs --confirm-live and credentials)'),
  )
    .option('--confirm-live', 'yes, send real orders to a real account')
    .action(async (opts: NodeCliOptions) => {
      if (opts.confirmLive !== true)
        throw new InputError(
          'live trading sends real orders to a real account: add --confirm-live to confirm (or use `quantflow paper`)',
        );
      throw new InputError(
        `live trading on ${opts.venue}: no execution client is wired into the CLI yet; use \`quantflow paper\``,
      );
    });
}

async function runNode(opts: NodeCliOptions, environment: 'paper'): Promise<void> {
  if (opts.venue.toLowerCase() !== 'sim')
    throw new InputError(
      `option --venue: paper trading on ${opts.venue} is not available yet (only sim); \`quantflow stream --venue ${opts.venue}\` shows its data`,
    );
  if (opts.source !== 'exchange' && opts.source !== 'walk')
    throw new InputError(`option --source: unknown source '${opts.source}' (known: exchange, walk)`);
  if (opts.bars !== 'none') createBarAggregator(instrumentId('X', 'SIM'), opts.bars, () => {}); // validates the spec
  const symbols = parseSimSymbols(opts.symbols ?? DEFAULT_SIM_SYMBOLS);
  const { strategies: entries, risk: configRisk } = readStrategies(opts);
  const risk =
    configRisk !== undefined
      ? parseRiskConfig(configRisk, `${opts.config}: risk`)
      : parseRiskConfig(
          opts.risk === undefined ? {} : readJson(opts.risk, 'risk limits'),
          opts.risk ?? 'risk',
        );
  const loaded = await Promise.all(entries.map((e, i) => loadStrategyEntry(e, i, symbols)));

  const clock = new LiveClock();
  const usd = currency('USD');
  const instruments = symbols.map((id) => simpleInstrument(id, usd, 2, 0));
  const durationUs = opts.duration ?? DEFAULT_SIM_SESSION_US;
  const feedOptions = { clock, instruments: symbols, seed: opts.seed, durationUs: durationUs + 1_000_000 };
  const client = opts.source === 'walk' ? new RandomWalkFeed(feedOptions) : new MarketSimFeed(feedOptions);
  const kinds =
    opts.source === 'walk'
      ? [DataKind.TRADES, DataKind.QUOTES]
      : [DataKind.TRADES, DataKind.QUOTES, DataKind.BOOK];
  const journal = opts.journal === false ? undefined : openJournal(opts.journal);
  const tty = process.stdout.isTTY === true;
  const notices: string[] = [];
  const node = new TradingNode({
    environment,
    clock,
    accountCurrency: usd,
    startingCash: Money.fromNumber(opts.cash, usd),
    instruments,
    data: { client, kinds },
    // Venue ids unique per session: a restarted node's journal already holds the last session's.
    execution: (kernel) =>
      new SandboxExecutionClient({
        venue: 'SIM',
        clock,
        instruments: kernel.cache,
        idPrefix: `SBX${Math.floor(clock.timestampUs() / 1000).toString(36)}`,
      }),
    risk,
    ...(journal === undefined ? {} : { journal }),
    bars: opts.bars,
    log: (line) => {
      if (tty) notices.splice(0, notices.length, line);
      else process.stderr.write(line + '\n');
    },
  });
  for (const { strategy, instruments: ids } of loaded) node.addStrategy(strategy, ids);
  if (opts.printEvents === true)
    node.onDurableEvent((e) => {
      const fill = e.type === 'OrderFilled' ? ` ${e.tradeId} ${e.side} ${e.lastQty} ${e.lastPx}` : '';
      process.stdout.write(`event ${e.type} ${e.clientOrderId}${fill}\n`);
    });

  let lines = 0;
  const render = (): void => {
    const status = nodeStatus(node);
    if (tty) {
      const text = renderNodeView(status) + (notices.length > 0 ? `\n${notices[0]}` : '');
      process.stdout.write((lines > 0 ? `\x1b[${lines}A\x1b[J` : '') + text + '\n');
      lines = text.split('\n').length;
    } else {
      process.stdout.write(renderNodeLine(status) + '\n');
    }
  };

  await node.start();
  const restored = node.restored;
  if (restored !== undefined)
    process.stdout.write(
      `journal ${opts.journal}: restored ${restored.orders} orders, ${restored.fills} fills; position ${
        nodeStatus(node)
          .positions.map((p) => `${p.instrumentId} ${p.quantity}`)
          .join(', ') || 'flat'
      }; cash ${node.kernel.portfolio.cash.toString()}\n`,
    );
  const screen = setInterval(render, 1000);
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const onSignal = (): void => finish();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const timer = opts.duration === undefined ? undefined : setTimeout(finish, opts.duration / 1000);
  try {
    await finished;
  } finally {
    clearInterval(screen);
    if (timer !== undefined) clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await node.stop();
    render();
    journal?.close();
  }
}

function openJournal(path: string): SqliteJournal {
  try {
    return SqliteJournal.open(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot open the journal ${path}: ${(error as Error).message}`);
  }
}

function parseSimSymbols(text: string): InstrumentId[] {
  const ids = text.split(',').map((raw) => {
    const s = raw.trim();
    if (s === '') throw new InputError(`option --symbols: empty symbol in "${text}"`);
    const parsed = parseInstrumentId(s.includes('.') ? s : `${s}.SIM`);
    if (!parsed.ok) throw new InputError(`option --symbols: "${s}": ${parsed.error.reason}`);
    if (!parsed.value.endsWith('.SIM'))
      throw new InputError(`option --symbols: "${s}" is not a SIM instrument`);
    return parsed.value;
  });
  if (new Set(ids).size !== ids.length) throw new InputError('option --symbols: a symbol is listed twice');
  return ids;
}

type StrategyEntry = z.output<typeof strategyEntry>;

function readStrategies(opts: NodeCliOptions): { strategies: StrategyEntry[]; risk?: unknown } {
  if (opts.config !== undefined) {
    if (opts.strategy !== undefined || opts.param !== undefined)
      throw new InputError('--config lists the strategies: do not combine it with --strategy or --param');
    const parsed = nodeConfigSchema.safeParse(readJson(opts.config, 'node config'));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(`${opts.config}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    }
    if (parsed.data.risk !== undefined && opts.risk !== undefined)
      throw new InputError('risk limits are given twice: in --config and in --risk');
    return parsed.data.risk === undefined
      ? { strategies: parsed.data.strategies }
      : { strategies: parsed.data.strategies, risk: parsed.data.risk };
  }
  return { strategies: [{ strategy: opts.strategy ?? 'sma-cross', params: opts.param ?? {} }] };
}

async function loadStrategyEntry(entry: StrategyEntry, index: number, symbols: readonly InstrumentId[]) {
  const loaded = await loadStrategy(entry.strategy);
  const params = parseStrategyParams(loaded.cls, loaded.name, entry.params);
  if (!params.ok) throw new InputError(params.error.join('; '));
  const instruments =
    entry.symbols === undefined
      ? symbols
      : entry.symbols.map((s) => {
          const id = (s.includes('.') ? s : `${s}.SIM`) as InstrumentId;
          if (!symbols.includes(id))
            throw new InputError(`strategy ${entry.strategy}: symbol ${s} is not in --symbols`);
          return id;
        });
  return {
    strategy: new loaded.cls(
      params.value,
      entry.id ?? `${loaded.name}-${String(index + 1).padStart(3, '0')}`,
    ),
    instruments,
  };
}

function readJson(path: string, what: string): unknown {
  if (!existsSync(path)) throw new InputError(`cannot read the ${what}: ${path} does not exist`);
  const text = fileErrorsAsInput(path, `cannot read the ${what}`, () => readFileSync(path, 'utf8'));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON: ${(error as Error).message}`);
  }
}
