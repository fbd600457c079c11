import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestClock } from '../../core/clock.js';
import type { OrderEvent } from '../../model/events/order-events.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId } from '../../model/identifiers/order-ids.js';
import { Order } from '../../model/orders/order.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { CcxtExecutionClient } from './execution-client.js';

const order = (): Order =>
  new Order(
    'O-1' as ClientOrderId,
    'S-1' as StrategyId,
    {
      instrumentId: instrumentId('BTCUSDT', 'BINANCE'),
      side: 'BUY',
      type: 'LIMIT',
      quantity: Quantity.parse('0.001'),
      price: Price.parse('42000.10'),
    },
    5,
  );

describe('CcxtExecutionClient (not started)', () => {
  it('refuses orders and cancels with NOT_CONNECTED instead of throwing', () => {
    const clock = new TestClock(9);
    const client = new CcxtExecutionClient({ exchangeId: 'binance' }, { clock });
    const events: OrderEvent[] = [];
    client.connect((e) => events.push(e));
    assert.equal(client.venue, 'BINANCE');
    client.submitOrder(order());
    client.cancelOrder(order());
    assert.deepEqual(
      events.map((e) => [e.type, 'code' in e ? e.code : '', e.tsEvent]),
      [
        ['OrderRejected', 'NOT_CONNECTED', 9],
        ['OrderCancelRejected', 'UNKNOWN_INSTRUMENT', 9],
      ],
    );
  });

  it('is only for Binance spot', () => {
    assert.throws(
      () => new CcxtExecutionClient({ exchangeId: 'kraken' }, { clock: new TestClock() }),
      RangeError,
    );
  });

  it('rejects the reconciliation queries before start', async () => {
    const client = new CcxtExecutionClient({ exchangeId: 'binance' }, { clock: new TestClock() });
    await assert.rejects(client.openOrders(), /start\(\) first/);
    await assert.rejects(client.fillsSince(0), /start\(\) first/);
  });
});
