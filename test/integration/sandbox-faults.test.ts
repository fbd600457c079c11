import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  FaultyExecutionClient,
  type FaultConfig,
} from '../../src/adapters/sandbox/faulty-execution-client.js';
import { SandboxExecutionClient } from '../../src/adapters/sandbox/sandbox-execution-client.js';
import { TestClock } from '../../src/core/clock.js';
import { unwrap } from '../../src/core/result.js';
import { Cache } from '../../src/common/cache.js';
import type { ExecutionClient } from '../../src/execution/execution-client.js';
import { ExecutionEngine } from '../../src/execution/execution-engine.js';
import type { LatencyConfig } from '../../src/matching/venue/latency-model.js';
import { QuoteTick } from '../../src/model/data/quote-tick.js';
import { TradeTick } from '../../src/model/data/trade-tick.js';
import type { OrderEvent, OrderFilled } from '../../src/model/events/order-events.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';
import { parseStrategyId, type TradeId } from '../../src/model/identifiers/order-ids.js';
import { simpleInstrument } from '../../src/model/instruments/instrument.js';
import type { Order } from '../../src/model/orders/order.js';
import type { OrderChanges } from '../../src/model/orders/order-changes.js';
import { currency } from '../../src/model/types/currency.js';
import { Money } from '../../src/model/types/money.js';
import { Price } from '../../src/model/types/price.js';
import { Quantity } from '../../src/model/types/quantity.js';
import { Portfolio } from '../../src/portfolio/portfolio.js';

const USD = currency('USD');
const X = instrumentId('BTC', 'SIM');
const STRATEGY = unwrap(parseStrategyId('S-1'));
const T0 = 1_704_067_200_000_000;

/** Passes everything through and records each report as the engine receives it. */
class Tap implements ExecutionClient {
  readonly delivered: OrderEvent[] = [];
  readonly venue: string;
  constructor(private readonly inner: ExecutionClient) {
    this.venue = inner.venue;
  }
  connect(report: (event: OrderEvent) => void): void {
    this.inner.connect((event) => {
      this.delivered.push(event);
      report(event);
    });
  }
  submitOrder(order: Order): void {
    this.inner.submitOrder(order);
  }
  cancelOrder(order: Order): void {
    this.inner.cancelOrder(order);
  }
  modifyOrder(order: Order, changes: OrderChanges): void {
    this.inner.modifyOrder?.(order, changes);
  }
}

type Step =
  | { kind: 'quote'; offset: number; bidSize: number; askSize: number }
  | { kind: 'trade'; offset: number; size: number; buyer: boolean }
  | { kind: 'submit'; buy: boolean; type: 'MARKET' | 'LIMIT' | 'STOP_MARKET'; qty: number; offset: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'modify'; pick: number; offset: number; shrink: boolean }
  | { kind: 'advance'; dt: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('quote' as const),
      offset: fc.integer({ min: -6, max: 6 }),
      bidSize: fc.integer({ min: 0, max: 8 }),
      askSize: fc.integer({ min: 0, max: 8 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('trade' as const),
      offset: fc.integer({ min: -6, max: 6 }),
      size: fc.integer({ min: 1, max: 8 }),
      buyer: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      buy: fc.boolean(),
      type: fc.constantFrom('MARKET' as const, 'LIMIT' as const, 'STOP_MARKET' as const),
      qty: fc.integer({ min: 1, max: 6 }),
      offset: fc.integer({ min: -4, max: 4 }),
    }),
  },
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(20) }),
  fc.record({
    kind: fc.constant('modify' as const),
    pick: fc.nat(20),
    offset: fc.integer({ min: -4, max: 4 }),
    shrink: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('advance' as const), dt: fc.integer({ min: 1, max: 3_000 }) }),
);

const p = (ticks: number) => Price.fromRaw(10_000 + ticks, 2);

/** A probability in [0, max] in steps of 1% (plain doubles would mostly try the edges). */
const chance = (max: number) => fc.integer({ min: 0, max: Math.round(max * 100) }).map((n) => n / 100);

