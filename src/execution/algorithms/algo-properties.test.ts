import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { US } from '../../core/clock.js';
import { SeededRandom } from '../../core/random.js';
import { formatFixed } from '../../model/types/fixed-point.js';
import { algoHarness, T0, X } from './algo-harness.js';
import type { AlgoRequest } from './algo-request.js';
import type { ParentOrder } from './parent-order.js';

const MIN = US.MINUTE;
/** A price `ticks` cents around 100.00. */
const price = (ticks: number) => formatFixed(10_000 + ticks, 2);

const side = fc.constantFrom('BUY' as const, 'SELL' as const);
const limit = fc.option(fc.integer({ min: -10, max: 10 }).map(price), { nil: undefined });
const common = {
  side,
  quantity: fc.integer({ min: 1, max: 40 }),
  limitPrice: limit,
};
const scheduled = {
  ...common,
  durationUs: fc.integer({ min: 1, max: 8 }).map((m) => m * MIN),
  pricing: fc.constantFrom('CROSS' as const, 'JOIN' as const),
  atEnd: fc.constantFrom('CANCEL' as const, 'SWEEP' as const),
};

const request: fc.Arbitrary<AlgoRequest> = fc
  .oneof(
    fc.record({ algo: fc.constant('TWAP' as const), ...scheduled, slices: fc.integer({ min: 1, max: 8 }) }),
    fc.record({
      algo: fc.constant('VWAP' as const),
      ...scheduled,
      profile: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 6 }).map((w) => [1, ...w]),
    }),
    fc.record({
      algo: fc.constant('ICEBERG' as const),
      ...common,
      limitPrice: fc.integer({ min: -10, max: 10 }).map(price),
      displayQuantity: fc.integer({ min: 1, max: 10 }),
      durationUs: fc.option(
        fc.integer({ min: 1, max: 8 }).map((m) => m * MIN),
        { nil: undefined },
      ),
    }),
    fc
      .record({
        algo: fc.constant('POV' as const),
        ...common,
        participationRate: fc.integer({ min: 1, max: 100 }).map((p) => p / 100),
        minChildQuantity: fc.integer({ min: 1, max: 5 }),
        extra: fc.integer({ min: 0, max: 10 }),
        durationUs: fc.option(
          fc.integer({ min: 1, max: 8 }).map((m) => m * MIN),
          { nil: undefined },
        ),
        pricing: fc.constantFrom('CROSS' as const, 'JOIN' as const),
        atEnd: fc.constantFrom('CANCEL' as const, 'SWEEP' as const),
      })
      .map(({ extra, ...r }) => ({ ...r, maxChildQuantity: r.minChildQuantity + extra })),
  )
  .map((r) => ({ ...r, instrumentId: X }) as AlgoRequest);

