import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BookEvent, BookOptions, MatchingBook, NewOrder } from '../book/book-types.js';
import { OrderBook } from '../book/order-book.js';
import { ReferenceBook } from '../book/reference-book.js';
import type { LatencyConfig } from './latency-model.js';
import { SimulatedVenue, type SimulatedVenueConfig } from './simulated-venue.js';
import type { MarketDataEvent, VenueReport } from './venue-events.js';

const X = 'XYZ.SIM';

const BOOKS: [string, (options: BookOptions) => MatchingBook][] = [
  ['OrderBook', (options) => new OrderBook(options)],
  ['ReferenceBook', (options) => new ReferenceBook(options)],
];

function setup(
  createBook: (options: BookOptions) => MatchingBook,
  config: Partial<SimulatedVenueConfig> = {},
) {
  const reports: VenueReport[] = [];
  const data: MarketDataEvent[] = [];
  const external: BookEvent[] = [];
  const venue = new SimulatedVenue({
    instruments: [{ instrument: X }],
    createBook,
    onReport: (r) => reports.push(r),
    onMarketData: (e) => data.push(e),
    onExternalEvents: (_, events) => external.push(...events),
    ...config,
  });
  return { venue, reports, data, external };
}

const limit = (
  id: number,
  side: 'BUY' | 'SELL',
  price: number,
  quantity: number,
  extra: Partial<NewOrder> = {},
) => ({ id, side, type: 'LIMIT', price, quantity, ...extra }) as NewOrder;

/** A compact view of reports: kind, id and the fields a test cares about. */
const brief = (r: VenueReport): string => {
  switch (r.kind) {
    case 'filled':
      return `filled ${r.id} ${r.quantity}@${r.price} ${r.liquidity} fee=${r.fee} cum=${r.filled} leaves=${r.leaves} @${r.time}→${r.receiveTime}`;
    case 'rejected':
      return `rejected ${r.id} ${r.command} ${r.reason} @${r.time}→${r.receiveTime}`;
    case 'canceled':
    case 'expired':
      return `${r.kind} ${r.id} ${r.reason} canceled=${r.canceled} filled=${r.filled} @${r.time}→${r.receiveTime}`;
    default:
      return `${r.kind} ${r.id} @${r.time}→${r.receiveTime}`;
  }
};

const latency: LatencyConfig = { submit: 100, modify: 80, cancel: 50, report: 10, marketData: 30 };

