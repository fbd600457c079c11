import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { NewOrder } from '../book/book-types.js';
import { L2FillSimulator, type L2FillEvent, type L2FillOptions } from './l2-fill-simulator.js';

function setup(options: Omit<L2FillOptions, 'onEvents'> = {}) {
  const events: L2FillEvent[] = [];
  const sim = new L2FillSimulator({ ...options, onEvents: (batch) => events.push(...batch) });
  const fills = () => events.filter((e) => e.kind === 'fill');
  const take = () => events.splice(0);
  return { sim, events, fills, take };
}

const bid = (id: number, price: number, quantity: number, extra: Partial<NewOrder> = {}): NewOrder => ({
  id,
  side: 'BUY',
  type: 'LIMIT',
  price,
  quantity,
  ...extra,
});

describe('L2FillSimulator: queue position at the touch', () => {
  test('no fill until the queue ahead is consumed, then partial fills by the traded excess', () => {
    const { sim, fills, take } = setup();
    sim.onLevel('BUY', 100, 10, 1);
    sim.onLevel('SELL', 101, 10, 1);
    sim.submit(bid(1, 100, 5), 2);
    assert.equal(sim.order(1)?.ahead, 10);
    take();
    sim.onTrade(100, 6, 'SELL', 3);
    assert.equal(fills().length, 0);
    assert.equal(sim.order(1)?.ahead, 4);
    // The feed reports the level after the trade: not a cancellation, nothing more moves.
    sim.onLevel('BUY', 100, 4, 3);
    assert.equal(sim.order(1)?.ahead, 4);
    sim.onTrade(100, 7, 'SELL', 4); // 4 ahead, 3 to us
    assert.deepEqual(
      take().map((e) => e.kind === 'fill' && [e.price, e.quantity, e.liquidity, e.leaves]),
      [[100, 3, 'MAKER', 2]],
    );
    sim.onTrade(100, 9, 'SELL', 5);
    assert.deepEqual(
      take().map((e) => e.kind === 'fill' && [e.quantity, e.leaves]),
      [[2, 0]],
    );
    assert.equal(sim.order(1), undefined);
  });

  test('trades on the other side, or at a worse price of ours, do not fill us', () => {
    const { sim, fills } = setup();
    sim.onLevel('BUY', 100, 0, 1);
    sim.submit(bid(1, 100, 5), 1); // nothing ahead
    sim.onTrade(99, 50, 'BUY', 2); // someone bought: asks were hit, not bids
    sim.onTrade(101, 50, 'SELL', 2); // a sell at 101 hit bids above ours
    assert.equal(fills().length, 0);
  });

  test('our later order at the same price queues behind our earlier one', () => {
    const { sim, fills } = setup();
    sim.onLevel('BUY', 100, 4, 1);
    sim.submit(bid(1, 100, 3), 1); // 4 ahead
    sim.onLevel('BUY', 100, 6, 2); // 2 joined behind us
    sim.submit(bid(2, 100, 3), 2); // 6 others + our 3 ahead of it
    sim.onTrade(100, 10, 'SELL', 3); // 4 others, our 3, 2 others, 1 of order 2
    assert.deepEqual(
      fills().map((e) => e.kind === 'fill' && [e.id, e.quantity]),
      [
        [1, 3],
        [2, 1],
      ],
    );
  });
});

