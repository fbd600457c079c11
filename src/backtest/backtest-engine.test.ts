import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dailyBars, DAY_US, flatBars, T0, testInstrument, USD } from '../../test/support/bars.js';
import type { Bar } from '../model/data/bar.js';
import type { OrderEvent, OrderFilled } from '../model/events/order-events.js';
import type { Instrument } from '../model/instruments/instrument.js';
import type { OrderSpec } from '../model/orders/order.js';
import { Price } from '../model/types/price.js';
import { Strategy } from '../strategy/strategy.js';
import { BacktestEngine, type BacktestConfig } from './backtest-engine.js';

/** A strategy driven by a script: `actions[i]` runs on the i-th bar it sees. */
class Scripted extends Strategy<object> {
  readonly seen: Bar[] = [];
  readonly events: OrderEvent[] = [];
  readonly fills: OrderFilled[] = [];
  constructor(private readonly actions: Record<number, (s: Scripted, bar: Bar) => void>) {
    super({}, 'scripted');
  }
  override onBar(bar: Bar): void {
    this.actions[this.seen.length]?.(this, bar);
    this.seen.push(bar);
  }
  override onOrderEvent(event: OrderEvent): void {
    this.events.push(event);
  }
  override onOrderFilled(fill: OrderFilled): void {
    this.fills.push(fill);
  }
  order(spec: Omit<OrderSpec, 'quantity'> & { qty: number }): void {
    this.submitOrder({ ...spec, quantity: this.quantity(spec.instrumentId, spec.qty) });
  }
}

function run(
  instruments: { instrument: Instrument; bars: Bar[] }[],
  strategy: Strategy<object>,
  config: Partial<BacktestConfig> = {},
) {
  const engine = new BacktestEngine({ currency: USD, startingCash: 10_000, ...config });
  for (const { instrument, bars } of instruments) {
    engine.addInstrument(instrument);
    engine.addBars(bars);
  }
  engine.addStrategy(strategy);
  return { engine, result: engine.run() };
}

const X = testInstrument('X');
const p = (v: number) => Price.fromNumber(v, 2);

describe('market orders', () => {
  const bars = dailyBars(X.id, [
    [10, 11, 9, 10.5],
    [10.8, 12, 10.6, 11.5],
    [11.4, 11.6, 11, 11.2],
  ]);

  test('next-open: a buy on bar 0 fills at the open of bar 1, at bar 1 time', () => {
    const s = new Scripted({ 0: (s) => s.buy(X.id, 10) });
    const { result } = run([{ instrument: X, bars }], s);
    assert.equal(result.fills.length, 1);
    assert.equal(result.fills.at(0)!.lastPx.toString(), '10.80');
    assert.equal(result.fills.at(0)!.tsEvent, T0 + DAY_US);
    // The strategy hears of the fill before it sees bar 1: fills are booked first.
    assert.equal(s.fills.length, 1);
    // Cash 10000 − 10 × 10.80 = 9892; equity at bar 1 close = 9892 + 10 × 11.50 = 10007.
    assert.equal(result.equity.cashRaw[1], 989_200);
    assert.equal(result.equity.equityRaw[1], 1_000_700);
    assert.equal(result.equity.equityRaw[0], 1_000_000);
  });

  test('close: a buy on bar 0 fills at the close of bar 0', () => {
    const s = new Scripted({ 0: (s) => s.buy(X.id, 10) });
    const { result } = run([{ instrument: X, bars }], s, { fillMode: 'close' });
    assert.equal(result.fills.at(0)!.lastPx.toString(), '10.50');
    assert.equal(result.fills.at(0)!.tsEvent, T0);
    // Equity at bar 0 = 10000 − 105 + 105 = 10000; at bar 1 = 9895 + 115 = 10010.
    assert.equal(result.equity.equityRaw[1], 1_001_000);
  });

  test('commission and slippage: bps of notional, price moved against the trader to the tick', () => {
    const s = new Scripted({ 0: (s) => s.buy(X.id, 10), 1: (s) => s.closePosition(X.id) });
    const { result } = run([{ instrument: X, bars }], s, { commissionBps: 10, slippageBps: 50 });
    // Buy at 10.80 × 1.005 = 10.854 → rounded up to 10.86; fee 108.60 × 0.001 = 0.1086 → 0.11.
    assert.equal(result.fills.at(0)!.lastPx.toString(), '10.86');
    assert.equal(result.fills.at(0)!.commission.toDecimalString(), '0.11');
    // Sell at 11.40 × 0.995 = 11.343 → rounded down to 11.34; fee 113.40 × 0.001 = 0.1134 → 0.11.
    assert.equal(result.fills.at(1)!.lastPx.toString(), '11.34');
    assert.equal(result.fills.at(1)!.commission.toDecimalString(), '0.11');
    // Round trip: (11.34 − 10.86) × 10 = 4.80 gross, net of 0.22 fees = 4.58.
    assert.equal(result.roundTrips.length, 1);
    assert.equal(result.roundTrips[0].pnlRaw, 458);
    assert.equal(result.roundTrips[0].feesRaw, 22);
    assert.equal(result.portfolio.cashRaw, 1_000_000 + 458);
  });

  test('short selling adds cash and loses as the price rises', () => {
    const s = new Scripted({ 0: (s) => s.sell(X.id, 10) });
    const { result } = run([{ instrument: X, bars }], s);
    // Sold 10 at 10.80: cash 10108; bar 2 close 11.20: equity 10108 − 112 = 9996.
    assert.equal(result.portfolio.cashRaw, 1_010_800);
    assert.equal(result.equity.equityRaw[2], 999_600);
    assert.equal(result.portfolio.unrealizedRaw(), -400);
  });
});

