import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flatBars, T0, testInstrument, USD } from '../../test/support/bars.js';
import { TestClock } from '../core/clock.js';
import { QuoteTick } from '../model/data/quote-tick.js';
import { TradeTick } from '../model/data/trade-tick.js';
import type { TradeId } from '../model/identifiers/order-ids.js';
import { Money } from '../model/types/money.js';
import { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';
import { Strategy } from '../strategy/strategy.js';
import type { ExecutionClient } from '../execution/execution-client.js';
import type { Bar } from '../model/data/bar.js';
import type { OrderEvent } from '../model/events/order-events.js';
import type { VenueOrderId } from '../model/identifiers/order-ids.js';
import type { Order } from '../model/orders/order.js';
import { Kernel, StrategyState, type StrategyFailure } from './kernel.js';

test('the kernel hands quotes and trades to the strategies of that instrument, after updating the cache', () => {
  const X = testInstrument('X');
  const Y = testInstrument('Y');
  const kernel = new Kernel({
    environment: 'paper',
    clock: new TestClock(T0),
    accountCurrency: USD,
    startingCash: Money.fromNumber(1000, USD),
  });
  kernel.addInstrument(X);
  kernel.addInstrument(Y);
  const log: string[] = [];
  class Listener extends Strategy<object> {
    override onStart(): void {
      log.push('start');
    }
    override onQuote(quote: QuoteTick): void {
      log.push(
        `quote ${quote.instrumentId} ${quote.bidPrice}/${quote.askPrice} cached=${this.cache.lastQuote(quote.instrumentId) === quote}`,
      );
    }
    override onTrade(trade: TradeTick): void {
      log.push(`trade ${trade.instrumentId} ${trade.size}@${trade.price}`);
    }
    override onStop(): void {
      log.push('stop');
    }
  }
  kernel.addStrategy(new Listener({}, 'listener'), [X.id]);
  kernel.start();
  const q = (id: typeof X.id) =>
    new QuoteTick(
      id,
      Price.parse('9.99'),
      Price.parse('10.01'),
      Quantity.parse('5'),
      Quantity.parse('7'),
      T0,
      T0,
    );
  kernel.processQuote(q(X.id));
  kernel.processQuote(q(Y.id)); // not this strategy's instrument
  kernel.processTrade(
    new TradeTick(X.id, Price.parse('10.00'), Quantity.parse('3'), 'BUYER', 'T1' as TradeId, T0, T0),
  );
  kernel.stop();
  assert.deepEqual(log, ['start', 'quote X.SIM 9.99/10.01 cached=true', 'trade X.SIM 3@10.00', 'stop']);
});

test('a strategy added while the kernel runs is started at once; duplicate ids are refused', () => {
  const X = testInstrument('X');
  const kernel = new Kernel({
    environment: 'backtest',
    clock: new TestClock(),
    accountCurrency: USD,
    startingCash: Money.fromNumber(1, USD),
  });
  kernel.addInstrument(X);
  kernel.start();
  let started = false;
  kernel.addStrategy(
    new (class extends Strategy<object> {
      override onStart(): void {
        started = true;
      }
    })({}, 'late'),
  );
  assert.equal(started, true);
  assert.throws(
    () => kernel.addStrategy(new (class extends Strategy<object> {})({}, 'late')),
    /duplicate strategy id late/,
  );
});

/** A venue that accepts every order and fills market orders at once at 10.00; limits rest. */
class InstantVenue implements ExecutionClient {
  readonly venue = 'SIM';
  #report: (event: OrderEvent) => void = () => {};
  #trades = 0;
  constructor(private readonly clock: TestClock) {}
  connect(report: (event: OrderEvent) => void): void {
    this.#report = report;
  }
  submitOrder(order: Order): void {
    const base = {
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      tsEvent: this.clock.timestampUs(),
      tsInit: this.clock.timestampUs(),
    };
    const venueOrderId = `V-${order.clientOrderId}` as VenueOrderId;
    this.#report({ ...base, type: 'OrderAccepted', venueOrderId });
    if (order.type !== 'MARKET') return;
    this.#report({
      ...base,
      type: 'OrderFilled',
      venueOrderId,
      tradeId: `T${++this.#trades}` as TradeId,
      side: order.side,
      lastQty: order.quantity,
      lastPx: Price.parse('10.00'),
      commission: Money.fromNumber(0, USD),
      liquiditySide: 'TAKER',
    });
  }
  cancelOrder(order: Order): void {
    const now = this.clock.timestampUs();
    this.#report({
      type: 'OrderCanceled',
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      tsEvent: now,
      tsInit: now,
    });
  }
}