describe('L2FillSimulator: cancellations by others', () => {
  // 10 lots ahead of us, 10 behind; then 6 lots are cancelled (level 20 → 14), then 10 more (→ 4).
  const run = (queue: 'pessimistic' | 'proportional' | 'optimistic'): number[] => {
    const { sim } = setup({ queue });
    sim.onLevel('BUY', 100, 10, 1);
    sim.submit(bid(1, 100, 5), 1);
    sim.onLevel('BUY', 100, 20, 2);
    const out: number[] = [];
    sim.onLevel('BUY', 100, 14, 3);
    out.push(sim.order(1)?.ahead as number);
    sim.onLevel('BUY', 100, 4, 4);
    out.push(sim.order(1)?.ahead as number);
    return out;
  };

  test('pessimistic: from behind us, until the level is smaller than what was ahead', () => {
    assert.deepEqual(run('pessimistic'), [10, 4]);
  });

  test('proportional (default): from ahead in proportion to our place', () => {
    // 6 × 10/20 = 3 → 7 ahead; then 10 of 14, 7 × 10/14 = 5 → 2 ahead.
    assert.deepEqual(run('proportional'), [7, 2]);
    const { sim } = setup();
    sim.onLevel('BUY', 100, 10, 1);
    sim.submit(bid(1, 100, 5), 1);
    sim.onLevel('BUY', 100, 20, 2);
    sim.onLevel('BUY', 100, 14, 3);
    assert.equal(sim.order(1)?.ahead, 7);
  });

  test('optimistic: from ahead of us first', () => {
    assert.deepEqual(run('optimistic'), [4, 0]);
  });

  test('a level that empties leaves nothing ahead; then a trade at it fills us', () => {
    const { sim, fills } = setup({ queue: 'pessimistic' });
    sim.onLevel('BUY', 100, 10, 1);
    sim.submit(bid(1, 100, 5), 1);
    sim.onLevel('BUY', 100, 0, 2);
    assert.equal(sim.order(1)?.ahead, 0);
    sim.onTrade(100, 2, 'SELL', 3);
    assert.deepEqual(
      fills().map((e) => e.kind === 'fill' && e.quantity),
      [2],
    );
  });
});

describe('L2FillSimulator: through our price', () => {
  test('a trade through our price fills us fully (default), at our price', () => {
    const { sim, fills } = setup();
    sim.onLevel('BUY', 100, 50, 1);
    sim.submit(bid(1, 100, 8), 1);
    sim.onTrade(99, 1, 'SELL', 2);
    assert.deepEqual(
      fills().map((e) => e.kind === 'fill' && [e.price, e.quantity, e.liquidity, e.leaves]),
      [[100, 8, 'MAKER', 0]],
    );
  });

  test('tradeThrough `traded`: at most what printed, better prices first', () => {
    const { sim, fills } = setup({ tradeThrough: 'traded' });
    sim.submit(bid(1, 100, 8), 1);
    sim.submit(bid(2, 101, 8), 1);
    sim.onTrade(99, 10, 'SELL', 2);
    assert.deepEqual(
      fills().map((e) => e.kind === 'fill' && [e.id, e.quantity]),
      [
        [2, 8],
        [1, 2],
      ],
    );
    assert.equal(sim.order(1)?.ahead, 0);
  });

  test('an offer that appears at or below our bid trades with us (maker, our price)', () => {
    const { sim, fills } = setup();
    sim.onLevel('SELL', 103, 10, 1);
    sim.submit(bid(1, 101, 8), 1); // improves the bid: nothing ahead
    sim.onLevel('SELL', 100, 5, 2); // someone offers through our bid
    assert.deepEqual(
      fills().map((e) => e.kind === 'fill' && [e.price, e.quantity, e.liquidity, e.leaves]),
      [[101, 5, 'MAKER', 3]],
    );
    sim.onLevel('SELL', 100, 5, 3); // the same 5 lots: already taken
    assert.equal(fills().length, 1);
    sim.onLevel('SELL', 100, 9, 4); // 4 more offered
    assert.deepEqual(
      fills().map((e) => e.kind === 'fill' && e.quantity),
      [5, 3],
    );
  });
});

