/**
 * Reading of Binance's spot `executionReport` (the user data stream's order update), checked
 * field by field before anything is built from it. A report that fails a check is malformed:
 * the client counts and skips it rather than guess (a fill with a missing price must not become
 * a fill at price 0).
 */

/** The fields of an `executionReport` the client uses, as Binance sends them (decimals as strings). */
export interface BinanceExecutionReport {
  /** `E`: event time, ms. */
  readonly eventTimeMs: number;
  /** `s`: the venue's symbol (`BTCUSDT`). */
  readonly symbol: string;
  /**
   * The order's client id: `C` (original client order id) when set, else `c`. A cancel's report
   * carries the cancel request's own id in `c` and the order's in `C`.
   */
  readonly clientOrderId: string;
  /** `S`. */
  readonly side: 'BUY' | 'SELL';
  /** `o`: LIMIT, MARKET, STOP_LOSS_LIMIT... */
  readonly orderType: string;
  /** `f`: GTC, IOC, FOK. */
  readonly timeInForce: string;
  /** `q`: order quantity. */
  readonly quantity: string;
  /** `p`: limit price (`0.00000000` for market orders). */
  readonly price: string;
  /** `P`: stop price. */
  readonly stopPrice: string;
  /** `x`: what happened (NEW, TRADE, CANCELED, EXPIRED, REJECTED, TRADE_PREVENTION, AMENDMENT, REPLACED). */
  readonly executionType: string;
  /** `X`: the order's status after it (NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, ...). */
  readonly status: string;
  /** `r`: reject reason (`NONE` unless rejected). */
  readonly rejectReason: string;
  /** `i`: the venue's order id. */
  readonly orderId: number;
  /** `l`: quantity of this execution. */
  readonly lastQty: string;
  /** `z`: cumulative filled quantity. */
  readonly cumQty: string;
  /** `L`: price of this execution. */
  readonly lastPrice: string;
  /** `n`: commission of this execution. */
  readonly commission: string;
  /** `N`: commission asset (`null` when there is no commission). */
  readonly commissionAsset: string | null;
  /** `T`: transaction time, ms. */
  readonly transactTimeMs: number;
  /** `t`: trade id (-1 unless a trade). */
  readonly tradeId: number;
  /** `m`: this execution was on the maker side. */
  readonly isMaker: boolean;
}

const DECIMAL = /^\d+(\.\d+)?$/;
const isDecimal = (v: unknown): v is string => typeof v === 'string' && DECIMAL.test(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Field → check of every field read (all required). */
const CHECKS: [string, (v: unknown) => boolean][] = [
  ['E', isInt],
  ['s', isText],
  ['c', (v) => typeof v === 'string'],
  ['S', (v) => v === 'BUY' || v === 'SELL'],
  ['o', isText],
  ['f', isText],
  ['q', isDecimal],
  ['p', isDecimal],
  ['P', isDecimal],
  ['x', isText],
  ['X', isText],
  ['r', (v) => typeof v === 'string'],
  ['i', isInt],
  ['l', isDecimal],
  ['z', isDecimal],
  ['L', isDecimal],
  ['n', isDecimal],
  ['N', (v) => v === null || v === undefined || isText(v)],
  ['T', isInt],
  ['t', isInt],
  ['m', (v) => typeof v === 'boolean'],
];

/**
 * Reads an `executionReport` event (the object in the stream message's `event`), or says why it
 * is malformed. A trade (`x: TRADE`) must also carry a trade id ≥ 0 and a positive quantity.
 */
export function readExecutionReport(message: unknown): BinanceExecutionReport | string {
  if (typeof message !== 'object' || message === null) return 'not an object';
  const m = message as Record<string, unknown>;
  if (m.e !== 'executionReport') return 'not an executionReport';
  for (const [key, ok] of CHECKS) if (!ok(m[key])) return `field ${key} missing or invalid`;
  const original = m.C;
  const clientOrderId = typeof original === 'string' && original.length > 0 ? original : (m.c as string);
  if (clientOrderId.length === 0) return 'no client order id (c, C)';
  const report: BinanceExecutionReport = {
    eventTimeMs: m.E as number,
    symbol: m.s as string,
    clientOrderId,
    side: m.S as 'BUY' | 'SELL',
    orderType: m.o as string,
    timeInForce: m.f as string,
    quantity: m.q as string,
    price: m.p as string,
    stopPrice: m.P as string,
    executionType: m.x as string,
    status: m.X as string,
    rejectReason: m.r as string,
    orderId: m.i as number,
    lastQty: m.l as string,
    cumQty: m.z as string,
    lastPrice: m.L as string,
    commission: m.n as string,
    commissionAsset: (m.N as string | null | undefined) ?? null,
    transactTimeMs: m.T as number,
    tradeId: m.t as number,
    isMaker: m.m as boolean,
  };
  if (report.executionType === 'TRADE') {
    if (report.tradeId < 0) return 'trade without a trade id (t)';
    if (!/[1-9]/.test(report.lastQty)) return 'trade of zero quantity (l)';
  }
  return report;
}