describe('limit and stop orders along the OHLC path', () => {
  // Bar 1: open 10.00, high 10.40 (nearer), low 9.00: path O → H → L → C.
  const bars = dailyBars(X.id, [
    [10, 10, 10, 10],
    [10, 10.4, 9, 9.5],
    [9.6, 9.8, 9.4, 9.7],
  ]);

  test('a buy limit below the open fills at the limit when the low reaches it', () => {
    const s = new Scripted({
      0: (s) => s.order({ instrumentId: X.id, side: 'BUY', type: 'LIMIT', qty: 1, price: p(9.2) }),
    });
    const { result } = run([{ instrument: X, bars }], s);
    assert.equal(result.fills.at(0)!.lastPx.toString(), '9.20');
    assert.equal(result.fills.at(0)!.liquiditySide, 'MAKER');
  });

  test('a buy limit above the open fills at the open (price improvement)', () => {
    const s = new Scripted({
      0: (s) => s.order({ instrumentId: X.id, side: 'BUY', type: 'LIMIT', qty: 1, price: p(10.2) }),
    });
    const { result } = run([{ instrument: X, bars }], s);
    assert.equal(result.fills.at(0)!.lastPx.toString(), '10.00');
  });

  test('a limit that is never reached rests, and a DAY order expires on the next day', () => {
    const gtc = new Scripted({
      0: (s) => s.order({ instrumentId: X.id, side: 'BUY', type: 'LIMIT', qty: 1, price: p(8) }),
    });
    assert.equal(run([{ instrument: X, bars }], gtc).result.fills.length, 0);
    assert.equal(gtc.events.at(-1)?.type, 'OrderAccepted');
    const day = new Scripted({
      0: (s) =>
        s.order({ instrumentId: X.id, side: 'BUY', type: 'LIMIT', qty: 1, price: p(8), timeInForce: 'DAY' }),
    });
    run([{ instrument: X, bars }], day);
    assert.equal(day.events.at(-1)?.type, 'OrderExpired');
  });

  test('a buy stop fills at its trigger when the high reaches it, with slippage', () => {
    const s = new Scripted({
      0: (s) =>
        s.order({ instrumentId: X.id, side: 'BUY', type: 'STOP_MARKET', qty: 1, triggerPrice: p(10.3) }),
    });
    const { result } = run([{ instrument: X, bars }], s, { slippageBps: 100 });
    // 10.30 × 1.01 = 10.403 → 10.41.
    assert.equal(result.fills.at(0)!.lastPx.toString(), '10.41');
  });

  test('a sell stop-limit triggers on the way down and fills at its limit in the same bar', () => {
    const s = new Scripted({
      0: (s) =>
        s.order({
          instrumentId: X.id,
          side: 'SELL',
          type: 'STOP_LIMIT',
          qty: 1,
          triggerPrice: p(9.5),
          price: p(9.4),
        }),
    });
    const { result } = run([{ instrument: X, bars }], s);
    // Path O 10 → H 10.4 → L 9.0: the fall crosses 9.50 (trigger) and the sell limit 9.40 is
    // marketable at once (price 9.50 ≥ 9.40), so it fills at the trigger point 9.50.
    assert.equal(result.fills.at(0)!.lastPx.toString(), '9.50');
    assert.deepEqual(
      s.events.map((e) => e.type),
      ['OrderSubmitted', 'OrderAccepted', 'OrderFilled'],
    );
  });

  test('an order canceled in the bar it was placed never fills', () => {
    const s = new Scripted({
      0: (s) => s.order({ instrumentId: X.id, side: 'BUY', type: 'LIMIT', qty: 1, price: p(9.2) }),
    });
    const c = new Scripted({
      0: (s) => {
        s.order({ instrumentId: X.id, side: 'BUY', type: 'LIMIT', qty: 1, price: p(9.2) });
        s.cancelAllOrders();
      },
    });
    assert.equal(run([{ instrument: X, bars }], s).result.fills.length, 1);
    assert.equal(run([{ instrument: X, bars }], c).result.fills.length, 0);
    assert.equal(c.events.at(-1)?.type, 'OrderCanceled');
  });

  test('an off-tick limit price is denied with a stable code', () => {
    const s = new Scripted({
      0: (s) =>
        s.order({ instrumentId: X.id, side: 'BUY', type: 'LIMIT', qty: 1, price: Price.parse('9.205') }),
    });
    run([{ instrument: X, bars }], s);
    const denied = s.events[0];
    assert.equal(denied.type, 'OrderDenied');
    assert.equal(denied.type === 'OrderDenied' && denied.code, 'PRICE_OFF_TICK');
  });
});