for (const [name, createBook] of BOOKS) {
  describe(`SimulatedVenue (book mode, ${name})`, () => {
    test('our order acts after the submit latency; reports arrive after the report latency', () => {
      const { venue, reports } = setup(createBook, { latency });
      venue.submit(X, limit(1, 'BUY', 100, 10));
      assert.equal(venue.order(1)?.status, 'pending');
      venue.advanceTo(99);
      assert.equal(venue.book(X)?.bestBid(), undefined);
      venue.advanceTo(100);
      assert.equal(venue.book(X)?.bestBid(), 100);
      assert.equal(venue.order(1)?.status, 'working');
      assert.equal(reports.length, 0, 'the accept is still on its way');
      venue.advanceTo(110);
      assert.deepEqual(reports.map(brief), ['accepted 1 @100→110']);
    });

    test('partial fills: maker fees and rebates, cumulative filled and leaves', () => {
      const { venue, reports } = setup(createBook, {
        latency,
        fees: { makerBps: -2.5, takerBps: 5 },
        instruments: [{ instrument: X, notional: { numerator: 10, denominator: 1 } }],
      });
      venue.submit(X, limit(1, 'BUY', 1_000, 10));
      venue.submitExternal(X, { id: 7, side: 'SELL', type: 'MARKET', quantity: 3 }, 200);
      venue.submitExternal(X, { id: 8, side: 'SELL', type: 'MARKET', quantity: 4 }, 300);
      venue.submitExternal(X, limit(9, 'SELL', 1_000, 5), 400);
      venue.advanceTo(1_000);
      // notional 1000 × 3 × 10 = 30000 units; −2.5 bps = −7.5 → −8 (half away from zero).
      assert.deepEqual(reports.map(brief), [
        'accepted 1 @100→110',
        'filled 1 3@1000 MAKER fee=-8 cum=3 leaves=7 @200→210',
        'filled 1 4@1000 MAKER fee=-10 cum=7 leaves=3 @300→310',
        'filled 1 3@1000 MAKER fee=-8 cum=10 leaves=0 @400→410',
      ]);
      assert.deepEqual(venue.order(1), {
        id: 1,
        instrument: X,
        side: 'BUY',
        status: 'done',
        quantity: 10,
        filled: 10,
        leaves: 0,
        fees: -26,
      });
      // Our taker order pays the taker fee: 2 lots at 1000 = 20000 units × 5 bps = 10.
      venue.submit(X, { id: 2, side: 'BUY', type: 'MARKET', quantity: 2 });
      venue.advanceTo(2_000);
      assert.equal(
        brief(reports[reports.length - 1]),
        'filled 2 2@1000 TAKER fee=10 cum=2 leaves=0 @1100→1110',
      );
    });

    test('a cancel that arrives after a fill in its latency window is rejected; the fill stands', () => {
      const { venue, reports } = setup(createBook, { latency: { ...latency, cancel: 500 } });
      venue.submit(X, limit(1, 'BUY', 100, 5));
      venue.advanceTo(150);
      venue.cancel(1); // sent at 150, acts at 650
      venue.submitExternal(X, { id: 1, side: 'SELL', type: 'MARKET', quantity: 5 }, 300);
      venue.advanceTo(1_000);
      assert.deepEqual(reports.map(brief), [
        'accepted 1 @100→110',
        'filled 1 5@100 MAKER fee=0 cum=5 leaves=0 @300→310',
        'rejected 1 cancel UNKNOWN_ORDER @650→660',
      ]);
      assert.equal(venue.order(1)?.filled, 5);
    });

    test('a cancel in time cancels the open rest of a partially filled order', () => {
      const { venue, reports } = setup(createBook, { latency });
      venue.submit(X, limit(1, 'SELL', 100, 5));
      venue.advanceTo(100);
      venue.cancel(1); // acts at 150
      venue.submitExternal(X, { id: 1, side: 'BUY', type: 'MARKET', quantity: 2 }, 120);
      venue.advanceTo(1_000);
      assert.deepEqual(reports.map(brief).slice(1), [
        'filled 1 2@100 MAKER fee=0 cum=2 leaves=3 @120→130',
        'canceled 1 CANCELED canceled=3 filled=2 @150→160',
      ]);
    });

    test('a cancel never overtakes its own submit, even with a much shorter latency', () => {
      const { venue, reports } = setup(createBook, { latency: { submit: 1_000, cancel: 1 } });
      venue.submit(X, limit(1, 'BUY', 100, 5));
      venue.cancel(1);
      venue.advanceTo(5_000);
      assert.deepEqual(reports.map(brief), [
        'accepted 1 @1000→1000',
        'canceled 1 CANCELED canceled=5 filled=0 @1000→1000',
      ]);
    });

    test('property: with random jitter our commands act in the order sent, reproducibly from the seed', () => {
      const run = (seed: number): string[] => {
        const { venue, reports } = setup(createBook, {
          seed,
          latency: {
            submit: { base: 10, jitter: 500 },
            modify: { base: 10, jitter: 500, distribution: 'exponential' },
            cancel: { base: 0, jitter: 50 },
            report: { base: 5, jitter: 100 },
          },
        });
        for (let i = 1; i <= 20; i++) {
          venue.submit(X, limit(i, 'BUY', 100 + (i % 3), 1 + (i % 4)));
          if (i % 3 === 0) venue.modify({ id: i, quantity: 10 });
          if (i % 2 === 0) venue.cancel(i);
          venue.advanceTo(venue.time + 7);
        }
        venue.advanceTo(10_000);
        // Reports arrive in the order the matching produced them; each id's story is in order.
        const times = reports.map((r) => r.receiveTime);
        assert.deepEqual(
          times,
          [...times].sort((a, b) => a - b),
        );
        for (let i = 2; i <= 20; i += 2) {
          const mine = reports.filter((r) => r.id === i).map((r) => r.kind);
          assert.deepEqual(
            mine,
            i % 3 === 0 ? ['accepted', 'modified', 'canceled'] : ['accepted', 'canceled'],
          );
        }
        return reports.map(brief);
      };
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          assert.deepEqual(run(seed), run(seed));
        }),
        { numRuns: 10 },
      );
      assert.notDeepEqual(run(1), run(2));
    });

    test('market data arrives after the market-data latency, independently of reports', () => {
      const { venue, data, reports } = setup(createBook, { latency, depthLevels: 1 });
      venue.submitExternal(X, limit(1, 'SELL', 105, 4), 1_000);
      venue.advanceTo(1_029);
      assert.equal(data.length, 0);
      venue.advanceTo(1_030);
      assert.deepEqual(data, [
        {
          kind: 'depth',
          instrument: X,
          bids: [],
          asks: [{ price: 105, quantity: 4, orders: 1 }],
          time: 1_000,
          receiveTime: 1_030,
        },
      ]);
      venue.submit(X, { id: 1, side: 'BUY', type: 'MARKET', quantity: 1 }); // acts at 1130
      venue.advanceTo(2_000);
      const trade = data.find((e) => e.kind === 'trade');
      assert.deepEqual(
        trade && [trade.price, trade.quantity, trade.aggressor, trade.time, trade.receiveTime],
        [105, 1, 'BUY', 1_130, 1_160],
      );
      assert.equal(reports.find((r) => r.kind === 'filled')?.receiveTime, 1_140);
      // An order that does not change the best level sends no depth update.
      const before = data.length;
      venue.submitExternal(X, limit(2, 'SELL', 110, 4), 3_000);
      venue.advanceTo(4_000);
      assert.equal(data.length, before);
    });

    test('a listener reacting to market data sends at the receive time; several instruments share the clock', () => {
      const Y = 'ABC.SIM';
      const reports: VenueReport[] = [];
      const venue: SimulatedVenue = new SimulatedVenue({
        instruments: [{ instrument: X }, { instrument: Y }],
        createBook,
        latency,
        onReport: (r) => reports.push(r),
        onMarketData: (e) => {
          // Lift the first offer we see on X, hedge on Y.
          if (e.kind === 'depth' && e.instrument === X && e.asks.length > 0 && venue.order(1) === undefined) {
            venue.submit(X, { id: 1, side: 'BUY', type: 'MARKET', quantity: 1 });
            venue.submit(Y, limit(2, 'SELL', 50, 1));
          }
        },
      });
      venue.submitExternal(X, limit(1, 'SELL', 105, 4), 1_000); // seen at 1030, our order acts at 1130
      venue.advanceTo(2_000);
      assert.deepEqual(
        reports.map((r) => `${r.instrument} ${brief(r)}`),
        [
          `${X} accepted 1 @1130→1140`,
          `${X} filled 1 1@105 TAKER fee=0 cum=1 leaves=0 @1130→1140`,
          `${Y} accepted 2 @1130→1140`,
        ],
      );
      assert.equal(venue.book(Y)?.bestAsk(), 50);
    });

    test('outside flow keeps its own ids; its events show our side with our id', () => {
      const { venue, external } = setup(createBook, { owner: 77 });
      venue.submit(X, limit(5, 'BUY', 100, 2));
      venue.advanceTo(0);
      venue.submitExternal(X, limit(5, 'SELL', 100, 3), 10); // same number as ours: another order
      venue.submitExternal(X, limit(5, 'SELL', 101, 1), 20); // id 5 is live: duplicate
      venue.cancelExternal(X, 5, 30);
      venue.cancelExternal(X, 5, 40); // done: unknown
      venue.submitExternal(X, limit(5, 'SELL', 102, 1), 50); // done ids may be reused
      assert.deepEqual(
        external.map((e) =>
          e.kind === 'trade'
            ? `trade maker=${e.makerId}/${e.makerOwner} taker=${e.takerId}/${e.takerOwner} ${e.quantity}`
            : `${e.kind} ${e.id}${e.kind === 'rejected' ? ` ${e.reason}` : ''}`,
        ),
        [
          'accepted 5',
          'trade maker=5/77 taker=5/0 2',
          'rejected 5 DUPLICATE_ORDER_ID',
          'canceled 5',
          'rejected 5 UNKNOWN_ORDER',
          'accepted 5',
        ],
      );
      assert.equal(venue.order(5)?.filled, 2);
    });

    test('venue-level rejections: duplicate and invalid ids, unknown orders; time never goes back', () => {
      const { venue, reports } = setup(createBook);
      venue.submit(X, limit(1, 'BUY', 100, 0)); // the book rejects the quantity
      venue.submit(X, limit(1, 'BUY', 100, 1)); // the id was used
      venue.submit(X, limit(0, 'BUY', 100, 1));
      venue.cancel(42);
      venue.modify({ id: 43, quantity: 1 });
      venue.advanceTo(5);
      assert.deepEqual(reports.map(brief), [
        'rejected 1 submit INVALID_QUANTITY @0→0',
        'rejected 1 submit DUPLICATE_ORDER_ID @0→0',
        'rejected 0 submit INVALID_ORDER_ID @0→0',
        'rejected 42 cancel UNKNOWN_ORDER @0→0',
        'rejected 43 modify UNKNOWN_ORDER @0→0',
      ]);
      assert.throws(() => venue.advanceTo(4), RangeError);
      assert.throws(() => venue.submit('NOPE.SIM', limit(2, 'BUY', 1, 1)), RangeError);
    });

    test('modify and cancel-all go through with their own latencies; GTD orders expire', () => {
      const { venue, reports } = setup(createBook, { latency });
      venue.submit(X, limit(1, 'BUY', 100, 5));
      venue.submit(X, limit(2, 'SELL', 110, 5));
      venue.submit(X, limit(3, 'SELL', 111, 5, { timeInForce: 'GTD', expireTime: 5_000 }));
      venue.advanceTo(200);
      venue.modify({ id: 1, quantity: 3 }); // acts at 280
      venue.advanceTo(300);
      venue.cancelAll(X, 'BUY'); // acts at 350
      venue.advanceTo(6_000); // order 3 expires now; its report is due at 6010
      assert.equal(venue.nextEventTime(), 6_010);
      venue.advanceTo(6_010);
      assert.deepEqual(reports.map(brief).slice(3), [
        'modified 1 @280→290',
        'canceled 1 CANCELED canceled=3 filled=0 @350→360',
        'expired 3 EXPIRED canceled=5 filled=0 @6000→6010',
      ]);
      assert.equal(venue.book(X)?.bestAsk(), 110);
    });
  });
}