type Action =
  | { kind: 'time'; dtUs: number }
  | { kind: 'quote'; mid: number; spread: number }
  | { kind: 'trade'; at: number; size: number }
  | { kind: 'flush' }
  | { kind: 'hold'; on: boolean }
  | { kind: 'reject'; count: number }
  | { kind: 'cancel' };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('time' as const), dtUs: fc.integer({ min: 1, max: 2 * MIN }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('quote' as const),
      mid: fc.integer({ min: -12, max: 12 }),
      spread: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('trade' as const),
      at: fc.integer({ min: -12, max: 12 }),
      size: fc.integer({ min: 1, max: 30 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('flush' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hold' as const), on: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('reject' as const), count: fc.integer({ min: 1, max: 2 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const) }) },
);

/** The invariants that must hold after anything happens. */
function checkInvariants(parent: ParentOrder, where: string): void {
  const children = parent.children.map((c) => c.order);
  const filled = children.reduce((sum, o) => sum + o.filledQty.raw, 0);
  const committed = children.reduce(
    (sum, o) => sum + o.filledQty.raw + (o.isTerminal ? 0 : o.leavesQty.raw),
    0,
  );
  assert.equal(parent.filledRaw, filled, `${where}: parent filled = Σ child fills`);
  assert.ok(filled <= parent.totalRaw, `${where}: filled ${filled} > ${parent.totalRaw}`);
  assert.ok(committed <= parent.totalRaw, `${where}: committed ${committed} > ${parent.totalRaw}`);
  const limitPrice = parent.request.limitPrice;
  for (const o of children) {
    assert.ok(
      o.quantity.raw > 0 && o.quantity.raw % parent.grid.lotRaw === 0,
      `${where}: child off the lot grid`,
    );
    if (limitPrice !== undefined) {
      assert.equal(o.type, 'LIMIT', `${where}: protected children are limits`);
      const beyond =
        parent.side === 'BUY' ? o.spec.price!.compare(limitPrice) > 0 : o.spec.price!.compare(limitPrice) < 0;
      assert.ok(!beyond, `${where}: child at ${o.spec.price} beyond limit ${limitPrice}`);
    }
  }
  if (parent.isDone) {
    assert.ok(
      children.every((o) => o.isTerminal),
      `${where}: parent ${parent.status} with open children`,
    );
  }
}

describe('execution algorithms: properties', () => {
  it('never commit or fill more than the parent, respect protection, and end with every child terminal', () => {
    fc.assert(
      fc.property(
        request,
        fc.array(action, { maxLength: 60 }),
        fc.integer(),
        fc.integer({ min: 0, max: 3 }),
        (req, actions, seed, fillStyle) => {
          const h = algoHarness();
          const random = new SeededRandom(seed);
          // 0: fill everything; 1: half; 2: one lot at a time; 3: random amount or nothing.
          h.client.fillPolicy = (_o, leaves) =>
            fillStyle === 0
              ? leaves
              : fillStyle === 1
                ? Math.ceil(leaves / 2)
                : fillStyle === 2
                  ? 1
                  : Math.floor(random.next() * (leaves + 1));
          h.quote(price(-1), price(1));
          const result = h.algos.start('S-1' as never, req);
          assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
          const parent = result.value;
          let t = 0;
          checkInvariants(parent, 'start');
          for (const [i, a] of actions.entries()) {
            switch (a.kind) {
              case 'time':
                t += a.dtUs;
                h.at(t);
                break;
              case 'quote':
                h.quote(price(a.mid - a.spread), price(a.mid + a.spread));
                break;
              case 'trade':
                h.trade(price(a.at), String(a.size));
                break;
              case 'flush':
                h.client.flushCancels();
                break;
              case 'hold':
                h.client.holdCancels = a.on;
                if (!a.on) h.client.flushCancels();
                break;
              case 'reject':
                h.client.rejectNext = a.count;
                break;
              case 'cancel':
                h.algos.cancel(parent.id);
                break;
            }
            checkInvariants(parent, `action ${i} ${a.kind}`);
          }
          // Wind down: cancels answered, past any end, then an explicit cancel.
          h.client.holdCancels = false;
          h.client.rejectNext = 0;
          h.client.flushCancels();
          const end = parent.request.endUs === Infinity ? t + 1 : parent.request.endUs - T0 + 1;
          h.at(Math.max(t, end));
          h.at(Math.max(t, end) + 1); // grace for a sweep
          h.algos.cancel(parent.id);
          h.client.flushCancels();
          checkInvariants(parent, 'end');
          assert.ok(parent.isDone, `parent still ${parent.status}`);
          assert.equal(h.ofType('AlgoEnded').length, 1);
          assert.equal(h.ofType('AlgoChildSent').length, parent.children.length);
          const tca = parent.report();
          assert.equal(tca.filledQty.raw, parent.filledRaw);
          assert.ok(tca.fillRate >= 0 && tca.fillRate <= 1);
        },
      ),
      { numRuns: 400, seed: 20_240_601 },
    );
  });
});
