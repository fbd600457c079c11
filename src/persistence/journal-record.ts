/**
 * What the journal holds: the commands the node acts on, every order event, and snapshots of
 * derived state (positions, account, risk), each a plain object tagged by `type`.
 *
 * The commands are declared here, not in `execution/`, because the journal sits beside the layer
 * chain and may import only `core`, `model` and `common` (ARCHITECTURE.md): the execution engine
 * builds these shapes and hands them to the journal before acting on them.
 */
import type { OrderEvent } from '../model/events/order-events.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId } from '../model/identifiers/order-ids.js';
import type { OrderSpec } from '../model/orders/order.js';
import type { Price } from '../model/types/price.js';
import type { Quantity } from '../model/types/quantity.js';

/** A strategy asks for a new order. */
export interface SubmitOrder {
  readonly type: 'SubmitOrder';
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: StrategyId;
  readonly spec: OrderSpec;
  /** When the command was issued, µs. */
  readonly tsUs: number;
}

/** A strategy asks to cancel a working order. */
export interface CancelOrder {
  readonly type: 'CancelOrder';
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  readonly tsUs: number;
}

/** What a {@link ModifyOrder} changes; absent fields stay as they are. */
export interface OrderChanges {
  readonly quantity?: Quantity;
  readonly price?: Price;
  readonly triggerPrice?: Price;
}

/** A strategy asks to change a working order's quantity or prices. */
export interface ModifyOrder {
  readonly type: 'ModifyOrder';
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  readonly changes: OrderChanges;
  readonly tsUs: number;
}

/** Any command the journal records. */
export type JournalCommand = SubmitOrder | CancelOrder | ModifyOrder;

/** Which part of the node's state a snapshot captures. */
export type SnapshotScope = 'positions' | 'account' | 'risk' | (string & {});

/**
 * A snapshot of derived state, free-form: `state` is any plain JSON value in which Price,
 * Quantity and Money may appear anywhere (they round-trip exactly; see journal-codec.ts).
 */
export interface StateSnapshot {
  readonly type: 'StateSnapshot';
  readonly scope: SnapshotScope;
  readonly state: unknown;
  readonly tsUs: number;
}

/** Everything the journal records. */
export type JournalRecord = JournalCommand | OrderEvent | StateSnapshot;

/** The `type` tag of a journal record, stored as the row's `kind`. */
export type JournalRecordKind = JournalRecord['type'];

/** How a required field of a record is checked when it is written and when it is read back. */
export type FieldCheck = 'string' | 'integer' | 'price' | 'quantity' | 'money' | 'object' | 'order-spec';

const ORDER_EVENT_BASE = {
  clientOrderId: 'string',
  strategyId: 'string',
  instrumentId: 'string',
  tsEvent: 'integer',
  tsInit: 'integer',
} as const satisfies Record<string, FieldCheck>;

const WITH_REASON = { ...ORDER_EVENT_BASE, code: 'string', reason: 'string' } as const;
const COMMAND_BASE = { clientOrderId: 'string', strategyId: 'string', tsUs: 'integer' } as const;

/**
 * Every kind the journal accepts, with its required fields. A new event type whose values are
 * strings, numbers, Price, Quantity or Money needs only a line here: the codec is generic.
 * Optional fields are not listed (the codec keeps whatever is present).
 */
export const RECORD_FIELDS: { readonly [K in JournalRecordKind]: Readonly<Record<string, FieldCheck>> } = {
  SubmitOrder: { ...COMMAND_BASE, spec: 'order-spec' },
  CancelOrder: { ...COMMAND_BASE, instrumentId: 'string' },
  ModifyOrder: { ...COMMAND_BASE, instrumentId: 'string', changes: 'object' },
  OrderSubmitted: ORDER_EVENT_BASE,
  OrderDenied: WITH_REASON,
  OrderAccepted: { ...ORDER_EVENT_BASE, venueOrderId: 'string' },
  OrderRejected: WITH_REASON,
  OrderTriggered: ORDER_EVENT_BASE,
  OrderCanceled: ORDER_EVENT_BASE,
  OrderExpired: ORDER_EVENT_BASE,
  OrderFilled: {
    ...ORDER_EVENT_BASE,
    venueOrderId: 'string',
    tradeId: 'string',
    side: 'string',
    lastQty: 'quantity',
    lastPx: 'price',
    commission: 'money',
    liquiditySide: 'string',
  },
  OrderPendingUpdate: ORDER_EVENT_BASE,
  OrderPendingCancel: ORDER_EVENT_BASE,
  OrderUpdated: { ...ORDER_EVENT_BASE, quantity: 'quantity' },
  OrderModifyRejected: WITH_REASON,
  OrderCancelRejected: WITH_REASON,
  StateSnapshot: { scope: 'string', tsUs: 'integer' },
};

/** True when `kind` is a record kind this build knows. */
export function isRecordKind(kind: string): kind is JournalRecordKind {
  return Object.hasOwn(RECORD_FIELDS, kind);
}

/**
 * The time a record is filed under, µs: `tsUs` for commands and snapshots, `tsInit` (when we
 * recorded it) for events. Always the caller's clock, never the wall clock.
 */
export function recordTime(record: JournalRecord): number {
  return 'tsUs' in record ? record.tsUs : record.tsInit;
}
