/**
 * Deterministic journal records for the journal's tests, crash test and benchmark: the record
 * for a given number is always the same, so a reader can check what it finds at each seq.
 */
import type { InstrumentId } from '../../src/model/identifiers/instrument-id.js';
import type {
  ClientOrderId,
  StrategyId,
  TradeId,
  VenueOrderId,
} from '../../src/model/identifiers/order-ids.js';
import { currency } from '../../src/model/types/currency.js';
import { Money } from '../../src/model/types/money.js';
import { Price } from '../../src/model/types/price.js';
import { Quantity } from '../../src/model/types/quantity.js';
import type { JournalRecord, JournalRecordKind } from '../../src/persistence/journal-record.js';

const BTC = 'BTCUSDT.BINANCE' as InstrumentId;
const STRATEGY = 'sma-cross-001' as StrategyId;
const USDT = currency('USDT');
/** 2024-01-01T00:00:00Z in µs. */
const T0 = 1_704_067_200_000_000;

/** Every kind, in the order {@link journalRecord} cycles through them. */
export const ALL_KINDS: readonly JournalRecordKind[] = [
  'SubmitOrder',
  'OrderSubmitted',
  'OrderAccepted',
  'OrderFilled',
  'ModifyOrder',
  'OrderTriggered',
  'OrderDenied',
  'OrderRejected',
  'CancelOrder',
  'OrderCanceled',
  'OrderExpired',
  'StateSnapshot',
  'OrderPendingUpdate',
  'OrderPendingCancel',
  'OrderUpdated',
  'OrderModifyRejected',
  'OrderCancelRejected',
];

const ids = (n: number) => ({
  clientOrderId: `O-${n}` as ClientOrderId,
  strategyId: STRATEGY,
  instrumentId: BTC,
});

/** An OrderFilled of realistic size (about 360 bytes of JSON), different for every `n`. */
export function orderFilled(n: number): JournalRecord {
  return {
    type: 'OrderFilled',
    ...ids(n),
    tsEvent: T0 + n * 1_000,
    tsInit: T0 + n * 1_000 + 17,
    venueOrderId: `V-${n}` as VenueOrderId,
    tradeId: `T-${n}` as TradeId,
    side: n % 2 === 0 ? 'BUY' : 'SELL',
    lastQty: Quantity.fromRaw(1 + ((n * 7_919) % 1_000_000), 5),
    lastPx: Price.fromRaw(6_500_000 + ((n * 104_729) % 100_000), 2),
    commission: Money.fromRaw(n * 13, USDT),
    liquiditySide: n % 3 === 0 ? 'MAKER' : 'TAKER',
  };
}

/** The record numbered `n` (≥ 1): kinds cycle through {@link ALL_KINDS}, values derive from `n`. */
export function journalRecord(n: number): JournalRecord {
  const kind = ALL_KINDS[(n - 1) % ALL_KINDS.length];
  const base = { ...ids(n), tsEvent: T0 + n * 1_000, tsInit: T0 + n * 1_000 + 17 };
  const tsUs = T0 + n * 1_000;
  switch (kind) {
    case 'SubmitOrder':
      return {
        type: kind,
        clientOrderId: base.clientOrderId,
        strategyId: STRATEGY,
        tsUs,
        spec: {
          instrumentId: BTC,
          side: 'BUY',
          type: 'STOP_LIMIT',
          quantity: Quantity.fromRaw(n, 5),
          price: Price.fromRaw(6_500_000 + n, 2),
          triggerPrice: Price.fromRaw(6_490_000 + n, 2),
          timeInForce: 'GTD',
          expireTimeUs: tsUs + 60_000_000,
          reduceOnly: n % 2 === 0,
          tags: `entry #${n} "quoted" ✓`,
        },
      };
    case 'ModifyOrder':
      return {
        type: kind,
        ...ids(n),
        tsUs,
        changes: { quantity: Quantity.fromRaw(2 * n, 5), price: Price.fromRaw(-n, 4) },
      };
    case 'CancelOrder':
      return { type: kind, ...ids(n), tsUs };
    case 'OrderAccepted':
      return { type: kind, ...base, venueOrderId: `V-${n}` as VenueOrderId };
    case 'OrderUpdated':
      return {
        type: kind,
        ...base,
        quantity: Quantity.fromRaw(3 * n, 5),
        price: Price.fromRaw(6_500_000 + n, 2),
      };
    case 'OrderDenied':
    case 'OrderRejected':
    case 'OrderModifyRejected':
    case 'OrderCancelRejected':
      return { type: kind, ...base, code: 'INSUFFICIENT_MARGIN', reason: `needs ${n} more` };
    case 'OrderFilled':
      return orderFilled(n);
    case 'StateSnapshot':
      return {
        type: kind,
        scope: 'positions',
        tsUs,
        state: {
          positions: [
            {
              instrumentId: BTC,
              quantity: Quantity.fromRaw(n, 8),
              avgPx: Price.fromRaw(n * 3, 2),
              open: true,
            },
          ],
          realized: Money.fromRaw(-n, USDT),
          $note: null,
        },
      };
    case 'OrderSubmitted':
    case 'OrderPendingUpdate':
    case 'OrderPendingCancel':
    case 'OrderTriggered':
    case 'OrderCanceled':
    case 'OrderExpired':
      return { type: kind, ...base };
  }
}
