/** Where an order is in its life. */
export const OrderStatus = {
  INITIALIZED: 'INITIALIZED',
  DENIED: 'DENIED',
  SUBMITTED: 'SUBMITTED',
  ACCEPTED: 'ACCEPTED',
  REJECTED: 'REJECTED',
  TRIGGERED: 'TRIGGERED',
  PENDING_UPDATE: 'PENDING_UPDATE',
  PENDING_CANCEL: 'PENDING_CANCEL',
  PARTIALLY_FILLED: 'PARTIALLY_FILLED',
  FILLED: 'FILLED',
  CANCELED: 'CANCELED',
  EXPIRED: 'EXPIRED',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

const S = OrderStatus;

/** Statuses an order never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set([
  S.DENIED,
  S.REJECTED,
  S.FILLED,
  S.CANCELED,
  S.EXPIRED,
]);

/** Where a working order can go on a venue report or our modify/cancel request. */
const WORKING_EXITS = [
  S.PENDING_UPDATE,
  S.PENDING_CANCEL,
  S.PARTIALLY_FILLED,
  S.FILLED,
  S.CANCELED,
  S.EXPIRED,
] as const;

/** A pending request ends: back to the status before it, or on to an outcome. */
const PENDING_EXITS = [
  S.SUBMITTED, // our modify/cancel was refused before the venue acknowledged the order
  S.ACCEPTED,
  S.TRIGGERED,
  S.REJECTED,
  ...WORKING_EXITS,
] as const;

/**
 * The order state machine: for each status, the statuses it may move to (changes of status
 * only: events that leave the status as it is — an update, a refused modify or cancel, a late
 * fill of a canceled order — are not listed). A venue may fill or cancel an order while our
 * modify or cancel is in flight, hence the exits from the pending states. {@link Order.apply}
 * decides each move from the event and checks it against this table.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  INITIALIZED: [S.SUBMITTED, S.DENIED],
  SUBMITTED: [S.ACCEPTED, S.REJECTED, S.TRIGGERED, ...WORKING_EXITS],
  ACCEPTED: [S.TRIGGERED, S.REJECTED, ...WORKING_EXITS],
  TRIGGERED: [S.REJECTED, ...WORKING_EXITS],
  PENDING_UPDATE: PENDING_EXITS.filter((s) => s !== S.PENDING_UPDATE),
  // No modify while a cancel is in flight.
  PENDING_CANCEL: PENDING_EXITS.filter((s) => s !== S.PENDING_CANCEL && s !== S.PENDING_UPDATE),
  PARTIALLY_FILLED: WORKING_EXITS.filter((s) => s !== S.PARTIALLY_FILLED),
  DENIED: [],
  REJECTED: [],
  FILLED: [],
  CANCELED: [],
  EXPIRED: [],
};

/** Statuses of an order waiting for the venue's answer to our modify or cancel. */
export const PENDING_STATUSES: ReadonlySet<OrderStatus> = new Set([S.PENDING_UPDATE, S.PENDING_CANCEL]);

// Maps, not objects: lookups with changing keys on an object go megamorphic in V8.
const STATUS_BIT = new Map<OrderStatus, number>(
  Object.values(OrderStatus).map((status, i) => [status, 1 << i]),
);

/** For each status, a bit mask of the statuses it may move to (checked on every event). */
const ALLOWED_MASK = new Map<OrderStatus, number>(
  Object.entries(ORDER_TRANSITIONS).map(([from, to]) => [
    from as OrderStatus,
    to.reduce((mask, s) => mask | STATUS_BIT.get(s)!, 0),
  ]),
);

/** True when the state machine allows `from` → `to`. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return (ALLOWED_MASK.get(from)! & STATUS_BIT.get(to)!) !== 0;
}