describe('no look-ahead', () => {
  test('a strategy sees each bar only at its own time, and nothing later is visible', () => {
    const A = testInstrument('A');
    const B = testInstrument('B');
    const closes = Array.from({ length: 50 }, (_, i) => 100 + Math.sin(i) * 5);
    const violations: string[] = [];
    class Peeker extends Strategy<object> {
      override onBar(bar: Bar): void {
        const now = this.clock.timestampUs();
        if (bar.tsEvent !== now) violations.push(`bar at ${bar.tsEvent} seen at ${now}`);
        for (const id of this.instruments) {
          const last = this.cache.lastBar(id);
          if (last !== undefined && last.tsEvent > now) violations.push(`${id} bar from the future`);
        }
      }
    }
    run(
      [
        { instrument: A, bars: flatBars(A.id, closes) },
        {
          instrument: B,
          bars: flatBars(
            B.id,
            closes.map((c) => c * 2),
            T0 + DAY_US / 2,
          ),
        },
      ],
      new Peeker({}, 'peeker'),
    );
    assert.deepEqual(violations, []);
  });

  test('a next-open fill price is never the signal bar’s own open or close', () => {
    // Every bar has a distinct open and close; buying on each bar must fill at the next bar's open.
    const ohlc = Array.from({ length: 20 }, (_, i) => [100 + i, 100.5 + i, 99.5 + i, 100.25 + i] as const);
    const bars = dailyBars(X.id, ohlc);
    const actions: Record<number, (s: Scripted) => void> = {};
    for (let i = 0; i < 19; i++) actions[i] = (s) => (i % 2 === 0 ? s.buy(X.id, 1) : s.sell(X.id, 1));
    const { result } = run([{ instrument: X, bars }], new Scripted(actions));
    assert.equal(result.fills.length, 19);
    result.fills.toArray().forEach((fill, i) => {
      assert.equal(fill.lastPx.toString(), bars[i + 1].open.toString());
      assert.equal(fill.tsEvent, bars[i + 1].tsEvent);
    });
  });
});