const faultArb: fc.Arbitrary<FaultConfig> = fc.record({
  seed: fc.nat(),
  dropReport: chance(0.2),
  duplicateReport: chance(0.5),
  delayReport: chance(0.4),
  rejectSubmit: chance(0.2),
  dropCommand: chance(0.1),
  flap: chance(0.05),
});

const latencyArb: fc.Arbitrary<LatencyConfig> = fc.record({
  submit: fc.record({ base: fc.nat(500), jitter: fc.nat(1_000) }),
  cancel: fc.record({ base: fc.nat(500), jitter: fc.nat(1_000) }),
  modify: fc.record({ base: fc.nat(500), jitter: fc.nat(1_000) }),
  report: fc.record({ base: fc.nat(500), jitter: fc.nat(1_000) }),
});

function run(steps: readonly Step[], faults: FaultConfig, latency: LatencyConfig | undefined) {
  const clock = new TestClock(T0);
  const cache = new Cache();
  cache.addInstrument(simpleInstrument(X, USD, 2, 0));
  const engine = new ExecutionEngine(clock, cache);
  const sandbox = new SandboxExecutionClient({
    venue: 'SIM',
    clock,
    instruments: cache,
    latency,
    seed: faults.seed,
  });
  const faulty = new FaultyExecutionClient(sandbox, faults);
  const tap = new Tap(faulty);
  engine.registerClient(tap);
  const portfolio = new Portfolio(cache, USD, Money.fromRaw(0, USD));
  engine.fills.subscribe((f) => portfolio.applyFill(f));
  const orders: Order[] = [];
  let tradeSeq = 0;
  for (const step of steps) {
    clock.setTime(clock.timestampUs() + 100);
    const ts = clock.timestampUs();
    switch (step.kind) {
      case 'quote':
        sandbox.onQuote(
          new QuoteTick(
            X,
            p(step.offset),
            p(step.offset + 1),
            Quantity.fromRaw(step.bidSize, 0),
            Quantity.fromRaw(step.askSize, 0),
            ts,
            ts,
          ),
        );
        break;
      case 'trade':
        sandbox.onTrade(
          new TradeTick(
            X,
            p(step.offset),
            Quantity.fromRaw(step.size, 0),
            step.buyer ? 'BUYER' : 'SELLER',
            `M${++tradeSeq}` as TradeId,
            ts,
            ts,
          ),
        );
        break;
      case 'submit': {
        const order = engine.createOrder(STRATEGY, {
          instrumentId: X,
          side: step.buy ? 'BUY' : 'SELL',
          type: step.type,
          quantity: Quantity.fromRaw(step.qty, 0),
          price: step.type === 'LIMIT' ? p(step.offset) : undefined,
          triggerPrice: step.type === 'STOP_MARKET' ? p(step.offset) : undefined,
        });
        orders.push(order);
        engine.submit(order);
        break;
      }
      case 'cancel':
        if (orders.length > 0) engine.cancel(orders[step.pick % orders.length]);
        break;
      case 'modify': {
        if (orders.length === 0) break;
        const order = orders[step.pick % orders.length];
        // Price changes and quantity cuts only: a raise whose update is overtaken by its fills
        // would be an overfill for the engine (kept in unmatchedReports), not part of this property.
        const changes: OrderChanges = step.shrink
          ? { quantity: Quantity.fromRaw(Math.max(1, order.quantity.raw - 1), 0) }
          : order.type === 'LIMIT'
            ? { price: p(step.offset) }
            : { triggerPrice: p(step.offset) };
        engine.modify(order, changes);
        break;
      }
      case 'advance':
        sandbox.advanceTime(ts + step.dt);
        break;
    }
  }
  sandbox.advanceTime(clock.timestampUs() + 1_000_000);
  faulty.release();
  return { engine, sandbox, faulty, tap, portfolio, orders, cache };
}

/** Distinct fills (by order and trade id) among the reports the engine received. */
function distinctFills(delivered: readonly OrderEvent[]): Map<string, OrderFilled> {
  const out = new Map<string, OrderFilled>();
  for (const e of delivered) if (e.type === 'OrderFilled') out.set(`${e.clientOrderId}/${e.tradeId}`, e);
  return out;
}

