import type { BookOrderType, BookSide, BookTimeInForce, SelfTradePrevention } from './book-types.js';

/**
 * The small integer codes the fast book stores in its order columns (OrderStore's `type`,
 * `timeInForce`, `selfTradePrevention`, `side`) and the conversions from the public names.
 */
export const TYPES: readonly BookOrderType[] = [
  'MARKET',
  'LIMIT',
  'STOP_MARKET',
  'STOP_LIMIT',
  'MARKET_IF_TOUCHED',
  'LIMIT_IF_TOUCHED',
  'TRAILING_STOP_MARKET',
  'TRAILING_STOP_LIMIT',
];
/** Index of a type in TYPES (a switch: Map lookups showed in the replay profile). */
export function typeIndex(type: BookOrderType): number {
  switch (type) {
    case 'MARKET':
      return 0;
    case 'LIMIT':
      return 1;
    case 'STOP_MARKET':
      return 2;
    case 'STOP_LIMIT':
      return 3;
    case 'MARKET_IF_TOUCHED':
      return 4;
    case 'LIMIT_IF_TOUCHED':
      return 5;
    case 'TRAILING_STOP_MARKET':
      return 6;
    default:
      return 7;
  }
}
export const TIME_IN_FORCES: readonly BookTimeInForce[] = ['GTC', 'IOC', 'FOK', 'DAY', 'GTD'];
export const TIF_GTC = 0;
export const TIF_IOC = 1;
export const TIF_FOK = 2;
export const TIF_DAY = 3;
export const TIF_GTD = 4;

export function timeInForceIndex(tif: BookTimeInForce | undefined, market: boolean): number {
  switch (tif) {
    case undefined:
      return market ? TIF_IOC : TIF_GTC;
    case 'GTC':
      return TIF_GTC;
    case 'IOC':
      return TIF_IOC;
    case 'FOK':
      return TIF_FOK;
    case 'DAY':
      return TIF_DAY;
    default:
      return TIF_GTD;
  }
}
export const STP_MODES: readonly SelfTradePrevention[] = [
  'NONE',
  'CANCEL_TAKER',
  'CANCEL_MAKER',
  'CANCEL_BOTH',
];
export const STP_CANCEL_TAKER = 1;
export const STP_CANCEL_MAKER = 2;
export const BUY = 0;
export const SELL = 1;
export const SIDES: readonly BookSide[] = ['BUY', 'SELL'];
