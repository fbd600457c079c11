import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { LiveClock } from '../core/clock.js';
import { InputError } from '../core/input-error.js';
import { createBarAggregator, type BarAggregator } from '../data/aggregation/index.js';
import { DataKind } from '../data/feed/data-client.js';
import type { FeedEvent } from '../data/feed/feed-event.js';
import { formatFeedHealth } from '../data/feed/feed-health.js';
import { FeedPipeline } from '../data/feed/feed-pipeline.js';
import { FeedRecorder } from '../data/feed/feed-recorder.js';
import { MarketSimFeed } from '../data/feed/market-sim-feed.js';
import { RandomWalkFeed } from '../data/feed/random-walk-feed.js';
import { ReplayClient } from '../data/feed/replay-client.js';
import { REPLAY_FILE } from '../data/feed/replay-format.js';
import type { TimelineClient, TimelineItem } from '../data/feed/timeline-client.js';
import { instrumentId, parseInstrumentId, type InstrumentId } from '../model/identifiers/instrument-id.js';
import { fileErrorsAsInput } from './file-errors.js';
import { durationOption, numberOption, positiveNumberOption } from './option-parsers.js';
import {
  alpacaSource,
  ccxtSource,
  connectLive,
  DEFAULT_SYMBOLS,
  type StreamSource,
} from './stream-venues.js';

interface StreamCliOptions {
  venue: string;
  symbols?: string;
  duration: number;
  bars?: string;
  record?: string;
  input?: string;
  speed?: number;
  source: string;
  seed: number;
  config?: string;
}

const SOURCES = ['exchange', 'walk'];

/** A network venue gets at least this long to connect, however short the stream. */
const MIN_CONNECT_US = 10_000_000;

/** What the table shows per instrument. */
interface Row {
  last?: string;
  bid?: string;
  ask?: string;
  volumeRaw: number;
  sizePrecision: number;
  trades: number;
  bars: number;
  /** Bars delivered by the venue itself (Alpaca's minute bars), apart from `--bars` ones. */
  venueBars: number;
  book?: string;
}

/**
 * `quantflow stream`: connects a data client through the feed pipeline (docs/market-data.md) and
 * shows a live table of last, bid/ask, volume, bars and the feed health line; `--record DIR`
 * writes what was received in the replay format.
 */
export function registerStreamCommand(program: Command): void {
  program
    .command('stream')
    .description('stream live market data: a live table of prices and feed health; optionally record it')
    .option(
      '--venue <name>',
      'sim (simulated, no network), replay (a recording), alpaca, binance or any ccxt exchange id',
      'sim',
    )
    .option(
      '--symbols <list>',
      `comma-separated symbols: sim SYMBOL[.SIM] (default ${DEFAULT_SYMBOLS.sim}); ccxt BTC/USDT or ` +
        `BTCUSDT (default ${DEFAULT_SYMBOLS.ccxt}); alpaca AAPL (default ${DEFAULT_SYMBOLS.alpaca})`,
    )
    .requiredOption(
      '-t, --duration <duration>',
      'how long to stream: 10s, 1m, ...',
      durationOption('duration'),
    )
    .option('--bars <spec>', 'aggregate trades into bars: 1m, 5s, 100t, volume:1000, ...')
    .option('--record <dir>', `write received events to DIR/${REPLAY_FILE} (the replay format)`)
    .option('--input <dir>', `replay: the recording folder (holding ${REPLAY_FILE})`)
    .option('--speed <n>', 'replay: speed factor (10 = ten times faster)', positiveNumberOption('speed'))
    .option('--source <kind>', `sim: ${SOURCES.join(' (exchange simulator) or ')} (random walk)`, 'exchange')
    .option('--seed <n>', 'sim: random seed', numberOption('seed', 0), 1)
    .option('--config <file>', 'alpaca: a JSON config file (keys missing there come from APCA_* variables)')
    .action(async (opts: StreamCliOptions) => {
      await stream(opts);
    });
}