describe('several instruments', () => {
  test('bars are merged by time, ties in the order the instruments were added, equity once per timestamp', () => {
    const A = testInstrument('A');
    const B = testInstrument('B');
    const order: string[] = [];
    class Recorder extends Strategy<object> {
      override onBar(bar: Bar): void {
        order.push(`${bar.instrumentId}@${(bar.tsEvent - T0) / DAY_US}`);
      }
    }
    const { result } = run(
      [
        { instrument: A, bars: flatBars(A.id, [1, 2, 3]) },
        { instrument: B, bars: flatBars(B.id, [1, 2], T0 + DAY_US) },
      ],
      new Recorder({}, 'rec'),
    );
    assert.deepEqual(order, ['A.SIM@0', 'A.SIM@1', 'B.SIM@1', 'A.SIM@2', 'B.SIM@2']);
    assert.equal(result.equity.length, 3);
  });

  test('positions in two instruments are marked at their own latest closes', () => {
    const A = testInstrument('A');
    const B = testInstrument('B');
    const s = new Scripted({ 0: (s) => s.buy(A.id, 1) });
    const s2 = new (class extends Strategy<object> {
      #done = false;
      override onBar(bar: Bar): void {
        if (!this.#done && bar.instrumentId === B.id) {
          this.buy(B.id, 2);
          this.#done = true;
        }
      }
    })({}, 'b-buyer');
    const engine = new BacktestEngine({ currency: USD, startingCash: 1000 });
    engine.addInstrument(A);
    engine.addInstrument(B);
    engine.addBars(flatBars(A.id, [10, 11, 12]));
    engine.addBars(flatBars(B.id, [20, 21, 25]));
    engine.addStrategy(s, [A.id]);
    engine.addStrategy(s2, [B.id]);
    const result = engine.run();
    // A bought at 11, B bought 2 at 21: cash 1000 − 11 − 42 = 947; equity = 947 + 12 + 50 = 1009.
    assert.equal(result.portfolio.cashRaw, 94_700);
    assert.equal(result.portfolio.equityRaw(), 100_900);
    assert.equal(result.equity.equityRaw[2], 100_900);
  });
});

describe('determinism', () => {
  test('the same run twice gives identical fills and equity', () => {
    const closes = Array.from({ length: 300 }, (_, i) => 100 + 10 * Math.sin(i / 7) + (i % 5));
    const runOnce = () => {
      const actions: Record<number, (s: Scripted, bar: Bar) => void> = {};
      for (let i = 0; i < 300; i += 3) {
        actions[i] = (s, bar) => (bar.close.asNumber() > 100 ? s.sell(X.id, 1) : s.buy(X.id, 1));
      }
      return run([{ instrument: X, bars: flatBars(X.id, closes) }], new Scripted(actions), {
        commissionBps: 3,
      }).result;
    };
    const a = runOnce();
    const b = runOnce();
    assert.deepEqual(
      a.fills.toArray().map((f) => [f.tsEvent, f.lastPx.raw, f.commission.raw]),
      b.fills.toArray().map((f) => [f.tsEvent, f.lastPx.raw, f.commission.raw]),
    );
    assert.deepEqual([...a.equity.equityRaw], [...b.equity.equityRaw]);
  });
});