describe('L2FillSimulator: orders that take liquidity', () => {
  test('a marketable limit takes displayed levels best first; the rest rests', () => {
    const { sim, take } = setup();
    sim.onLevel('SELL', 101, 3, 1);
    sim.onLevel('SELL', 102, 4, 1);
    sim.onLevel('SELL', 104, 9, 1);
    sim.onLevel('BUY', 102, 6, 1); // stale data at our price
    sim.submit(bid(1, 102, 10), 2);
    assert.deepEqual(
      take().map((e) => (e.kind === 'fill' ? [e.kind, e.price, e.quantity, e.liquidity] : [e.kind])),
      [['accepted'], ['fill', 101, 3, 'TAKER'], ['fill', 102, 4, 'TAKER']],
    );
    assert.deepEqual(sim.order(1) && [sim.order(1)?.open, sim.order(1)?.ahead], [3, 6]);
    // What we took stays taken: a second order finds nothing left at 101-102.
    sim.submit({ id: 2, side: 'BUY', type: 'MARKET', quantity: 2 }, 3);
    assert.deepEqual(
      take().map((e) => (e.kind === 'fill' ? e.price : e.kind)),
      ['accepted', 104],
    );
  });

  test('IOC and MARKET remainders are canceled; FOK fills all or nothing; post-only never takes', () => {
    const { sim, take } = setup();
    sim.onLevel('SELL', 101, 3, 1);
    sim.submit(bid(1, 101, 5, { timeInForce: 'IOC' }), 1);
    assert.deepEqual(
      take().map((e) => e.kind + (e.kind === 'canceled' ? `:${e.reason}:${e.remaining}` : '')),
      ['accepted', 'fill', 'canceled:IOC_REMAINDER:2'],
    );
    sim.onLevel('SELL', 102, 3, 2);
    sim.submit(bid(2, 102, 5, { timeInForce: 'FOK' }), 2);
    assert.deepEqual(
      take().map((e) => e.kind + (e.kind === 'canceled' ? `:${e.reason}` : '')),
      ['accepted', 'canceled:FOK_UNFILLABLE'],
    );
    sim.submit({ id: 3, side: 'BUY', type: 'MARKET', quantity: 5 }, 3);
    assert.deepEqual(
      take().map((e) => e.kind + (e.kind === 'canceled' ? `:${e.reason}:${e.remaining}` : '')),
      ['accepted', 'fill', 'canceled:NO_LIQUIDITY:2'],
    );
    sim.onLevel('SELL', 105, 3, 4);
    sim.submit(bid(4, 105, 1, { postOnly: true }), 4);
    assert.deepEqual(
      take().map((e) => (e.kind === 'rejected' ? e.reason : e.kind)),
      ['POST_ONLY_WOULD_CROSS'],
    );
  });

  test('validation: ids, quantities, prices, unsupported orders', () => {
    const { sim, take } = setup({ tickSize: 5, lotSize: 2 });
    const reasons = (order: NewOrder): string[] => {
      sim.submit(order, 1);
      return take().map((e) => (e.kind === 'rejected' ? e.reason : e.kind));
    };
    assert.deepEqual(reasons(bid(0, 100, 2)), ['INVALID_ORDER_ID']);
    assert.deepEqual(reasons(bid(1, 100, 3)), ['QUANTITY_OFF_LOT']);
    assert.deepEqual(reasons(bid(1, 101, 2)), ['PRICE_OFF_TICK']);
    assert.deepEqual(reasons(bid(1, 100, 2, { hidden: true })), ['INVALID_ORDER']);
    assert.deepEqual(reasons({ id: 1, side: 'SELL', type: 'STOP_MARKET', triggerPrice: 90, quantity: 2 }), [
      'INVALID_ORDER',
    ]);
    assert.deepEqual(reasons(bid(1, 100, 2)), ['accepted']);
    assert.deepEqual(reasons(bid(1, 100, 2)), ['DUPLICATE_ORDER_ID']);
  });
});

describe('L2FillSimulator: modify and cancel', () => {
  test('a decrease keeps our place; a price change joins the back of the new level', () => {
    const { sim, take } = setup();
    sim.onLevel('BUY', 100, 10, 1);
    sim.onLevel('BUY', 99, 7, 1);
    sim.submit(bid(1, 100, 5), 1);
    sim.onTrade(100, 4, 'SELL', 2);
    take();
    sim.modify({ id: 1, quantity: 3 }, 3);
    assert.deepEqual([sim.order(1)?.ahead, sim.order(1)?.open], [6, 3]);
    sim.modify({ id: 1, price: 99 }, 4);
    assert.deepEqual([sim.order(1)?.price, sim.order(1)?.ahead], [99, 7]);
    assert.deepEqual(
      take().map((e) => (e.kind === 'modified' ? [e.quantity, e.lostPriority] : e.kind)),
      [
        [3, false],
        [3, true],
      ],
    );
    sim.modify({ id: 1, quantity: 0 }, 5);
    sim.modify({ id: 1, triggerPrice: 5 }, 5);
    sim.modify({ id: 9, quantity: 1 }, 5);
    assert.deepEqual(
      take().map((e) => (e.kind === 'rejected' ? e.reason : e.kind)),
      ['INVALID_QUANTITY', 'NOT_MODIFIABLE', 'UNKNOWN_ORDER'],
    );
  });

  test('cancel: a live order leaves with its open lots; after a fill it is unknown', () => {
    const { sim, take } = setup();
    sim.submit(bid(1, 100, 5), 1);
    sim.submit(bid(2, 100, 5), 1);
    sim.onTrade(100, 5, 'SELL', 2);
    take();
    sim.cancel(1, 3);
    sim.cancel(2, 3);
    assert.deepEqual(
      take().map((e) => (e.kind === 'rejected' ? e.reason : e.kind === 'canceled' ? e.remaining : e.kind)),
      ['UNKNOWN_ORDER', 5],
    );
  });
});

