import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRandom } from '../../../core/random.js';
import type { AgentOrder, BookReader, MarketContext, SimAgent } from '../agent.js';
import { parseSimulationConfig, type PopulationConfig } from '../config.js';
import { InformedTrader } from './informed-trader.js';
import { MarketMaker } from './market-maker.js';
import { TrendTrader } from './trend-trader.js';

/** A scripted market: fixed book and prices; records orders; runs scheduled actions on demand. */
class FakeMarket implements MarketContext {
  now = 100_000_000;
  readonly startTime = 0;
  readonly endTime = 1e12;
  bid: number | undefined = 99;
  ask: number | undefined = 101;
  last: number | undefined;
  then: number | undefined;
  value = 100;
  pos = 0;
  readonly orders: AgentOrder[] = [];
  readonly pending: (() => void)[] = [];
  readonly book: BookReader = {
    bestBid: () => this.bid,
    bestAsk: () => this.ask,
    spread: () => undefined,
    mid: () => undefined,
    depth: () => [],
    order: () => undefined,
    lastTradePrice: () => this.last,
    imbalance: () => 0,
  };
  referencePrice(): number {
    return this.bid !== undefined && this.ask !== undefined ? (this.bid + this.ask) / 2 : 100;
  }
  fundamental(): number {
    return this.value;
  }
  tradePriceAt(): number | undefined {
    return this.then;
  }
  schedule(_time: number, action: () => void): void {
    this.pending.push(action);
  }
  submit(_agent: SimAgent, order: AgentOrder): number {
    this.orders.push(order);
    return this.orders.length;
  }
  cancel(): void {}
  cancelAll(): void {}
  openOrders(): ReadonlySet<number> {
    return new Set();
  }
  position(): number {
    return this.pos;
  }
  /** Runs the agent's next wake-up. */
  wake(): void {
    const action = this.pending.shift();
    assert.ok(action, 'the agent scheduled a wake-up');
    action();
  }
}

function population<K extends PopulationConfig['kind']>(
  kind: K,
  extra: Record<string, unknown> = {},
): Extract<PopulationConfig, { kind: K }> {
  return parseSimulationConfig({ populations: [{ kind, ...extra }] }).populations[0] as Extract<
    PopulationConfig,
    { kind: K }
  >;
}

describe('trend traders', () => {
  test('momentum buys after a rise, mean-reversion sells; nothing below the threshold', () => {
    for (const [kind, side] of [
      ['momentum', 'BUY'],
      ['mean-reversion', 'SELL'],
    ] as const) {
      const market = new FakeMarket();
      const agent = new TrendTrader(
        kind,
        population(kind, { threshold: 3, quantity: 2 }),
        new SeededRandom(1),
      );
      agent.start(market);
      market.last = 102;
      market.then = 100; // +2 < 3: no trade
      market.wake();
      assert.equal(market.orders.length, 0);
      market.last = 103; // +3
      market.wake();
      assert.deepEqual(market.orders, [{ side, type: 'MARKET', quantity: 2 }]);
    }
  });

  test('an order is cut to stay within maxPosition', () => {
    const market = new FakeMarket();
    const agent = new TrendTrader(
      'm',
      population('momentum', { quantity: 5, maxPosition: 6 }),
      new SeededRandom(1),
    );
    agent.start(market);
    market.pos = 4;
    market.last = 90;
    market.then = 100;
    market.wake(); // a fall: momentum sells, room 6 + 4 = 10 → 5
    market.last = 110;
    market.wake(); // a rise: buys, room 6 − 4 = 2
    market.pos = 6;
    market.wake(); // at the limit: nothing
    assert.deepEqual(
      market.orders.map((o) => [o.side, o.quantity]),
      [
        ['SELL', 5],
        ['BUY', 2],
      ],
    );
  });
});

describe('informed traders', () => {
  test('take the mispriced side with an IOC limit at value ∓ threshold', () => {
    const market = new FakeMarket();
    const agent = new InformedTrader(
      'i',
      population('informed', { threshold: 2, quantity: 3 }),
      new SeededRandom(1),
    );
    agent.start(market);
    market.value = 103; // 103 − 101 = 2: not beyond the threshold
    market.wake();
    assert.equal(market.orders.length, 0);
    market.value = 104.5; // 3.5 > 2: buy up to ⌊104.5 − 2⌋ = 102
    market.wake();
    market.value = 95.2; // 99 − 95.2 = 3.8 > 2: sell down to ⌈97.2⌉ = 98
    market.wake();
    assert.deepEqual(market.orders, [
      { side: 'BUY', type: 'LIMIT', price: 102, quantity: 3, timeInForce: 'IOC' },
      { side: 'SELL', type: 'LIMIT', price: 98, quantity: 3, timeInForce: 'IOC' },
    ]);
  });
});

describe('market makers', () => {
  test('quote levels around the mid, skewed against inventory, capped by maxPosition', () => {
    const market = new FakeMarket();
    market.bid = 99;
    market.ask = 101; // mid 100
    market.pos = 10;
    const p = population('market-maker', { spread: 2, size: 4, levels: 2, skew: 0.1, maxPosition: 15 });
    const agent = new MarketMaker('mm', p, new SeededRandom(1));
    agent.start(market);
    market.wake();
    // Centre 100 − 0.1 · 10 = 99: bid ⌊98⌋, ask ⌈100⌉. Bid room 15 − 10 = 5 → 4 then 1 lots.
    assert.deepEqual(
      market.orders.map((o) => [o.side, o.price, o.quantity, o.postOnly]),
      [
        ['BUY', 98, 4, true],
        ['BUY', 97, 1, true],
        ['SELL', 100, 4, true],
        ['SELL', 101, 4, true],
      ],
    );
  });
});