describe('SimulatedVenue (l2 mode)', () => {
  const setupL2 = (config: Partial<SimulatedVenueConfig> = {}) => {
    const reports: VenueReport[] = [];
    const data: MarketDataEvent[] = [];
    const venue = new SimulatedVenue({
      instruments: [{ instrument: X, mode: 'l2' }],
      latency,
      fees: { makerBps: -1, takerBps: 2 },
      onReport: (r) => reports.push(r),
      onMarketData: (e) => data.push(e),
      ...config,
    });
    return { venue, reports, data };
  };

  test('our order joins the queue as it is when the order arrives, not when it was sent', () => {
    const { venue, reports } = setupL2();
    venue.onLevel(X, 'BUY', 100, 10, 0);
    venue.submit(X, limit(1, 'BUY', 100, 5)); // acts at 100
    venue.onLevel(X, 'BUY', 100, 30, 50); // 20 more joined before our order got there
    venue.advanceTo(100);
    assert.equal(venue.l2(X)?.order(1)?.ahead, 30);
    venue.onTrade(X, 100, 32, 'SELL', 200);
    venue.advanceTo(300);
    assert.deepEqual(reports.map(brief), [
      'accepted 1 @100→110',
      'filled 1 2@100 MAKER fee=0 cum=2 leaves=3 @200→210',
    ]);
  });

  test('data reaches us as market data after its latency; fees apply to simulated fills', () => {
    const { venue, reports, data } = setupL2();
    venue.onLevel(X, 'SELL', 10_000, 10, 0);
    venue.submit(X, { id: 1, side: 'BUY', type: 'MARKET', quantity: 3 });
    venue.onTrade(X, 10_000, 1, 'BUY', 40);
    venue.advanceTo(1_000);
    assert.deepEqual(
      data.map((e) => `${e.kind}@${e.time}→${e.receiveTime}`),
      ['level@0→30', 'trade@40→70'],
    );
    // 3 × 10000 = 30000 × 2 bps = 6.
    assert.deepEqual(reports.map(brief).slice(1), ['filled 1 3@10000 TAKER fee=6 cum=3 leaves=0 @100→110']);
    assert.throws(() => venue.submitExternal(X, limit(1, 'BUY', 1, 1), 2_000), RangeError);
  });
});