/** A random stream of L2 data and our orders, to check the invariants of every fill. */
const action = fc.oneof(
  fc.record({
    kind: fc.constant('level' as const),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    price: fc.integer({ min: 95, max: 105 }),
    quantity: fc.nat(30),
  }),
  fc.record({
    kind: fc.constant('trade' as const),
    aggressor: fc.constantFrom('BUY' as const, 'SELL' as const),
    price: fc.integer({ min: 95, max: 105 }),
    quantity: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({
    kind: fc.constant('submit' as const),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    price: fc.integer({ min: 95, max: 105 }),
    quantity: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), id: fc.integer({ min: 1, max: 30 }) }),
);

describe('L2FillSimulator: properties', () => {
  test('property: fills never exceed what traded (or the level showed); no order overfills; ahead ≤ level', () => {
    fc.assert(
      fc.property(
        fc.array(action, { maxLength: 60 }),
        fc.constantFrom('pessimistic' as const, 'proportional' as const, 'optimistic' as const),
        fc.constantFrom('full' as const, 'traded' as const),
        (actions, queue, tradeThrough) => {
          const { sim, take } = setup({ queue, tradeThrough });
          const sizes = new Map<number, number>();
          const filled = new Map<number, number>();
          let nextId = 1;
          actions.forEach((a, t) => {
            if (a.kind === 'level') sim.onLevel(a.side, a.price, a.quantity, t);
            else if (a.kind === 'trade') sim.onTrade(a.price, a.quantity, a.aggressor, t);
            else if (a.kind === 'cancel') sim.cancel(a.id, t);
            else {
              sizes.set(nextId, a.quantity);
              sim.submit(
                { id: nextId++, side: a.side, type: 'LIMIT', price: a.price, quantity: a.quantity },
                t,
              );
            }
            const fills = take().filter((e) => e.kind === 'fill');
            for (const f of fills) {
              filled.set(f.id, (filled.get(f.id) ?? 0) + f.quantity);
              assert.ok((filled.get(f.id) as number) <= (sizes.get(f.id) as number), 'overfilled');
              assert.equal(f.leaves, (sizes.get(f.id) as number) - (filled.get(f.id) as number));
            }
            const sum = fills.reduce((s, f) => s + f.quantity, 0);
            if (a.kind === 'trade') {
              // `full` fills orders the trade went through on top of the print; at the print's
              // own price, fills never exceed it in either mode.
              const counted = tradeThrough === 'traded' ? fills : fills.filter((f) => f.price === a.price);
              const fromTrade = counted.reduce((s, f) => s + f.quantity, 0);
              assert.ok(fromTrade <= a.quantity, `filled ${fromTrade} of a ${a.quantity}-lot trade`);
              // Only the side the trade hit fills, and only at or through the trade's price.
              for (const f of fills) {
                const o = sizes.get(f.id) !== undefined;
                assert.ok(o);
                assert.equal(f.liquidity, 'MAKER');
                assert.ok(a.aggressor === 'SELL' ? f.price >= a.price : f.price <= a.price);
              }
            }
            if (a.kind === 'level') assert.ok(sum <= a.quantity, 'filled more than the level showed');
            for (const o of sim.orders()) assert.ok(o.ahead <= sim.level(o.side, o.price as number));
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
