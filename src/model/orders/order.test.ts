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
import fc from 'fast-check';
import { ApplyOutcome, wasApplied } from './apply-outcome.js';
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
const expired = (): OrderEvent => ({ type: 'OrderExpired', ...base() });
const rejected = (): OrderEvent => ({ type: 'OrderRejected', ...base(), code: 'X', reason: 'x' });
const pendingUpdate = (): OrderEvent => ({ type: 'OrderPendingUpdate', ...base() });
const pendingCancel = (): OrderEvent => ({ type: 'OrderPendingCancel', ...base() });
const modifyRejected = (): OrderEvent => ({ type: 'OrderModifyRejected', ...base(), code: 'X', reason: 'x' });
const cancelRejected = (): OrderEvent => ({ type: 'OrderCancelRejected', ...base(), code: 'X', reason: 'x' });
const updated = (qty: string, px?: string, trigger?: string): OrderEvent => ({
  type: 'OrderUpdated',
  ...base(),
  quantity: Quantity.parse(qty),
  price: px === undefined ? undefined : Price.parse(px),
  triggerPrice: trigger === undefined ? undefined : Price.parse(trigger),
});
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

  test('denied orders are terminal and never open; a later submit is refused as invalid', () => {
    const order = newOrder();
    assert.equal(order.apply(denied()), ApplyOutcome.APPLIED);
    assert.equal(order.status, OrderStatus.DENIED);
    assert.equal(order.isTerminal, true);
    assert.equal(order.isOpen, false);
    assert.equal(order.apply(submitted()), ApplyOutcome.IGNORED_INVALID);
    assert.equal(order.apply(filled('1', '100.00')), ApplyOutcome.IGNORED_INVALID);
    assert.equal(order.status, OrderStatus.DENIED);
    assert.equal(order.filledQty.raw, 0);
  });

  test('reports that do not fit are ignored with a reason and leave the order unchanged', () => {
    const order = newOrder();
    // Before submit: nothing from a venue makes sense.
    assert.equal(order.apply(accepted()), ApplyOutcome.IGNORED_INVALID);
    assert.equal(order.apply(filled('1', '100.00')), ApplyOutcome.IGNORED_INVALID);
    assert.equal(order.apply(canceled()), ApplyOutcome.IGNORED_INVALID);
    assert.equal(order.status, OrderStatus.INITIALIZED);
    assert.equal(order.eventCount, 0);
    assert.equal(order.filledQty.raw, 0);

    order.apply(submitted());
    assert.equal(order.apply(submitted()), ApplyOutcome.IGNORED_INVALID); // submit twice
    assert.equal(order.apply(triggered()), ApplyOutcome.IGNORED_INVALID); // not a stop
    order.apply(accepted('V-1'));
    assert.equal(order.apply(accepted('V-2')), ApplyOutcome.IGNORED_DUPLICATE);
    assert.equal(order.venueOrderId, 'V-1');
    order.apply(filled('3', '100.00', 'T-1'));
    // Accepted or rejected after a fill: older news.
    assert.equal(order.apply(accepted()), ApplyOutcome.IGNORED_STALE);
    assert.equal(order.apply(rejected()), ApplyOutcome.IGNORED_STALE);
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED);
    order.apply(canceled());
    // After the cancel: everything but a new fill is ignored as terminal.
    for (const event of [accepted(), canceled(), triggered(), expired(), rejected(), updated('8')]) {
      assert.equal(order.apply(event), ApplyOutcome.IGNORED_TERMINAL, event.type);
    }
    assert.equal(order.status, OrderStatus.CANCELED);
    assert.equal(order.filledQty.raw, 3);
    assert.equal(order.avgPx, 100);
    assert.equal(order.eventCount, 4);
  });

  test('anything but a refused modify/cancel after FILLED is ignored; a new fill is an overfill', () => {
    const order = newOrder();
    order.apply(submitted());
    order.apply(filled('10', '100.00'));
    for (const event of [canceled(), accepted(), expired(), submitted()]) {
      assert.notEqual(order.apply(event), ApplyOutcome.APPLIED, event.type);
    }
    assert.equal(order.apply(filled('1', '100.00', 'T-9')), ApplyOutcome.IGNORED_OVERFILL);
    assert.equal(order.apply(cancelRejected()), ApplyOutcome.APPLIED); // the venue's answer to a late cancel
    assert.equal(order.status, OrderStatus.FILLED);
    assert.equal(order.filledQty.raw, 10);
  });

  test('a duplicate fill (same trade id) is ignored, whenever it comes', () => {
    const order = newOrder();
    order.apply(submitted());
    assert.equal(order.apply(filled('2', '100.00', 'T-1')), ApplyOutcome.APPLIED_IMPLICIT_ACCEPT);
    assert.equal(order.apply(filled('2', '100.00', 'T-1')), ApplyOutcome.IGNORED_DUPLICATE_FILL);
    assert.equal(order.apply(filled('3', '101.00', 'T-2')), ApplyOutcome.APPLIED);
    assert.equal(order.apply(filled('2', '100.00', 'T-1')), ApplyOutcome.IGNORED_DUPLICATE_FILL);
    assert.equal(order.apply(filled('3', '101.00', 'T-2')), ApplyOutcome.IGNORED_DUPLICATE_FILL);
    assert.equal(order.filledQty.raw, 5);
    assert.ok(order.hasTrade(unwrap(parseTradeId('T-2'))));
    assert.ok(!order.hasTrade(unwrap(parseTradeId('T-3'))));
  });

  test('overfill is ignored without changing the order', () => {
    const order = newOrder();
    order.apply(submitted());
    order.apply(filled('7', '100.00'));
    // 7 + 4 = 11 > 10.
    assert.equal(order.apply(filled('4', '100.00', 'T-2')), ApplyOutcome.IGNORED_OVERFILL);
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED);
    assert.equal(order.filledQty.raw, 7);
    assert.equal(order.avgPx, 100);
    // The ignored fill's trade id was not taken: the right-sized fill of it still counts.
    assert.equal(order.apply(filled('3', '100.00', 'T-2')), ApplyOutcome.APPLIED);
    assert.equal(order.status, OrderStatus.FILLED);
    const other = newOrder();
    other.apply(submitted());
    assert.equal(other.apply(filled('11', '100.00')), ApplyOutcome.IGNORED_OVERFILL);
  });

  test('a fill of a canceled order is applied as a late fill: the status stays, the quantity counts', () => {
    const order = newOrder();
    order.apply(submitted());
    order.apply(accepted());
    order.apply(canceled());
    assert.equal(order.apply(filled('4', '100.00', 'T-1')), ApplyOutcome.APPLIED_LATE_FILL);
    assert.equal(order.status, OrderStatus.CANCELED);
    assert.equal(order.filledQty.raw, 4);
    assert.equal(order.apply(filled('4', '100.00', 'T-1')), ApplyOutcome.IGNORED_DUPLICATE_FILL);
  });

  test('an event for another order throws (a routing bug)', () => {
    const order = newOrder();
    assert.throws(() => order.apply(submitted(unwrap(parseClientOrderId('O-2')))), InvariantError);
    assert.equal(order.status, OrderStatus.INITIALIZED);
  });
});

