/**
 * Binance spot answers (stream `executionReport`, REST order rows, `myTrades` rows) → the
 * engine's order events and reconciliation reports. Prices and quantities are parsed exactly from
 * Binance's decimal strings at the market's precision (`"42000.10000000"` at 2 decimals is
 * 42000.10; a value with significant digits past it is malformed, never rounded). Commission is
 * kept in the asset Binance charged it in (`N`, `commissionAsset`): the quote currency, the base
 * asset (Binance's default on buys) or BNB when the account pays fees with it.
 */
import type { VenueFillReport, VenueOrderReport } from '../../execution/execution-client.js';
import type { OrderEvent } from '../../model/events/order-events.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId, TradeId, VenueOrderId } from '../../model/identifiers/order-ids.js';
import { parseClientOrderId } from '../../model/identifiers/order-ids.js';
import { LiquiditySide, OrderSide, OrderType, TimeInForce } from '../../model/orders/order-enums.js';
import { OrderStatus } from '../../model/orders/order-status.js';
import { currency, type Currency } from '../../model/types/currency.js';
import { parseDecimal, rescaleRaw } from '../../model/types/fixed-point.js';
import { Money } from '../../model/types/money.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import type { BinanceExecutionReport } from './execution-report.js';

/** A market the client trades: its names and the decimals its values are read at. */
export interface ExecutionMarket {
  readonly instrumentId: InstrumentId;
  /** ccxt's unified symbol (`BTC/USDT`), for ccxt calls. */
  readonly symbol: string;
  /** The venue's symbol (`BTCUSDT`), as in its messages. */
  readonly marketId: string;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  /** The quote currency (commission currency when a fill names none). */
  readonly quote: Currency;
}

/** A `GET /api/v3/order` or `openOrders` row (the fields read). */
export interface BinanceOrderRow {
  readonly symbol: string;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly price: string;
  readonly origQty: string;
  readonly executedQty: string;
  readonly status: string;
  readonly timeInForce: string;
  readonly type: string;
  readonly side: string;
  readonly stopPrice?: string;
  readonly time?: number;
  readonly updateTime?: number;
  readonly transactTime?: number;
  readonly workingTime?: number;
}

/** A `GET /api/v3/myTrades` row (the fields read). */
export interface BinanceTradeRow {
  readonly symbol: string;
  readonly id: number;
  readonly orderId: number;
  readonly price: string;
  readonly qty: string;
  readonly commission: string;
  readonly commissionAsset: string;
  readonly time: number;
  readonly isBuyer: boolean;
  readonly isMaker: boolean;
}

/** Binance statuses of an order that can still execute. */
export const WORKING_STATUSES: ReadonlySet<string> = new Set(['PENDING_NEW', 'NEW', 'PARTIALLY_FILLED']);

const msToUs = (ms: number): number => ms * 1000;

/** Fields every event about one order carries. */
interface Base {
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  readonly tsEvent: number;
  readonly tsInit: number;
}

/**
 * A commission of `amount` in `asset`. In the quote currency it is kept at that currency's
 * precision (what an account in it books; a fiat quote with more digits from Binance is rounded
 * half away from zero to its smallest unit). Any other asset (the base asset on buys, BNB) keeps
 * at least Binance's 8 decimals: `currency()` would give a 3-letter code like BNB only 2.
 */
export function commissionOf(amount: string, asset: string, quote?: Currency): Money | string {
  const known = currency(asset);
  const cur: Currency =
    quote !== undefined && quote.code === known.code
      ? quote
      : { code: known.code, precision: Math.max(known.precision, 8) };
  const parsed = parseDecimal(amount);
  if (typeof parsed === 'string') return `commission "${amount}" ${asset}: ${parsed}`;
  return Money.fromRaw(rescaleRaw(parsed.raw, parsed.precision, cur.precision), cur);
}

/** A quantity at the market's size precision, or why not. */
export function quantityOf(text: string, market: ExecutionMarket): Quantity | string {
  const parsed = parseDecimal(text, market.sizeDecimals);
  return typeof parsed === 'string'
    ? `quantity "${text}" at ${market.sizeDecimals} decimals: ${parsed}`
    : Quantity.fromRaw(parsed.raw, parsed.precision);
}

/** A price at the market's price precision, or why not. */
export function priceOf(text: string, market: ExecutionMarket): Price | string {
  const parsed = parseDecimal(text, market.priceDecimals);
  return typeof parsed === 'string'
    ? `price "${text}" at ${market.priceDecimals} decimals: ${parsed}`
    : Price.fromRaw(parsed.raw, parsed.precision);
}

/**
 * The order event an execution report stands for: NEW → OrderAccepted, TRADE → OrderFilled,
 * CANCELED → OrderCanceled, EXPIRED (and TRADE_PREVENTION that expired the order) → OrderExpired,
 * REJECTED → OrderRejected (code: Binance's reject reason `r`), AMENDMENT → OrderUpdated (the new
 * quantity). `undefined` for reports that change nothing (REPLACED, a trade prevention that left
 * the order working); a string says why the report cannot be read.
 */