async function stream(opts: StreamCliOptions): Promise<void> {
  const clock = new LiveClock();
  const tty = process.stdout.isTTY === true;
  const notices: string[] = [];
  const log = (line: string): void => {
    if (tty) notices.splice(0, notices.length, line);
    else process.stderr.write(line + '\n');
  };
  const source = await makeSource(opts, clock);
  const { client } = source;
  const bars = opts.bars; // validated before anything starts
  const recorder = opts.record === undefined ? undefined : openRecorder(opts.record);

  const pipeline = new FeedPipeline({ clock, log, staleAfterUs: 5_000_000 });
  if (source.live) await connectLive(pipeline, client, Math.max(opts.duration, MIN_CONNECT_US));
  else await pipeline.attach(client);
  const { instruments, kinds } = await subscribeAll(source, pipeline);

  const aggregators = new Map<InstrumentId, BarAggregator>();
  const rows = new Map<InstrumentId, Row>(
    instruments.map((id) => [id, { volumeRaw: 0, sizePrecision: 0, trades: 0, bars: 0, venueBars: 0 }]),
  );
  if (bars !== undefined)
    for (const id of instruments)
      aggregators.set(
        id,
        createBarAggregator(id, bars, () => rows.get(id)!.bars++),
      );
  const columns = { bars: bars !== undefined, venueBars: kinds.includes(DataKind.BARS) };

  const handle = (e: FeedEvent): void => {
    recorder?.recorder.record(e);
    const row = rows.get(e.data.instrumentId);
    if (row === undefined) return;
    if (e.type === 'trade') {
      row.last = e.data.price.toString();
      row.volumeRaw += e.data.size.rawAt(Math.max(row.sizePrecision, e.data.size.precision)) * 1;
      row.sizePrecision = Math.max(row.sizePrecision, e.data.size.precision);
      row.trades++;
      aggregators.get(e.data.instrumentId)?.handleTrade(e.data);
    } else if (e.type === 'quote') {
      row.bid = `${e.data.bidPrice} x ${e.data.bidSize}`;
      row.ask = `${e.data.askPrice} x ${e.data.askSize}`;
    } else if (e.type === 'book') {
      row.book = `#${e.data.sequence}`;
    } else if (e.type === 'bar') {
      row.venueBars++;
    }
  };

  const started = clock.timestampUs();
  let lines = 0;
  const render = (): void => {
    pipeline.checkStaleness();
    const text = renderTable(rows, columns, formatFeedHealth(pipeline.health()), notices[0]);
    if (tty) {
      process.stdout.write((lines > 0 ? `\x1b[${lines}A\x1b[J` : '') + text + '\n');
      lines = text.split('\n').length;
    } else {
      const elapsed = Math.round((clock.timestampUs() - started) / 1e6);
      process.stdout.write(
        `[${elapsed}s] ${renderLine(rows, columns)} | ${formatFeedHealth(pipeline.health())}\n`,
      );
    }
  };

  const pump = setInterval(() => {
    pipeline.drain(handle);
    for (const a of aggregators.values()) a.advanceTime(clock.timestampUs());
  }, 20);
  const screen = setInterval(render, tty ? 250 : 1000);
  try {
    await Promise.race([
      new Promise<void>((resolve) => setTimeout(resolve, opts.duration / 1000)),
      client instanceof ReplayClient ? client.finished : new Promise<void>(() => {}),
    ]);
  } finally {
    clearInterval(pump);
    clearInterval(screen);
    await client.disconnect();
    pipeline.drain(handle);
    recorder?.close();
  }
  render();
  if (recorder !== undefined)
    process.stdout.write(`recorded ${recorder.recorder.count} events to ${recorder.path}\n`);
}

/**
 * Subscribes every instrument to the source's kinds and starts watching it for staleness. A
 * network venue is disconnected when this fails (an unknown market, a refused subscription), so
 * no socket keeps the process alive after the error.
 */
async function subscribeAll(
  source: StreamSource,
  pipeline: FeedPipeline,
): Promise<{ instruments: InstrumentId[]; kinds: DataKind[] }> {
  try {
    const plan = source.plan();
    for (const id of plan.instruments) {
      for (const kind of plan.kinds) {
        await source.client.subscribe({ instrumentId: id, kind }).catch((e: unknown) => {
          if (!source.live || e instanceof InputError) throw e;
          throw new InputError(`cannot subscribe to ${kind} of ${id}: ${(e as Error).message ?? String(e)}`);
        });
      }
      pipeline.watch(id);
    }
    return plan;
  } catch (e) {
    if (source.live) await source.client.disconnect();
    throw e;
  }
}