describe('engine + sandbox behind a faulty link', () => {
  test('whatever is lost, repeated or reordered: filled = Σ distinct fills ≤ quantity, and the portfolio agrees', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 10, maxLength: 80 }),
        faultArb,
        fc.option(latencyArb, { nil: undefined }),
        (steps, faults, latency) => {
          const { engine, tap, portfolio, orders, sandbox, faulty } = run(steps, faults, latency);
          const distinct = distinctFills(tap.delivered);
          let position = 0;
          let fees = 0;
          for (const order of orders) {
            const mine = [...distinct.values()].filter((f) => f.clientOrderId === order.clientOrderId);
            const sum = mine.reduce((a, f) => a + f.lastQty.raw, 0);
            assert.equal(order.filledQty.raw, sum, order.clientOrderId);
            assert.ok(order.filledQty.raw <= order.quantity.raw);
            assert.ok(order.filledQty.raw <= order.spec.quantity.raw);
          }
          for (const f of distinct.values()) {
            position += f.side === 'BUY' ? f.lastQty.raw : -f.lastQty.raw;
            fees += f.commission.raw;
          }
          assert.equal(portfolio.position(X).qtyRaw, position);
          assert.equal(portfolio.feesRaw, fees);
          const deliveredFills = tap.delivered.filter((e) => e.type === 'OrderFilled').length;
          assert.equal(engine.anomalies.duplicateFills, deliveredFills - distinct.size);
          assert.equal(engine.anomalies.overfills, 0);

          // Reconciliation: replaying the venue's fills (overlapping what arrived) restores what was lost.
          faulty.reconnect();
          engine.reconcileFills(sandbox.fillReportsSince(0));
          const truth = sandbox.fillReportsSince(0);
          let venuePosition = 0;
          for (const order of orders) {
            const sum = truth
              .filter((f) => f.clientOrderId === order.clientOrderId)
              .reduce((a, f) => a + f.lastQty.raw, 0);
            assert.equal(order.filledQty.raw, sum, `${order.clientOrderId} after reconciliation`);
          }
          for (const f of truth) venuePosition += f.side === 'BUY' ? f.lastQty.raw : -f.lastQty.raw;
          assert.equal(portfolio.position(X).qtyRaw, venuePosition);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the faults really happen: duplicates, drops, delays and rejections are all exercised', () => {
    const steps: Step[] = [];
    for (let i = 0; i < 300; i++) {
      steps.push({ kind: 'quote', offset: (i % 7) - 3, bidSize: 5, askSize: 5 });
      steps.push({
        kind: 'submit',
        buy: i % 2 === 0,
        type: i % 3 === 0 ? 'MARKET' : 'LIMIT',
        qty: 2,
        offset: (i % 5) - 2,
      });
      steps.push({ kind: 'trade', offset: (i % 9) - 4, size: 3, buyer: i % 2 === 1 });
      if (i % 4 === 0) steps.push({ kind: 'cancel', pick: i });
    }
    const faults: FaultConfig = {
      seed: 11,
      dropReport: 0.05,
      duplicateReport: 0.3,
      delayReport: 0.2,
      rejectSubmit: 0.05,
      dropCommand: 0.02,
      flap: 0.01,
    };
    const { engine, faulty, orders, tap } = run(steps, faults, undefined);
    const s = faulty.stats;
    assert.ok(
      s.duplicated > 0 && s.dropped > 0 && s.delayed > 0 && s.rejected > 0 && s.disconnects > 0,
      JSON.stringify(s),
    );
    assert.ok(engine.anomalies.duplicateFills > 0);
    assert.ok(
      engine.anomalies.duplicateReports + engine.anomalies.staleReports + engine.anomalies.terminalReports >
        0,
    );
    assert.ok(orders.some((o) => o.status === 'REJECTED'));
    assert.ok(tap.delivered.length > orders.length);
  });
});