export function eventOfReport(
  report: BinanceExecutionReport,
  market: ExecutionMarket,
  strategyId: StrategyId,
  tsInit: number,
): OrderEvent | string | undefined {
  const id = parseClientOrderId(report.clientOrderId);
  if (!id.ok) return `client order id "${report.clientOrderId}": ${id.error.reason}`;
  const base: Base = {
    clientOrderId: id.value,
    strategyId,
    instrumentId: market.instrumentId,
    tsEvent: msToUs(report.transactTimeMs),
    tsInit,
  };
  const venueOrderId = String(report.orderId) as VenueOrderId;
  switch (report.executionType) {
    case 'NEW':
      return { type: 'OrderAccepted', ...base, venueOrderId };
    case 'TRADE': {
      const lastQty = quantityOf(report.lastQty, market);
      if (typeof lastQty === 'string') return lastQty;
      const lastPx = priceOf(report.lastPrice, market);
      if (typeof lastPx === 'string') return lastPx;
      const commission = commissionOf(
        report.commission,
        report.commissionAsset ?? market.quote.code,
        market.quote,
      );
      if (typeof commission === 'string') return commission;
      return {
        type: 'OrderFilled',
        ...base,
        venueOrderId,
        tradeId: String(report.tradeId) as TradeId,
        side: report.side === 'BUY' ? OrderSide.BUY : OrderSide.SELL,
        lastQty,
        lastPx,
        commission,
        liquiditySide: report.isMaker ? LiquiditySide.MAKER : LiquiditySide.TAKER,
      };
    }
    case 'CANCELED':
      return { type: 'OrderCanceled', ...base };
    case 'EXPIRED':
      return { type: 'OrderExpired', ...base };
    case 'TRADE_PREVENTION':
      return report.status === 'EXPIRED' || report.status === 'EXPIRED_IN_MATCH'
        ? { type: 'OrderExpired', ...base }
        : undefined;
    case 'REJECTED':
      return {
        type: 'OrderRejected',
        ...base,
        code: report.rejectReason,
        reason: `rejected by the venue: ${report.rejectReason}`,
      };
    case 'AMENDMENT': {
      const quantity = quantityOf(report.quantity, market);
      return typeof quantity === 'string'
        ? quantity
        : { type: 'OrderUpdated', ...base, venueOrderId, quantity };
    }
    case 'REPLACED':
      return undefined;
    default:
      return `unknown execution type ${report.executionType}`;
  }
}

/** One of our executions from a `myTrades` row (the client order id comes from the caller: rows lack it). */
export function fillOfTrade(
  row: BinanceTradeRow,
  market: ExecutionMarket,
  clientOrderId: ClientOrderId,
): VenueFillReport | string {
  const lastQty = quantityOf(row.qty, market);
  if (typeof lastQty === 'string') return lastQty;
  const lastPx = priceOf(row.price, market);
  if (typeof lastPx === 'string') return lastPx;
  const commission = commissionOf(row.commission, row.commissionAsset, market.quote);
  if (typeof commission === 'string') return commission;
  return {
    clientOrderId,
    venueOrderId: String(row.orderId) as VenueOrderId,
    tradeId: String(row.id) as TradeId,
    instrumentId: market.instrumentId,
    side: row.isBuyer ? OrderSide.BUY : OrderSide.SELL,
    lastQty,
    lastPx,
    commission,
    liquiditySide: row.isMaker ? LiquiditySide.MAKER : LiquiditySide.TAKER,
    tsEvent: msToUs(row.time),
  };
}

/** Binance order types → ours. TAKE_PROFIT(_LIMIT) are reported as stops: they carry a trigger too. */
const ORDER_TYPES: Record<string, OrderType> = {
  LIMIT: OrderType.LIMIT,
  LIMIT_MAKER: OrderType.LIMIT,
  MARKET: OrderType.MARKET,
  STOP_LOSS: OrderType.STOP_MARKET,
  TAKE_PROFIT: OrderType.STOP_MARKET,
  STOP_LOSS_LIMIT: OrderType.STOP_LIMIT,
  TAKE_PROFIT_LIMIT: OrderType.STOP_LIMIT,
};

const TIME_IN_FORCE: Record<string, TimeInForce> = {
  GTC: TimeInForce.GTC,
  IOC: TimeInForce.IOC,
  FOK: TimeInForce.FOK,
};

/** A working order from an order row (`openOrders`, `GET /api/v3/order`), or why it cannot be read. */
export function reportOfOrderRow(row: BinanceOrderRow, market: ExecutionMarket): VenueOrderReport | string {
  const id = parseClientOrderId(row.clientOrderId);
  if (!id.ok) return `client order id "${row.clientOrderId}": ${id.error.reason}`;
  const type = ORDER_TYPES[row.type];
  if (type === undefined) return `order type ${row.type}`;
  const quantity = quantityOf(row.origQty, market);
  if (typeof quantity === 'string') return quantity;
  const filledQty = quantityOf(row.executedQty, market);
  if (typeof filledQty === 'string') return filledQty;
  const limited = type === OrderType.LIMIT || type === OrderType.STOP_LIMIT;
  const price = limited ? priceOf(row.price, market) : undefined;
  if (typeof price === 'string') return price;
  const triggered = type === OrderType.STOP_MARKET || type === OrderType.STOP_LIMIT;
  const triggerPrice = triggered ? priceOf(row.stopPrice ?? '', market) : undefined;
  if (typeof triggerPrice === 'string') return triggerPrice;
  const status =
    row.status === 'PARTIALLY_FILLED'
      ? OrderStatus.PARTIALLY_FILLED
      : row.status === 'PENDING_NEW'
        ? OrderStatus.SUBMITTED
        : OrderStatus.ACCEPTED;
  return {
    clientOrderId: id.value,
    venueOrderId: String(row.orderId) as VenueOrderId,
    instrumentId: market.instrumentId,
    side: row.side === 'BUY' ? OrderSide.BUY : OrderSide.SELL,
    type,
    timeInForce: TIME_IN_FORCE[row.timeInForce] ?? TimeInForce.GTC,
    status,
    quantity,
    filledQty,
    price,
    triggerPrice,
    tsLast: msToUs(row.updateTime ?? row.workingTime ?? row.transactTime ?? row.time ?? 0),
  };
}
