import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvariantError } from '../../core/assert.js';
import { unwrap } from '../../core/result.js';
import type { OrderEvent, OrderFilled } from '../events/order-events.js';
import { instrumentId } from '../identifiers/instrument-id.js';
import {
  parseClientOrderId,
  parseStrategyId,
  parseTradeId,
  parseVenueOrderId,
  type ClientOrderId,
} from '../identifiers/order-ids.js';
import { currency } from '../types/currency.js';
import { Money } from '../types/money.js';
import { Price } from '../types/price.js';
import { Quantity } from '../types/quantity.js';
import { Order, type OrderSpec } from './order.js';
import { canTransition, ORDER_TRANSITIONS, OrderStatus, TERMINAL_STATUSES } from './order-status.js';

const ID = unwrap(parseClientOrderId('O-1'));
const STRATEGY = unwrap(parseStrategyId('S-1'));
const INSTRUMENT = instrumentId('X', 'SIM');
const USD = currency('USD');

const SPEC: OrderSpec = {
  instrumentId: INSTRUMENT,
  side: 'BUY',
  type: 'LIMIT',
  quantity: Quantity.parse('10'),
  price: Price.parse('101.00'),
};

const base = (id: ClientOrderId = ID) => ({
  clientOrderId: id,
  strategyId: STRATEGY,
  instrumentId: INSTRUMENT,
  tsEvent: 1,
  tsInit: 1,
});
const submitted = (id?: ClientOrderId): OrderEvent => ({ type: 'OrderSubmitted', ...base(id) });
const accepted = (venue = 'V-1'): OrderEvent => ({
  type: 'OrderAccepted',
  ...base(),
  venueOrderId: unwrap(parseVenueOrderId(venue)),
});
const canceled = (): OrderEvent => ({ type: 'OrderCanceled', ...base() });
const triggered = (): OrderEvent => ({ type: 'OrderTriggered', ...base() });
const denied = (): OrderEvent => ({ type: 'OrderDenied', ...base(), code: 'X', reason: 'x' });
const filled = (qty: string, px: string, trade = 'T-1', venue = 'V-1'): OrderFilled => ({
  type: 'OrderFilled',
  ...base(),
  venueOrderId: unwrap(parseVenueOrderId(venue)),
  tradeId: unwrap(parseTradeId(trade)),
  side: 'BUY',
  lastQty: Quantity.parse(qty),
  lastPx: Price.parse(px),
  commission: Money.zero(USD),
  liquiditySide: 'MAKER',
});

const newOrder = (spec: OrderSpec = SPEC) => new Order(ID, STRATEGY, spec, 0);

