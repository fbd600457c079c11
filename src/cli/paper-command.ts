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
import { nodeStatus } from '../live/node-status.js';
import { TradingNode, type TradingNodeOptions } from '../live/trading-node.js';
import { instrumentId, type InstrumentId } from '../model/identifiers/instrument-id.js';
import { Money } from '../model/types/money.js';
import { SqliteJournal } from '../persistence/sqlite-journal.js';
import { parseRiskConfig } from '../risk/risk-limits.js';
import { parseStrategyParams } from '../strategy/strategy-params.js';
import { fileErrorsAsInput } from './file-errors.js';
import type { AuthConfig } from '../server/auth.js';
import { InProcessBacktestService } from '../server/backtests/backtest-service.js';
import { workerBacktestRunner } from '../server/backtests/worker-backtest-runner.js';
import { OperatorStrategy } from '../server/operator-strategy.js';
import type { ServedNode } from '../server/serve-node.js';
import { nodeVenue, type NodeVenue } from './node-venues.js';
import { SAMPLE_DATA_DIR } from './package-paths.js';
import { renderNodeLine, renderNodeView } from './node-view.js';
import { collectParam, durationOption, numberOption, positiveNumberOption } from './option-parsers.js';
import {
  addServeOptions,
  checkServeOnlyOptions,
  printServedUrls,
  serveFromCli,
  type ServeCliOptions,
} from './serve-options.js';
import { loadStrategy } from './strategy-loader.js';
import { untilStopped } from './until-stopped.js';

