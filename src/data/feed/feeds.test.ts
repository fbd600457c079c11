import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClock } from '../../core/clock.js';
import { BookUpdate, BookUpdateAction } from '../../model/data/book-update.js';
import { AggressorSide, TradeTick } from '../../model/data/trade-tick.js';
import { instrumentId, type InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { TradeId } from '../../model/identifiers/order-ids.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { DataKind, FeedStatus, type DataClient } from './data-client.js';
import { FeedPipeline } from './feed-pipeline.js';
import { MarketSimFeed } from './market-sim-feed.js';
import { RandomWalkFeed } from './random-walk-feed.js';
import { ReplayClient } from './replay-client.js';
import { formatReplayLine } from './replay-format.js';
import type { TimelineClient, TimelineItem } from './timeline-client.js';

const A = instrumentId('A', 'SIM');
const B = instrumentId('B', 'SIM');
const T0 = 1_700_000_000_000_000;

/** Runs a client on a TestClock through a pipeline; returns the replay lines of what came out. */
async function collect(
  make: (clock: TestClock) => TimelineClient<TimelineItem>,
  kinds: DataKind[],
  ids: InstrumentId[],
  clock = new TestClock(T0),
) {
  const client = make(clock);
  const pipeline = new FeedPipeline({ clock });
  await pipeline.attach(client);
  for (const id of ids) for (const kind of kinds) await client.subscribe({ instrumentId: id, kind });
  await client.finished;
  const lines: string[] = [];
  pipeline.drain((e) => lines.push(formatReplayLine(e)));
  return { lines, health: pipeline.health(), client, clock };
}

test('random walk feed: deterministic per seed, time-ordered, per-instrument streams independent', async () => {
  const make = (seed: number, ids: InstrumentId[]) => (clock: TestClock) =>
    new RandomWalkFeed({ clock, instruments: ids, seed, durationUs: 5_000_000 });
  const kinds = [DataKind.TRADES, DataKind.QUOTES];
  const a = await collect(make(3, [A, B]), kinds, [A, B]);
  const b = await collect(make(3, [A, B]), kinds, [A, B]);
  assert.ok(a.lines.length > 100);
  assert.deepEqual(a.lines, b.lines);
  const c = await collect(make(4, [A, B]), kinds, [A, B]);
  assert.notDeepEqual(a.lines, c.lines);
  const onlyA = await collect(make(3, [A, B]), kinds, [A]);
  assert.deepEqual(onlyA.lines, a.lines.filter((l) => l.includes('"A.SIM"')));
  assert.equal(a.client.status, FeedStatus.CLOSED);
  // Fast mode: the TestClock ran to the end of the timeline; latency is the simulated one.
  assert.ok(a.clock.timestampUs() >= T0 + 4_900_000);
  assert.ok(a.health.latencyP50Us! >= 200 && a.health.latencyP99Us! < 5000);
  assert.equal(a.health.invalid['crossed-book'], undefined);
});

test('exchange simulator feed: trades, quotes and sequenced book updates, deterministic', async () => {
  const make = (clock: TestClock) => new MarketSimFeed({ clock, instruments: [A], seed: 5, durationUs: 20_000_000 });
  const kinds = [DataKind.TRADES, DataKind.QUOTES, DataKind.BOOK];
  const a = await collect(make, kinds, [A]);
  const b = await collect(make, kinds, [A]);
  assert.deepEqual(a.lines, b.lines);
  const types = new Set(a.lines.map((l) => (JSON.parse(l) as { type: string }).type));
  assert.deepEqual([...types].sort(), ['book', 'quote', 'trade']);
  const books = a.lines.map((l) => JSON.parse(l) as { type: string; action: string; seq: number }).filter((e) => e.type === 'book');
  assert.equal(books[0].action, 'SNAPSHOT');
  assert.ok(books.slice(1).every((e, i) => e.action === 'DELTA' && e.seq === books[i].seq + 1));
  assert.equal(a.health.gaps, 0);
});

test('pipeline: gap asks the client for a snapshot; duplicates and invalid events are held back and counted', () => {
  const clock = new TestClock(T0);
  const requests: InstrumentId[] = [];
  const client: DataClient = {
    venue: 'TEST',
    status: FeedStatus.CONNECTED,
    connect: async () => {},
    disconnect: async () => {},
    subscribe: async () => {},
    unsubscribe: async () => {},
    requestBookSnapshot: (id) => requests.push(id),
  };
  const lines: string[] = [];
  const p = new FeedPipeline({ clock, log: (l) => lines.push(l) });
  void p.attach(client);
  const book = (action: BookUpdateAction, seq: number) =>
    new BookUpdate(A, action, [{ price: Price.parse('9'), size: Quantity.parse('1') }], [], seq, seq, T0, T0 + 100);
  p.onBookUpdate(book(BookUpdateAction.SNAPSHOT, 1));
  p.onBookUpdate(book(BookUpdateAction.DELTA, 2));
  p.onBookUpdate(book(BookUpdateAction.DELTA, 4)); // 3 lost
  p.onBookUpdate(book(BookUpdateAction.DELTA, 5)); // held until the snapshot
  assert.deepEqual(requests, [A]);
  p.onBookUpdate(book(BookUpdateAction.SNAPSHOT, 6));
  const trade = (id: string, price: string) =>
    new TradeTick(A, Price.parse(price), Quantity.parse('1'), AggressorSide.SELLER, id as TradeId, T0, T0 + 300);
  p.onTrade(trade('1', '10'));
  p.onTrade(trade('1', '10'));
  p.onTrade(trade('2', '0'));
  p.onMalformed('trade', '{oops', 'not JSON');
  p.onStatus(FeedStatus.CONNECTED);
  p.onStatus(FeedStatus.RECONNECTING);
  p.onStatus(FeedStatus.CONNECTED);
  const h = p.health();
  assert.equal(h.gaps, 1);
  assert.equal(h.snapshotRequests, 1);
  assert.equal(h.duplicates, 1);
  assert.equal(h.invalid['non-positive-price'], 1);
  assert.equal(h.malformed, 1);
  assert.equal(h.reconnects, 1);
  assert.equal(h.messages, 9);
  assert.equal(h.latencyP50Us, 100);
  assert.equal(h.latencyP99Us, 300);
  assert.equal(h.queue.depth, 4); // snapshot, delta 2, snapshot 6, trade 1
  clock.setTime(T0 + 2_000_000);
  assert.equal(p.health().lastMessageAgeUs.get(A), 2_000_000 - 300);
  assert.ok(lines.some((l) => l.includes('malformed trade')));
});

test('replay at speed 10 on a TestClock: same events, tenth of the time; malformed lines skipped', async () => {
  const rec = await collect(
    (clock) => new RandomWalkFeed({ clock, instruments: [A], seed: 9, durationUs: 3_000_000 }),
    [DataKind.TRADES, DataKind.QUOTES],
    [A],
  );
  const text = [rec.lines[0], 'not json', ...rec.lines.slice(1)].join('\n') + '\n';
  const firstInit = (JSON.parse(rec.lines[0]) as { tsInit: number }).tsInit;
  const lastInit = (JSON.parse(rec.lines.at(-1)!) as { tsInit: number }).tsInit;
  const strip = (l: string) => l.replace(/"tsInit":\d+,/, '');

  const same = await collect(
    (clock) => new ReplayClient({ clock, text }),
    [DataKind.TRADES, DataKind.QUOTES],
    [A],
    new TestClock(firstInit),
  );
  assert.deepEqual(same.lines, rec.lines); // speed 1 from the first tsInit: exact
  assert.equal(same.health.malformed, 1);

  const fast = await collect(
    (clock) => new ReplayClient({ clock, text, speed: 10 }),
    [DataKind.TRADES, DataKind.QUOTES],
    [A],
    new TestClock(T0),
  );
  assert.deepEqual(fast.lines.map(strip), rec.lines.map(strip));
  assert.equal(fast.clock.timestampUs() - T0, Math.round((lastInit - firstInit) / 10));
});