describe('Order state machine', () => {
  test('a new order is initialized: neither open nor terminal, nothing filled', () => {
    const order = newOrder();
    assert.equal(order.status, OrderStatus.INITIALIZED);
    assert.equal(order.isOpen, false);
    assert.equal(order.isTerminal, false);
    assert.equal(order.filledQty.raw, 0);
    assert.ok(order.leavesQty.equals(Quantity.parse('10')));
    assert.equal(order.eventCount, 0);
    assert.equal(order.lastEvent, undefined);
    assert.equal(order.venueOrderId, undefined);
    assert.equal(order.instrumentId, INSTRUMENT);
    assert.equal(order.side, 'BUY');
    assert.equal(order.type, 'LIMIT');
  });

  test('submit → accept → partial fill → fill, with average price of the two fills', () => {
    const order = newOrder();
    order.apply(submitted());
    assert.equal(order.status, OrderStatus.SUBMITTED);
    assert.equal(order.isOpen, true);

    order.apply(accepted('V-7'));
    assert.equal(order.status, OrderStatus.ACCEPTED);
    assert.equal(order.venueOrderId, 'V-7');
    assert.equal(order.isOpen, true);

    const first = filled('4', '100.00', 'T-1', 'V-7');
    order.apply(first);
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED);
    assert.equal(order.filledQty.toString(), '4');
    assert.equal(order.leavesQty.toString(), '6');
    assert.equal(order.avgPx, 100);
    assert.equal(order.isOpen, true);
    assert.equal(order.isTerminal, false);

    const second = filled('6', '101.00', 'T-2', 'V-7');
    order.apply(second);
    assert.equal(order.status, OrderStatus.FILLED);
    assert.equal(order.filledQty.toString(), '10');
    assert.equal(order.leavesQty.raw, 0);
    // (4 × 100 + 6 × 101) / 10 = (400 + 606) / 10 = 100.6
    assert.equal(order.avgPx, 100.6);
    assert.equal(order.isOpen, false);
    assert.equal(order.isTerminal, true);
    assert.equal(order.eventCount, 4);
    assert.equal(order.lastEvent, second);
  });

  test('fills at another size precision are rescaled to the order quantity', () => {
    const order = newOrder();
    order.apply(submitted());
    // 4.0 at 1 dp (raw 40) is 4 at the order's 0 dp; 6.00 at 2 dp (raw 600) is 6.
    order.apply(filled('4.0', '100.00'));
    assert.equal(order.filledQty.raw, 4);
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED);
    order.apply(filled('6.00', '100.00', 'T-2'));
    assert.equal(order.filledQty.raw, 6 + 4);
    assert.equal(order.status, OrderStatus.FILLED);
  });

  test('a fill without a prior accept sets the venue order id', () => {
    const order = newOrder();
    order.apply(submitted());
    order.apply(filled('10', '100.00', 'T-1', 'V-9'));
    assert.equal(order.status, OrderStatus.FILLED);
    assert.equal(order.venueOrderId, 'V-9');
  });

  test('stop orders: accepted → triggered → filled', () => {
    const order = newOrder({
      ...SPEC,
      type: 'STOP_MARKET',
      price: undefined,
      triggerPrice: Price.parse('99.00'),
    });
    order.apply(submitted());
    order.apply(accepted());
    order.apply(triggered());
    assert.equal(order.status, OrderStatus.TRIGGERED);
    assert.equal(order.isOpen, true);
    order.apply(filled('10', '99.50'));
    assert.equal(order.status, OrderStatus.FILLED);
    assert.equal(order.avgPx, 99.5);
  });

  test('cancel after a partial fill keeps the filled quantity and is terminal', () => {
    const order = newOrder();
    order.apply(submitted());
    order.apply(accepted());
    order.apply(filled('3', '100.00'));
    order.apply(canceled());
    assert.equal(order.status, OrderStatus.CANCELED);
    assert.equal(order.filledQty.raw, 3);
    assert.equal(order.leavesQty.raw, 7);
    assert.equal(order.isTerminal, true);
    assert.equal(order.isOpen, false);
  });

  test('denied orders are terminal and never open', () => {
    const order = newOrder();
    order.apply(denied());
    assert.equal(order.status, OrderStatus.DENIED);
    assert.equal(order.isTerminal, true);
    assert.equal(order.isOpen, false);
    assert.throws(() => order.apply(submitted()), InvariantError);
  });

  test('illegal transitions throw and leave the order unchanged', () => {
    const order = newOrder();
    // Accept before submit.
    assert.throws(() => order.apply(accepted()), InvariantError);
    assert.equal(order.status, OrderStatus.INITIALIZED);
    assert.equal(order.eventCount, 0);
    // Fill before submit: INITIALIZED → PARTIALLY_FILLED is not allowed.
    assert.throws(() => order.apply(filled('1', '100.00')), InvariantError);
    assert.equal(order.filledQty.raw, 0);

    order.apply(submitted());
    // Submit twice.
    assert.throws(() => order.apply(submitted()), InvariantError);
    order.apply(canceled());
    // Fill after cancel.
    assert.throws(() => order.apply(filled('1', '100.00')), InvariantError);
    assert.equal(order.status, OrderStatus.CANCELED);
    assert.equal(order.filledQty.raw, 0);
    assert.equal(order.avgPx, 0);
    // Accept after cancel.
    assert.throws(() => order.apply(accepted()), InvariantError);
    assert.equal(order.eventCount, 2);
  });

  test('anything after FILLED throws', () => {
    const order = newOrder();
    order.apply(submitted());
    order.apply(filled('10', '100.00'));
    for (const event of [canceled(), accepted(), triggered(), submitted()]) {
      assert.throws(() => order.apply(event), InvariantError, event.type);
    }
    assert.equal(order.status, OrderStatus.FILLED);
  });

  test('overfill throws without changing the order', () => {
    const order = newOrder();
    order.apply(submitted());
    order.apply(filled('7', '100.00'));
    // 7 + 4 = 11 > 10.
    assert.throws(() => order.apply(filled('4', '100.00', 'T-2')), InvariantError);
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED);
    assert.equal(order.filledQty.raw, 7);
    assert.equal(order.avgPx, 100);
    // A single fill larger than the order also throws.
    const other = newOrder();
    other.apply(submitted());
    assert.throws(() => other.apply(filled('11', '100.00')), InvariantError);
    // Exactly the rest is fine.
    order.apply(filled('3', '100.00', 'T-3'));
    assert.equal(order.status, OrderStatus.FILLED);
  });

  test('an event for another order throws', () => {
    const order = newOrder();
    assert.throws(() => order.apply(submitted(unwrap(parseClientOrderId('O-2')))), InvariantError);
    assert.equal(order.status, OrderStatus.INITIALIZED);
  });
});

describe('ORDER_TRANSITIONS', () => {
  test('terminal statuses have no exits; every non-terminal status has one', () => {
    for (const status of Object.values(OrderStatus)) {
      const exits = ORDER_TRANSITIONS[status];
      if (TERMINAL_STATUSES.has(status)) assert.deepEqual(exits, [], status);
      else assert.ok(exits.length > 0, status);
      for (const to of Object.values(OrderStatus)) {
        assert.equal(canTransition(status, to), exits.includes(to), `${status} → ${to}`);
      }
    }
  });

  test('a few key edges', () => {
    assert.ok(canTransition('INITIALIZED', 'SUBMITTED'));
    assert.ok(canTransition('SUBMITTED', 'FILLED')); // a venue may fill before acknowledging
    assert.ok(canTransition('PARTIALLY_FILLED', 'PARTIALLY_FILLED'));
    assert.ok(canTransition('PENDING_CANCEL', 'FILLED')); // a fill racing our cancel
    assert.ok(!canTransition('INITIALIZED', 'ACCEPTED'));
    assert.ok(!canTransition('CANCELED', 'PARTIALLY_FILLED'));
    assert.ok(!canTransition('FILLED', 'CANCELED'));
  });
});
