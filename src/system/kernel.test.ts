import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T0, testInstrument, USD } from '../../test/support/bars.js';
import { TestClock } from '../core/clock.js';
import { QuoteTick } from '../model/data/quote-tick.js';
import { TradeTick } from '../model/data/trade-tick.js';
import type { TradeId } from '../model/identifiers/order-ids.js';
import { Money } from '../model/types/money.js';
import { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';
import { Strategy } from '../strategy/strategy.js';
import { Kernel } from './kernel.js';

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
