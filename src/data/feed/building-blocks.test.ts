import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClock } from '../../core/clock.js';
import { SeededRandom } from '../../core/random.js';
import { BookUpdate, BookUpdateAction } from '../../model/data/book-update.js';
import { QuoteTick } from '../../model/data/quote-tick.js';
import { AggressorSide, TradeTick } from '../../model/data/trade-tick.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import type { TradeId } from '../../model/identifiers/order-ids.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { DuplicateFilter } from './duplicate-filter.js';
import { EventValidator, InvalidReason } from './event-validator.js';
import type { FeedEvent } from './feed-event.js';
import { FeedQueue } from './feed-queue.js';
import { LatencyStats } from './latency-stats.js';
import { MalformedLog } from './malformed-log.js';
import { ReconnectPolicy } from './reconnect-policy.js';
import { SequenceTracker, SequenceVerdict } from './sequence-tracker.js';
import { StalenessMonitor } from './staleness-monitor.js';

const A = instrumentId('A', 'SIM');
const B = instrumentId('B', 'SIM');
const px = (s: string) => Price.parse(s);
const qty = (s: string) => Quantity.parse(s);
const trade = (id: string, price = '100.00', ts = 1, tsInit = ts) =>
  new TradeTick(A, px(price), qty('1'), AggressorSide.BUYER, id as TradeId, ts, tsInit);
const quote = (bid: string, ask: string, ts = 1, id = A) => new QuoteTick(id, px(bid), px(ask), qty('1'), qty('1'), ts, ts);
const level = (p: string, s: string) => ({ price: px(p), size: qty(s) });

test('backoff: exponential, capped, jittered within bounds, same seed same sequence, reset', () => {
  const delays = (seed: number) => {
    const p = new ReconnectPolicy(new SeededRandom(seed), { initialDelayUs: 1000, maxDelayUs: 8000, jitter: 0.5 });
    return Array.from({ length: 6 }, () => p.nextDelayUs()!);
  };
  const d = delays(7);
  assert.deepEqual(d, delays(7));
  const bases = [1000, 2000, 4000, 8000, 8000, 8000];
  d.forEach((x, i) => assert.ok(x >= bases[i] / 2 && x <= bases[i], `${x} in [${bases[i] / 2}, ${bases[i]}]`));
  const nojitter = new ReconnectPolicy(new SeededRandom(1), { initialDelayUs: 100, jitter: 0, maxAttempts: 3 });
  assert.deepEqual([1, 2, 3, 4].map(() => nojitter.nextDelayUs()), [100, 200, 400, undefined]);
  nojitter.reset();
  assert.equal(nojitter.nextDelayUs(), 100);
});

test('sequence tracker: awaits a snapshot, applies contiguous/overlapping deltas, reports a gap once', () => {
  const s = new SequenceTracker();
  assert.equal(s.check(A, false, 1, 1), SequenceVerdict.AWAITING_SNAPSHOT);
  assert.equal(s.check(A, true, 10, 10), SequenceVerdict.APPLY);
  assert.equal(s.check(A, false, 9, 10), SequenceVerdict.STALE);
  assert.equal(s.check(A, false, 9, 12), SequenceVerdict.APPLY); // overlaps the snapshot
  assert.equal(s.check(A, false, 13, 13), SequenceVerdict.APPLY);
  assert.equal(s.check(A, false, 15, 15), SequenceVerdict.GAP);
  assert.equal(s.check(A, false, 16, 16), SequenceVerdict.AWAITING_SNAPSHOT);
  assert.equal(s.check(A, true, 20, 20), SequenceVerdict.APPLY);
  assert.equal(s.check(A, false, 21, 21), SequenceVerdict.APPLY);
});

test('duplicate filter: per instrument, bounded window', () => {
  const f = new DuplicateFilter(3);
  assert.equal(f.accept(A, '1'), true);
  assert.equal(f.accept(A, '1'), false);
  assert.equal(f.accept(B, '1'), true);
  for (const id of ['2', '3', '4']) f.accept(A, id);
  assert.equal(f.size(A), 3);
  assert.equal(f.accept(A, '1'), true); // evicted: memory is bounded
});

test('staleness with a TestClock: stale after the threshold, fresh again on a message', () => {
  const clock = new TestClock(1_000_000);
  const m = new StalenessMonitor(clock, 5_000_000);
  m.watch(A);
  m.watch(B);
  clock.setTime(4_000_000);
  m.seen(A, 4_000_000);
  clock.setTime(6_500_000);
  assert.deepEqual(
    m.check().map((c) => [c.instrumentId, c.stale]),
    [[B, true]],
  );
  assert.deepEqual(m.check(), []); // reported once
  clock.setTime(9_500_000);
  assert.deepEqual(m.staleInstruments.sort(), [B]);
  assert.deepEqual(m.check().map((c) => c.instrumentId), [A]);
  m.seen(B, 9_500_000);
  assert.deepEqual(m.check().map((c) => [c.instrumentId, c.stale]), [[B, false]]);
  assert.equal(m.ageUs(A), 5_500_000);
});