function tradingKernel(environment: 'backtest' | 'paper', onStrategyFailed?: (f: StrategyFailure) => void) {
  const clock = new TestClock(T0);
  const X = testInstrument('X');
  const kernel = new Kernel({
    environment,
    clock,
    accountCurrency: USD,
    startingCash: Money.fromNumber(1000, USD),
    logSink: () => {},
    ...(onStrategyFailed === undefined ? {} : { onStrategyFailed }),
  });
  kernel.addInstrument(X);
  kernel.addExecutionClient(new InstantVenue(clock));
  return { kernel, X };
}

class Counter extends Strategy<object> {
  bars = 0;
  override onBar(): void {
    this.bars++;
  }
}

test('paper: a strategy that throws is stopped, its working orders canceled, the others go on', () => {
  const failures: StrategyFailure[] = [];
  const { kernel, X } = tradingKernel('paper', (f) => failures.push(f));
  class Faulty extends Strategy<object> {
    override onBar(bar: Bar): void {
      if (this.openOrders().length === 0) this.buy(X.id, 1, { type: 'LIMIT', price: Price.parse('9.00') });
      if (bar.closeValue > 100) throw new Error('bad arithmetic');
    }
  }
  const faulty = new Faulty({}, 'faulty');
  const healthy = new Counter({}, 'healthy');
  kernel.addStrategy(faulty);
  kernel.addStrategy(healthy);
  kernel.start();
  for (const bar of flatBars(X.id, [10, 101, 10, 10])) kernel.processBar(bar);
  assert.equal(healthy.bars, 4);
  assert.equal(kernel.strategyState(faulty.id), StrategyState.FAILED);
  assert.equal(kernel.strategyState(healthy.id), StrategyState.RUNNING);
  assert.equal(failures.length, 1);
  assert.equal(failures[0].handler, 'onBar');
  assert.match(String(failures[0].error), /bad arithmetic/);
  assert.equal(
    kernel.cache.openOrders({ strategyId: faulty.id }).length,
    0,
    'its resting order was canceled',
  );
});

test('backtest: a strategy that throws ends the run (not isolated)', () => {
  const { kernel, X } = tradingKernel('backtest');
  kernel.addStrategy(
    new (class extends Strategy<object> {
      override onBar(): void {
        throw new Error('boom');
      }
    })({}, 'boom'),
  );
  kernel.start();
  assert.throws(() => kernel.processBar(flatBars(X.id, [10])[0]), /boom/);
});

test('strategies stop and start while the node runs; a stopped one receives nothing', () => {
  const { kernel, X } = tradingKernel('paper');
  const a = new Counter({}, 'a');
  kernel.addStrategy(a);
  kernel.start();
  const bars = flatBars(X.id, [10, 11, 12, 13, 14]);
  kernel.processBar(bars[0]);
  kernel.stopStrategy(a.id);
  assert.equal(kernel.strategyState(a.id), StrategyState.STOPPED);
  kernel.processBar(bars[1]);
  kernel.processBar(bars[2]);
  kernel.startStrategy(a.id);
  kernel.processBar(bars[3]);
  kernel.removeStrategy(a.id);
  kernel.processBar(bars[4]);
  assert.equal(a.bars, 2);
  assert.throws(() => kernel.strategyState(a.id), /no strategy a/);
});

test('each strategy has its own positions and PnL; the node holds their sum', () => {
  const { kernel, X } = tradingKernel('paper');
  class Buyer extends Strategy<{ qty: number }> {
    override onBar(): void {
      if (this.isFlat(X.id)) this.buy(X.id, this.params.qty);
    }
  }
  const small = new Buyer({ qty: 2 }, 'small');
  const large = new Buyer({ qty: 5 }, 'large');
  kernel.addStrategy(small);
  kernel.addStrategy(large, [X.id], { allocation: Money.fromNumber(500, USD) });
  kernel.start();
  kernel.processBar(flatBars(X.id, [10])[0]);
  assert.equal(small.positionSize(X.id), 2);
  assert.equal(large.positionSize(X.id), 5);
  assert.equal(kernel.portfolio.position(X.id).qtyRaw, 7);
  assert.equal(kernel.strategyPortfolio(small.id).cash.toString(), '980.00 USD');
  assert.equal(kernel.strategyPortfolio(large.id).cash.toString(), '450.00 USD');
  assert.equal(kernel.portfolio.cash.toString(), '930.00 USD');
});
