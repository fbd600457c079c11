import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { StrategyId } from '../model/identifiers/order-ids.js';
import type { OrderSpec } from '../model/orders/order.js';
import { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';
import { setup, S1, S2, X, Y } from './risk-test-fixture.js';

const submitArb = fc.record({
  kind: fc.constant('submit' as const),
  strategy: fc.constantFrom(S1, S2),
  instrument: fc.constantFrom(X, Y),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  qty: fc.integer({ min: 1, max: 30 }),
  /** Limit price offset from the last price, in percent; null: a market order. */
  offsetPct: fc.option(fc.integer({ min: -20, max: 20 })),
  rests: fc.boolean(),
});
const fillArb = fc.record({
  kind: fc.constant('fill' as const),
  at: fc.nat(),
  part: fc.integer({ min: 1, max: 30 }),
});
const cancelArb = fc.record({ kind: fc.constant('cancel' as const), at: fc.nat() });

const limitsArb = fc.record({
  posX: fc.integer({ min: 1, max: 60 }),
  posY: fc.integer({ min: 1, max: 60 }),
  posS1: fc.integer({ min: 1, max: 60 }),
  /** USD. */
  gross: fc.integer({ min: 100, max: 20_000 }),
  net: fc.integer({ min: 100, max: 20_000 }),
  priceX: fc.integer({ min: 100, max: 50_000 }),
  priceY: fc.integer({ min: 100, max: 50_000 }),
});

type Submit = typeof submitArb extends fc.Arbitrary<infer T> ? T : never;
type Limits = typeof limitsArb extends fc.Arbitrary<infer T> ? T : never;

/** An engine with position limits, and exposure limits when `exposure` is set. */
function world(limits: Limits, exposure: boolean) {
  const w = setup({
    node: {
      maxPosition: { 'X.SIM': limits.posX, 'Y.SIM': limits.posY },
      ...(exposure ? { maxGrossExposure: limits.gross, maxNetExposure: limits.net } : {}),
    },
    strategies: { 'S-1': { maxPosition: limits.posS1 } },
  });
  w.view.setLastPrice(X, Price.fromRaw(limits.priceX, 2));
  w.view.setLastPrice(Y, Price.fromRaw(limits.priceY, 2));
  const spec = (s: Submit): OrderSpec => {
    const last = w.view.lastPrice(s.instrument)!;
    const base = { instrumentId: s.instrument, side: s.side, quantity: Quantity.fromRaw(s.qty, 0) };
    if (s.offsetPct === null) return { ...base, type: 'MARKET' };
    const priceRaw = Math.max(1, last.raw + Math.trunc((last.raw * s.offsetPct) / 100));
    return { ...base, type: 'LIMIT', price: Price.fromRaw(priceRaw, 2) };
  };
  const fill = (strategy: StrategyId, id: InstrumentId, side: 'BUY' | 'SELL', qty: number, price?: Price) =>
    w.view.applyFill(strategy, id, side, qty, price ?? w.view.lastPrice(id)!);
  return { ...w, spec, fill };
}

let allowedOrders = 0;

describe('RiskEngine properties', () => {
  it('with resting orders filling later in any order, no position ever passes its limit', () => {
    fc.assert(
      fc.property(
        limitsArb,
        fc.array(fc.oneof(submitArb, fillArb, cancelArb), { minLength: 20, maxLength: 80 }),
        (limits, actions) => {
          const { engine, view, spec, fill } = world(limits, false);
          for (const action of actions) {
            if (action.kind === 'submit') {
              const order = spec(action);
              if (engine.check(action.strategy, order) !== undefined) continue;
              allowedOrders++;
              if (action.rests) {
                view.resting.push({
                  strategyId: action.strategy,
                  instrumentId: action.instrument,
                  side: action.side,
                  leavesRaw: action.qty,
                });
              } else {
                fill(action.strategy, action.instrument, action.side, action.qty, order.price);
              }
            } else if (view.resting.length > 0) {
              const at = action.at % view.resting.length;
              const resting = view.resting[at];
              if (action.kind === 'fill') {
                const qty = Math.min(action.part, resting.leavesRaw);
                fill(resting.strategyId, resting.instrumentId, resting.side, qty);
                resting.leavesRaw -= qty;
              }
              if (action.kind === 'cancel' || resting.leavesRaw === 0) view.resting.splice(at, 1);
            }
            assert.ok(
              Math.abs(view.positionRaw(X)) <= limits.posX,
              `X ${view.positionRaw(X)} > ${limits.posX}`,
            );
            assert.ok(
              Math.abs(view.positionRaw(Y)) <= limits.posY,
              `Y ${view.positionRaw(Y)} > ${limits.posY}`,
            );
            for (const id of [X, Y]) assert.ok(Math.abs(view.positionRaw(id, S1)) <= limits.posS1);
          }
        },
      ),
      { numRuns: 300 },
    );
    assert.ok(allowedOrders > 1000, `only ${allowedOrders} orders were let through`);
  });

  it('with immediate fills, gross and net exposure never pass their limits after an allowed order', () => {
    fc.assert(
      fc.property(limitsArb, fc.array(submitArb, { minLength: 20, maxLength: 80 }), (limits, submits) => {
        const { engine, view, spec, fill } = world(limits, true);
        for (const submit of submits) {
          const order = spec(submit);
          if (engine.check(submit.strategy, order) !== undefined) continue;
          fill(submit.strategy, submit.instrument, submit.side, submit.qty, order.price);
          const gross = view.grossExposureRaw();
          const net = view.netExposureRaw();
          assert.ok(gross <= limits.gross * 100, `gross ${gross} > ${limits.gross * 100}`);
          assert.ok(Math.abs(net) <= limits.net * 100, `net ${net} beyond ±${limits.net * 100}`);
          assert.ok(
            Math.abs(view.positionRaw(submit.instrument)) <=
              (submit.instrument === X ? limits.posX : limits.posY),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