async function makeSource(opts: StreamCliOptions, clock: LiveClock): Promise<StreamSource> {
  const venue = opts.venue.toLowerCase();
  if (opts.bars !== undefined) createBarAggregator(instrumentId('X', 'SIM'), opts.bars, () => {}); // validates the spec
  if (opts.config !== undefined && venue !== 'alpaca')
    throw new InputError('option --config applies to --venue alpaca only');
  if (venue === 'replay') {
    if (opts.input === undefined)
      throw new InputError('option --input <dir> is required with --venue replay');
    const path = join(opts.input, REPLAY_FILE);
    const text = fileErrorsAsInput(path, 'cannot read the recording', () => readFileSync(path, 'utf8'));
    const client = new ReplayClient({ clock, text, speed: opts.speed ?? 1 });
    return { client, live: false, plan: () => ({ instruments: client.instruments, kinds: SIM_KINDS }) };
  }
  if (opts.speed !== undefined) throw new InputError('option --speed applies to --venue replay only');
  if (opts.input !== undefined) throw new InputError('option --input applies to --venue replay only');
  if (venue === 'alpaca') return alpacaSource(opts.symbols ?? DEFAULT_SYMBOLS.alpaca, opts.config, clock);
  if (venue !== 'sim') return ccxtSource(venue, opts.symbols ?? DEFAULT_SYMBOLS.ccxt, clock);
  if (!SOURCES.includes(opts.source))
    throw new InputError(`option --source: unknown source '${opts.source}' (known: ${SOURCES.join(', ')})`);
  if (!Number.isSafeInteger(opts.seed))
    throw new InputError(`option --seed: ${opts.seed} must be an integer`);
  const instruments = parseSymbols(opts.symbols ?? DEFAULT_SYMBOLS.sim);
  const options = { clock, instruments, seed: opts.seed, durationUs: opts.duration + 1_000_000 };
  const client: TimelineClient<TimelineItem> =
    opts.source === 'walk' ? new RandomWalkFeed(options) : new MarketSimFeed(options);
  // The random walk has no order book to subscribe to.
  const kinds = opts.source === 'walk' ? [DataKind.TRADES, DataKind.QUOTES] : SIM_KINDS;
  return { client, live: false, plan: () => ({ instruments, kinds }) };
}

/** What the exchange simulator and a replay are subscribed to. */
const SIM_KINDS: DataKind[] = [DataKind.TRADES, DataKind.QUOTES, DataKind.BOOK];

function parseSymbols(text: string): InstrumentId[] {
  const symbols = text.split(',').map((s) => s.trim());
  if (symbols.some((s) => s === '')) throw new InputError(`option --symbols: empty symbol in "${text}"`);
  const ids = symbols.map((s) => {
    const parsed = parseInstrumentId(s.includes('.') ? s : `${s}.SIM`);
    if (!parsed.ok) throw new InputError(`option --symbols: "${s}": ${parsed.error.reason}`);
    if (!parsed.value.endsWith('.SIM'))
      throw new InputError(`option --symbols: "${s}" is not a SIM instrument`);
    return parsed.value;
  });
  if (new Set(ids).size !== ids.length) throw new InputError(`option --symbols: a symbol is listed twice`);
  return ids;
}

function openRecorder(dir: string): { recorder: FeedRecorder; path: string; close: () => void } {
  fileErrorsAsInput(dir, 'cannot create the record folder', () => mkdirSync(dir, { recursive: true }));
  const path = join(dir, REPLAY_FILE);
  const fd = fileErrorsAsInput(path, 'cannot write', () => openSync(path, 'w'));
  const recorder = new FeedRecorder((text) =>
    fileErrorsAsInput(path, 'cannot write', () => writeSync(fd, text)),
  );
  return {
    recorder,
    path,
    close: () => {
      recorder.flush();
      closeSync(fd);
    },
  };
}

function volumeText(row: Row): string {
  return (row.volumeRaw / 10 ** row.sizePrecision).toFixed(row.sizePrecision);
}

/** Optional columns: bars aggregated by `--bars`, bars delivered by the venue. */
interface Columns {
  readonly bars: boolean;
  readonly venueBars: boolean;
}

function renderTable(
  rows: Map<InstrumentId, Row>,
  columns: Columns,
  health: string,
  notice?: string,
): string {
  const head = [
    'instrument',
    'last',
    'bid',
    'ask',
    'volume',
    'trades',
    ...(columns.bars ? ['bars'] : []),
    ...(columns.venueBars ? ['venue bars'] : []),
    'book',
  ];
  const body = [...rows].map(([id, r]) => [
    id,
    r.last ?? '-',
    r.bid ?? '-',
    r.ask ?? '-',
    volumeText(r),
    String(r.trades),
    ...(columns.bars ? [String(r.bars)] : []),
    ...(columns.venueBars ? [String(r.venueBars)] : []),
    r.book ?? '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(head), ...body.map(line), health, ...(notice === undefined ? [] : [notice])].join('\n');
}

function renderLine(rows: Map<InstrumentId, Row>, columns: Columns): string {
  return [...rows]
    .map(
      ([id, r]) =>
        `${id} last ${r.last ?? '-'} bid ${r.bid ?? '-'} ask ${r.ask ?? '-'} vol ${volumeText(r)}` +
        (columns.bars ? ` bars ${r.bars}` : '') +
        (columns.venueBars ? ` venue-bars ${r.venueBars}` : ''),
    )
    .join(' | ');
}