describe('Order pending states (modify and cancel)', () => {
  const working = () => {
    const order = newOrder();
    order.apply(submitted());
    order.apply(accepted());
    return order;
  };

  test('modify accepted: ACCEPTED → PENDING_UPDATE → ACCEPTED with the new quantity and price', () => {
    const order = working();
    assert.equal(order.apply(pendingUpdate()), ApplyOutcome.APPLIED);
    assert.equal(order.status, OrderStatus.PENDING_UPDATE);
    assert.equal(order.workingStatus, OrderStatus.ACCEPTED);
    assert.ok(order.isOpen && order.isPending);
    assert.equal(order.apply(updated('12', '100.50')), ApplyOutcome.APPLIED);
    assert.equal(order.status, OrderStatus.ACCEPTED);
    assert.equal(order.quantity.toString(), '12');
    assert.equal(order.spec.price?.toString(), '100.50');
    assert.equal(order.spec.side, 'BUY'); // the rest of the spec is kept
    assert.equal(order.leavesQty.toString(), '12');
  });

  test('modify refused: back to the status before, unchanged', () => {
    const order = working();
    order.apply(filled('2', '101.00'));
    order.apply(pendingUpdate());
    assert.equal(order.apply(modifyRejected()), ApplyOutcome.APPLIED);
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED);
    assert.equal(order.quantity.toString(), '10');
    assert.equal(order.isPending, false);
  });

  test('cancel confirmed: PENDING_CANCEL → CANCELED; cancel refused: back to work', () => {
    const a = working();
    a.apply(pendingCancel());
    assert.equal(a.status, OrderStatus.PENDING_CANCEL);
    assert.equal(a.apply(pendingCancel()), ApplyOutcome.APPLIED); // sent again: still pending
    a.apply(canceled());
    assert.equal(a.status, OrderStatus.CANCELED);

    const b = working();
    b.apply(pendingCancel());
    assert.equal(b.apply(cancelRejected()), ApplyOutcome.APPLIED);
    assert.equal(b.status, OrderStatus.ACCEPTED);
  });

  test('fills racing a pending request: a partial fill keeps it pending, the last fill ends it', () => {
    const order = working();
    order.apply(pendingCancel());
    order.apply(filled('4', '100.00', 'T-1'));
    assert.equal(order.status, OrderStatus.PENDING_CANCEL);
    assert.equal(order.workingStatus, OrderStatus.PARTIALLY_FILLED);
    // The cancel is refused (too late) and the order goes on partly filled.
    order.apply(cancelRejected());
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED);
    order.apply(pendingUpdate());
    order.apply(filled('6', '100.00', 'T-2'));
    assert.equal(order.status, OrderStatus.FILLED);
    // The modify's answer arrives after the order is done.
    assert.equal(order.apply(updated('12')), ApplyOutcome.IGNORED_TERMINAL);
    assert.equal(order.apply(modifyRejected()), ApplyOutcome.APPLIED);
    assert.equal(order.status, OrderStatus.FILLED);
  });

  test('requests before the accept: the answer implies it, a refusal goes back to SUBMITTED', () => {
    const a = newOrder();
    a.apply(submitted());
    a.apply(pendingUpdate());
    assert.equal(a.apply(modifyRejected()), ApplyOutcome.APPLIED);
    assert.equal(a.status, OrderStatus.SUBMITTED);
    a.apply(pendingUpdate());
    assert.equal(a.apply(updated('9')), ApplyOutcome.APPLIED_IMPLICIT_ACCEPT);
    assert.equal(a.status, OrderStatus.ACCEPTED);
    // The accept, late: a duplicate now.
    assert.equal(a.apply(accepted()), ApplyOutcome.IGNORED_DUPLICATE);

    const b = newOrder();
    b.apply(submitted());
    b.apply(pendingCancel());
    b.apply(accepted('V-5')); // the accept overtaken by our cancel request
    assert.equal(b.status, OrderStatus.PENDING_CANCEL);
    assert.equal(b.workingStatus, OrderStatus.ACCEPTED);
    assert.equal(b.venueOrderId, 'V-5');
    b.apply(rejected());
    assert.equal(b.status, OrderStatus.REJECTED);
  });

  test('a cancel request overrides a pending modify; no modify while a cancel is pending', () => {
    const order = working();
    order.apply(pendingUpdate());
    order.apply(pendingCancel());
    assert.equal(order.status, OrderStatus.PENDING_CANCEL);
    assert.equal(order.apply(pendingUpdate()), ApplyOutcome.IGNORED_INVALID);
    // The modify's answer while the cancel is in flight: applied, still pending cancel.
    assert.equal(order.apply(updated('8', '99.00')), ApplyOutcome.APPLIED);
    assert.equal(order.status, OrderStatus.PENDING_CANCEL);
    assert.equal(order.quantity.toString(), '8');
    order.apply(canceled());
    assert.equal(order.status, OrderStatus.CANCELED);
  });

  test('an update below the filled quantity is invalid; down to it fills the order', () => {
    const order = working();
    order.apply(filled('4', '100.00'));
    assert.equal(order.apply(updated('3')), ApplyOutcome.IGNORED_INVALID);
    assert.equal(order.quantity.toString(), '10');
    assert.equal(order.apply(updated('4')), ApplyOutcome.APPLIED);
    assert.equal(order.status, OrderStatus.FILLED);
    assert.equal(order.leavesQty.raw, 0);
  });

  test('stops: triggered while a modify is pending stays pending; triggered twice is a duplicate', () => {
    const order = newOrder({ ...SPEC, type: 'STOP_LIMIT', triggerPrice: Price.parse('100.50') });
    order.apply(submitted());
    order.apply(accepted());
    order.apply(pendingUpdate());
    order.apply(triggered());
    assert.equal(order.status, OrderStatus.PENDING_UPDATE);
    assert.equal(order.workingStatus, OrderStatus.TRIGGERED);
    assert.equal(order.apply(triggered()), ApplyOutcome.IGNORED_DUPLICATE);
    order.apply(updated('10', '101.00', '100.60'));
    assert.equal(order.status, OrderStatus.TRIGGERED);
    assert.equal(order.spec.triggerPrice?.toString(), '100.60');
  });
});