test('validator: non-positive price, crossed quote and snapshot, future timestamp', () => {
  const v = new EventValidator(5_000_000);
  assert.equal(v.trade(trade('1')), undefined);
  assert.equal(v.trade(trade('1', '0')), InvalidReason.NON_POSITIVE_PRICE);
  assert.equal(v.trade(trade('1', '-1.5')), InvalidReason.NON_POSITIVE_PRICE);
  assert.equal(v.trade(trade('1', '1', 10_000_000, 1)), InvalidReason.FUTURE_TIMESTAMP);
  assert.equal(v.trade(trade('1', '1', NaN, 1)), InvalidReason.BAD_TIMESTAMP);
  assert.equal(v.quote(quote('100.00', '100.00')), undefined); // locked is allowed
  assert.equal(v.quote(quote('100.01', '100.00')), InvalidReason.CROSSED_BOOK);
  const snap = (bid: string, ask: string) =>
    new BookUpdate(A, BookUpdateAction.SNAPSHOT, [level(bid, '1')], [level(ask, '1')], 1, 1, 1, 1);
  assert.equal(v.book(snap('99', '100')), undefined);
  assert.equal(v.book(snap('101', '100')), InvalidReason.CROSSED_BOOK);
});

test('malformed log: counted per kind, logged once per kind with a sample', () => {
  const lines: string[] = [];
  const m = new MalformedLog((l) => lines.push(l));
  m.record('trade', '{"p":"x"}', 'bad price');
  m.record('trade', '{"p":"y"}', 'bad price');
  m.record('depth', 'x'.repeat(500), 'not JSON');
  assert.equal(m.total, 3);
  assert.equal(m.byKind().get('trade')!.count, 2);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /\{"p":"x"\}/);
  assert.ok(lines[1].length < 400);
});

test('queue: FIFO below the bound; under pressure quotes conflate, book deltas merge, trades never drop', () => {
  const q = new FeedQueue(2);
  const out: FeedEvent[] = [];
  q.push({ type: 'trade', data: trade('1') });
  q.push({ type: 'quote', data: quote('1.00', '1.02') });
  q.push({ type: 'quote', data: quote('1.01', '1.03', 2) }); // pressure: replaces the first quote
  q.push({ type: 'quote', data: quote('5.00', '5.01', 2, B) }); // B has none queued: added
  for (let i = 2; i <= 4; i++) q.push({ type: 'trade', data: trade(String(i)) }); // past the bound
  assert.equal(q.depth, 6);
  const s = q.stats();
  assert.equal(s.conflated, 1);
  assert.equal(s.overSoftBound, 3);
  q.drain((e) => out.push(e));
  assert.deepEqual(
    out.map((e) => (e.type === 'trade' ? `t${e.data.tradeId}` : `q${e.type === 'quote' ? e.data.bidPrice : ''}`)),
    ['t1', 'q1.01', 'q5.00', 't2', 't3', 't4'],
  );
  assert.equal(q.depth, 0);

  const b = new FeedQueue(1);
  b.push({ type: 'trade', data: trade('9') });
  const upd = (action: BookUpdateAction, seq: number, bids: ReturnType<typeof level>[]) =>
    new BookUpdate(A, action, bids, [], seq, seq, seq, seq);
  b.push({ type: 'book', data: upd(BookUpdateAction.SNAPSHOT, 1, [level('10', '1'), level('9', '1')]) });
  b.push({ type: 'book', data: upd(BookUpdateAction.DELTA, 2, [level('10', '0'), level('9.5', '2')]) });
  b.push({ type: 'book', data: upd(BookUpdateAction.DELTA, 3, [level('9', '4')]) });
  const books: BookUpdate[] = [];
  b.drain((e) => e.type === 'book' && books.push(e.data));
  assert.equal(books.length, 1);
  const m = books[0];
  assert.equal(m.action, BookUpdateAction.SNAPSHOT);
  assert.equal(m.sequence, 3);
  assert.deepEqual(m.bids.map((l) => `${l.price}@${l.size}`), ['9.5@2', '9@4']);
});

test('latency percentiles over a window', () => {
  const l = new LatencyStats(100);
  for (let i = 1; i <= 100; i++) l.add(i);
  assert.equal(l.quantile(0.5), 50);
  assert.equal(l.quantile(0.99), 99);
});