export interface NodeCliOptions extends ServeCliOptions {
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
  venueConfig?: string;
  currency?: string;
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

/** The simulated market runs its session up front: without --duration, this long. */
const DEFAULT_SIM_SESSION_US = 30 * 60 * 1_000_000;

function addNodeOptions(command: Command): Command {
  const options = command
    .option('-s, --strategy <name|file>', 'built-in strategy name or a strategy file (.ts/.js)')
    .option('-p, --param <key=value>', 'strategy parameter; repeatable', collectParam)
    .option(
      '--config <file>',
      'JSON: { "strategies": [{ "strategy", "id?", "params?", "symbols?" }], "risk?" }',
    )
    .option(
      '--venue <name>',
      'sim (the exchange simulator, no network), alpaca, or a ccxt exchange id (binance, ...)',
      'sim',
    )
    .option(
      '--symbols <list>',
      'comma-separated symbols (sim BTCUSD,ETHUSD; alpaca AAPL,MSFT; ccxt BTC/USDT,ETH/USDT)',
    )
    .option(
      '--venue-config <file>',
      'alpaca: a JSON config file (keys missing there come from APCA_* variables)',
    )
    .option(
      '--currency <code>',
      'ccxt: the account currency, which every instrument must be quoted in',
      'USDT',
    )
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
    .option('--print-events', 'print each order event once it is in the journal (one line each)')
    .option('--catalog <dir>', 'with --serve: a bar catalog served at /api/v1/market/:id/history');
  return addServeOptions(options, 'serve the REST API, the WebSocket stream and the dashboard');
}

/** Registers `paper`, `serve` (paper with the server) and `live`. */
export function registerPaperCommand(program: Command): void {
  addNodeOptions(
    program
      .command('paper')
      .description('paper trading: strategies on live (or simulated) data, fills simulated; a live view'),
  ).action(async (opts: NodeCliOptions, command: Command) => {
    checkServeOnlyOptions(command, ['catalog']);
    await runNode(opts, 'paper');
  });
  addNodeOptions(
    program
      .command('serve')
      .description(
        'a paper-trading node with the REST API, the WebSocket stream and the dashboard (paper --serve)',
      ),
  ).action(async (opts: NodeCliOptions) => {
    await runNode({ ...opts, serve: true }, 'paper');
  });
  addNodeOptions(
    program
      .command('live')
      .description('live trading against a real account (needs --confirm-live and credentials)'),
  )
    .option('--confirm-live', 'yes, send real orders to a real account')
    .action(async (opts: NodeCliOptions, command: Command) => {
      checkServeOnlyOptions(command, ['catalog']);
      if (opts.confirmLive !== true)
        throw new InputError(
          'live trading sends real orders to a real account: add --confirm-live to confirm (or use `quantflow paper`)',
        );
      await runNode(opts, 'live');
    });
}

/** What `demo` adds to a paper run: a key it generated, shown in the dashboard's URL. */
export interface NodeRunExtras {
  readonly auth?: AuthConfig;
  /** Appended to the printed dashboard URL (e.g. `?key=...`). */
  readonly urlSuffix?: string;
}

/** Runs a trading node from command-line options until `--duration` or Ctrl-C. */
export async function runNode(
  opts: NodeCliOptions,
  environment: 'paper' | 'live',
  extras: NodeRunExtras = {},
): Promise<void> {
  if (opts.bars !== 'none') createBarAggregator(instrumentId('X', 'SIM'), opts.bars, () => {}); // validates the spec
  const { strategies: entries, risk: configRisk } = readStrategies(opts);
  const risk =
    configRisk !== undefined
      ? parseRiskConfig(configRisk, `${opts.config}: risk`)
      : parseRiskConfig(
          opts.risk === undefined ? {} : readJson(opts.risk, 'risk limits'),
          opts.risk ?? 'risk',
        );
  const clock = new LiveClock();
  const venue = await nodeVenue(
    {
      venue: opts.venue,
      source: opts.source,
      seed: opts.seed,
      simDurationUs: (opts.duration ?? DEFAULT_SIM_SESSION_US) + 1_000_000,
      ...(opts.symbols === undefined ? {} : { symbols: opts.symbols }),
      ...(opts.venueConfig === undefined ? {} : { config: opts.venueConfig }),
      ...(opts.currency === undefined ? {} : { currency: opts.currency }),
    },
    clock,
  );
  const execution = environment === 'paper' ? sandbox(clock) : await liveExecution(venue, clock);
  const loaded = await Promise.all(entries.map((e, i) => loadStrategyEntry(e, i)));
  const journal = opts.journal === false ? undefined : openJournal(opts.journal);
  const tty = process.stdout.isTTY === true;
  const notices: string[] = [];
  const node = new TradingNode({
    environment,
    clock,
    accountCurrency: venue.accountCurrency,
    startingCash: Money.fromNumber(opts.cash, venue.accountCurrency),
    instruments: venue.instruments,
    data: { client: venue.client, kinds: venue.kinds },
    execution,
    risk,
    ...(journal === undefined ? {} : { journal }),
    // Group commit only where the venue is in-process (see node-journal.ts).
    groupCommit: environment === 'paper',
    bars: opts.bars,
    log: (line) => {
      served?.hub.log(line);
      if (tty) notices.splice(0, notices.length, line);
      else process.stderr.write(line + '\n');
    },
  });
  let served: ServedNode | undefined;
  // Orders sent through the API belong to the operator; added before start, so the journal
  // replays its fills into its ledger.
  if (opts.serve === true) node.addStrategy(new OperatorStrategy());
  for (const { strategy, symbols } of loaded)
    node.addStrategy(
      strategy,
      symbols?.map((s) => resolveSymbol(s, venue.name)),
    );
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
  if (restored !== undefined) {
    const positions = nodeStatus(node).positions.map((p) => `${p.instrumentId} ${p.quantity}`);
    process.stdout.write(
      `journal ${String(opts.journal)}: restored ${restored.orders} orders, ${restored.fills} fills; ` +
        `position ${positions.join(', ') || 'flat'}; cash ${node.kernel.portfolio.cash.toString()}\n`,
    );
  }
  if (opts.serve === true) {
    served = await serveFromCli(opts, {
      node,
      ...(extras.auth === undefined ? {} : { auth: extras.auth }),
      clock,
      backtests: new InProcessBacktestService({
        clock,
        run: workerBacktestRunner({ dataDir: SAMPLE_DATA_DIR }),
      }),
      riskConfig: risk,
      startingCash: Money.fromNumber(opts.cash, venue.accountCurrency),
    });
    printServedUrls(served, 'dashboard', `/${extras.urlSuffix ?? ''}`);
  }
  const screen = setInterval(render, 1000);
  try {
    await untilStopped(opts.duration);
  } finally {
    clearInterval(screen);
    await served?.close();
    await node.stop();
    await (node.execution as { stop?: () => Promise<void>; close?: () => Promise<void> }).stop?.();
    await (node.execution as { close?: () => Promise<void> }).close?.();
    render();
    journal?.close();
  }
}

type ExecutionFactory = TradingNodeOptions['execution'];

/** Paper: the sandbox venue, venue ids unique per session (a restarted node's journal holds the last session's). */
function sandbox(clock: LiveClock): ExecutionFactory {
  return (kernel) =>
    new SandboxExecutionClient({
      venue: kernel.cache.instruments()[0]?.id.split('.').pop() ?? 'SIM',
      clock,
      instruments: kernel.cache,
      idPrefix: `SBX${Math.floor(clock.timestampUs() / 1000).toString(36)}`,
    });
}

/** Live: the venue's own execution client, with credentials from the environment (or the venue config file). */
async function liveExecution(venue: NodeVenue, clock: LiveClock): Promise<ExecutionFactory> {
  if (venue.name === 'sim')
    throw new InputError('live trading needs a real venue: --venue alpaca or a ccxt exchange id');
  if (venue.alpaca !== undefined) {
    const { alpacaExecutionConfigFrom } = await import('../adapters/alpaca/alpaca-execution-config.js');
    const { AlpacaExecutionClient } = await import('../adapters/alpaca/alpaca-execution-client.js');
    const paper = process.env.APCA_PAPER?.trim().toLowerCase() !== 'false';
    const tradingUrl = process.env.APCA_API_BASE_URL?.trim();
    const streamUrl = process.env.QUANTFLOW_ALPACA_TRADING_STREAM_URL?.trim();
    const config = alpacaExecutionConfigFrom(venue.alpaca, {
      paper,
      ...(tradingUrl ? { tradingUrl } : {}),
      ...(streamUrl ? { streamUrl } : {}),
    });
    return async (kernel) => {
      const client = new AlpacaExecutionClient({ config, clock, instruments: kernel.cache });
      return client;
    };
  }
  const ccxtConfig = venue.ccxt!;
  if (ccxtConfig.apiKey === undefined || ccxtConfig.secret === undefined) {
    const prefix = `QUANTFLOW_${ccxtConfig.exchangeId.toUpperCase()}_`;
    throw new InputError(
      `live trading on ${venue.name} needs credentials: set ${prefix}API_KEY and ${prefix}SECRET`,
    );
  }
  const { CcxtExecutionClient } = await import('../adapters/ccxt/execution-client.js');
  return async (kernel) => {
    const client = new CcxtExecutionClient(ccxtConfig, {
      clock,
      instruments: kernel.cache.instruments().map((i) => i.id),
      strategyOf: (id) => kernel.cache.order(id)?.strategyId,
    });
    await client.start();
    return client;
  };
}

function resolveSymbol(symbol: string, venue: string): InstrumentId {
  if (symbol.includes('.')) return symbol as InstrumentId;
  const suffix = venue === 'sim' ? 'SIM' : venue.toUpperCase();
  return `${symbol.replace('/', '')}.${suffix}` as InstrumentId;
}

function openJournal(path: string): SqliteJournal {
  try {
    return SqliteJournal.open(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot open the journal ${path}: ${(error as Error).message}`);
  }
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

async function loadStrategyEntry(entry: StrategyEntry, index: number) {
  const loaded = await loadStrategy(entry.strategy);
  const params = parseStrategyParams(loaded.cls, loaded.name, entry.params);
  if (!params.ok) throw new InputError(params.error.join('; '));
  const id = entry.id ?? `${loaded.name}-${String(index + 1).padStart(3, '0')}`;
  return { strategy: new loaded.cls(params.value, id), symbols: entry.symbols };
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