/** Every event type with the statuses it may be applied in: a random walk never breaks the machine. */
describe('Order state machine under random reports', () => {
  test('no report sequence throws; filled never exceeds quantity and equals the distinct fills', () => {
    const makers: ((i: number) => OrderEvent)[] = [
      () => accepted(),
      () => rejected(),
      () => triggered(),
      () => canceled(),
      () => expired(),
      () => pendingUpdate(),
      () => pendingCancel(),
      () => modifyRejected(),
      () => cancelRejected(),
      (i) => updated(String(3 + (i % 9))),
      (i) => filled(String(1 + (i % 4)), '100.00', `T-${i % 7}`),
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(makers.length - 1), fc.nat(50)), { maxLength: 40 }),
        fc.boolean(),
        (steps, stop) => {
          const order = newOrder(
            stop ? { ...SPEC, type: 'STOP_MARKET', triggerPrice: Price.parse('99.00') } : SPEC,
          );
          order.apply(submitted());
          const seen = new Map<string, number>();
          for (const [k, i] of steps) {
            const event = makers[k](i);
            const before = order.status;
            const outcome = order.apply(event);
            if (event.type === 'OrderFilled' && wasApplied(outcome)) {
              seen.set(event.tradeId, event.lastQty.raw);
            }
            if (!wasApplied(outcome)) assert.equal(order.status, before);
            assert.ok(order.filledQty.raw <= order.quantity.raw);
            if (order.isTerminal) assert.ok(!order.isPending);
          }
          const sum = [...seen.values()].reduce((a, b) => a + b, 0);
          assert.equal(order.filledQty.raw, sum);
        },
      ),
      { numRuns: 500 },
    );
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
    assert.ok(canTransition('PENDING_CANCEL', 'FILLED')); // a fill racing our cancel
    assert.ok(canTransition('PENDING_UPDATE', 'PENDING_CANCEL'));
    assert.ok(canTransition('PENDING_CANCEL', 'SUBMITTED')); // cancel refused before the accept
    assert.ok(!canTransition('PENDING_CANCEL', 'PENDING_UPDATE'));
    assert.ok(!canTransition('INITIALIZED', 'ACCEPTED'));
    assert.ok(!canTransition('CANCELED', 'PARTIALLY_FILLED'));
    assert.ok(!canTransition('FILLED', 'CANCELED'));
  });
});
