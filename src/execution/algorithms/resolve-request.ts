import { InvariantError } from '../../core/assert.js';
import { err, ok, type Result } from '../../core/result.js';
import { parseInstrumentId } from '../../model/identifiers/instrument-id.js';
import { isOnTick, type Instrument } from '../../model/instruments/instrument.js';
import type { OrderSide } from '../../model/orders/order-enums.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import {
  AlgoRequestSchema,
  MAX_SLICES,
  type AtEnd,
  type ChildPricing,
  type ParsedAlgoRequest,
} from './algo-request.js';
import type { InstrumentSource } from './child-order-port.js';
import { LotGrid } from './lots.js';

/** Stable codes for algorithm requests refused before anything is sent. */
export const AlgoDenialCode = {
  /** The request does not match the schema (a missing, unknown or out-of-range field). */
  INVALID_REQUEST: 'INVALID_REQUEST',
  UNKNOWN_INSTRUMENT: 'UNKNOWN_INSTRUMENT',
  /** A quantity is unreadable or not a positive whole number of lots. */
  INVALID_QUANTITY: 'INVALID_QUANTITY',
  /** A price is unreadable or off the tick grid. */
  INVALID_PRICE: 'INVALID_PRICE',
} as const;
export type AlgoDenialCode = (typeof AlgoDenialCode)[keyof typeof AlgoDenialCode];

/** Why a request was refused: a code for programs, one message per problem for people. */
export interface AlgoDenial {
  readonly code: AlgoDenialCode;
  readonly problems: readonly string[];
}

interface ResolvedCommon {
  readonly instrument: Instrument;
  readonly grid: LotGrid;
  readonly side: OrderSide;
  /** Parent quantity in lots. */
  readonly totalLots: number;
  readonly limitPrice: Price | undefined;
  readonly startUs: number;
  /** `Infinity` when the algorithm has no horizon. */
  readonly endUs: number;
  readonly pricing: ChildPricing;
  readonly atEnd: AtEnd;
  readonly tag: string | undefined;
}

/** A request checked against its instrument: exact lots and prices, absolute times. */
export type ResolvedRequest = ResolvedCommon &
  (
    | { readonly algo: 'TWAP'; readonly slices: number }
    | { readonly algo: 'VWAP'; readonly profile: readonly number[] }
    | { readonly algo: 'ICEBERG'; readonly displayLots: number }
    | {
        readonly algo: 'POV';
        readonly participationRate: number;
        readonly minChildLots: number;
        readonly maxChildLots: number;
        readonly volumeSource: 'TRADES' | 'BARS';
      }
  );

const deny = (code: AlgoDenialCode, ...problems: string[]) => err<AlgoDenial>({ code, problems });

/**
 * Validates a request (from code or from JSON) and resolves it against its instrument.
 * Never throws on bad input: every problem comes back as an {@link AlgoDenial}.
 */
export function resolveRequest(
  input: unknown,
  instruments: InstrumentSource,
  nowUs: number,
): Result<ResolvedRequest, AlgoDenial> {
  const parsed = AlgoRequestSchema.safeParse(input);
  if (!parsed.success) {
    return deny(
      AlgoDenialCode.INVALID_REQUEST,
      ...parsed.error.issues.map((issue) => `${issue.path.join('.') || '(request)'}: ${issue.message}`),
    );
  }
  const request: ParsedAlgoRequest = parsed.data;
  const id = parseInstrumentId(request.instrumentId);
  if (!id.ok) return deny(AlgoDenialCode.INVALID_REQUEST, `instrumentId: ${id.error.reason}`);
  const instrument = instruments.instrument(id.value);
  if (instrument === undefined) {
    return deny(AlgoDenialCode.UNKNOWN_INSTRUMENT, `instrumentId: no instrument ${id.value}`);
  }
  const grid = new LotGrid(instrument);

  const totalLots = lotsOf('quantity', request.quantity, instrument, grid);
  if (!totalLots.ok) return totalLots;
  let limitPrice: Price | undefined;
  if (request.limitPrice !== undefined) {
    const price = priceOf('limitPrice', request.limitPrice, instrument);
    if (!price.ok) return price;
    limitPrice = price.value;
  }

  const startUs = request.startUs ?? nowUs;
  const durationUs = request.durationUs;
  const pricing: ChildPricing = request.algo === 'ICEBERG' ? 'JOIN' : request.pricing;
  if (pricing === 'MARKET' && limitPrice !== undefined) {
    return deny(
      AlgoDenialCode.INVALID_REQUEST,
      'pricing: MARKET children cannot honour a limitPrice; use CROSS (a limit at the far touch, capped at limitPrice)',
    );
  }
  const base: ResolvedCommon = {
    instrument,
    grid,
    side: request.side,
    totalLots: totalLots.value,
    limitPrice,
    startUs,
    endUs: durationUs === undefined ? Infinity : startUs + durationUs,
    pricing,
    atEnd: request.algo === 'ICEBERG' ? 'CANCEL' : request.atEnd,
    tag: request.tag,
  };

  switch (request.algo) {
    case 'TWAP': {
      if ((request.slices === undefined) === (request.intervalUs === undefined)) {
        return deny(AlgoDenialCode.INVALID_REQUEST, 'slices/intervalUs: give exactly one of them');
      }
      const slices = request.slices ?? Math.ceil(request.durationUs / request.intervalUs!);
      if (slices > MAX_SLICES) {
        return deny(
          AlgoDenialCode.INVALID_REQUEST,
          `intervalUs: ${request.intervalUs} gives ${slices} slices over ${request.durationUs} µs (at most ${MAX_SLICES})`,
        );
      }
      return ok({ ...base, algo: 'TWAP', slices });
    }
    case 'VWAP': {
      if (!request.profile.some((w) => w > 0)) {
        return deny(AlgoDenialCode.INVALID_REQUEST, 'profile: needs at least one weight above 0');
      }
      return ok({ ...base, algo: 'VWAP', profile: [...request.profile] });
    }
    case 'ICEBERG': {
      const display = lotsOf('displayQuantity', request.displayQuantity, instrument, grid);
      if (!display.ok) return display;
      return ok({ ...base, algo: 'ICEBERG', displayLots: Math.min(display.value, totalLots.value) });
    }
    case 'POV': {
      const min =
        request.minChildQuantity === undefined
          ? ok(1)
          : lotsOf('minChildQuantity', request.minChildQuantity, instrument, grid);
      if (!min.ok) return min;
      const max =
        request.maxChildQuantity === undefined
          ? ok(totalLots.value)
          : lotsOf('maxChildQuantity', request.maxChildQuantity, instrument, grid);
      if (!max.ok) return max;
      if (max.value < min.value) {
        return deny(AlgoDenialCode.INVALID_QUANTITY, 'maxChildQuantity: must not be below minChildQuantity');
      }
      return ok({
        ...base,
        algo: 'POV',
        participationRate: request.participationRate,
        minChildLots: min.value,
        maxChildLots: max.value,
        volumeSource: request.volumeSource,
      });
    }
  }
}

/** A quantity input as whole lots of the instrument. */
function lotsOf(
  field: string,
  input: string | number | Quantity,
  instrument: Instrument,
  grid: LotGrid,
): Result<number, AlgoDenial> {
  let quantity: Quantity;
  if (input instanceof Quantity) quantity = input;
  else {
    const parsed = parseExact(() => Quantity.parse(String(input), grid.precision));
    if (parsed === undefined) {
      return deny(
        AlgoDenialCode.INVALID_QUANTITY,
        `${field}: ${String(input)} is not a quantity with at most ${grid.precision} decimals`,
      );
    }
    quantity = parsed;
  }
  const lots = parseExact(() => grid.lotsOf(quantity));
  if (lots === undefined || lots <= 0) {
    return deny(
      AlgoDenialCode.INVALID_QUANTITY,
      `${field}: ${quantity.toString()} must be a positive multiple of lot size ${instrument.lotSize.toString()}`,
    );
  }
  return ok(lots);
}

/** A price input on the instrument's tick grid. */
function priceOf(
  field: string,
  input: string | number | Price,
  instrument: Instrument,
): Result<Price, AlgoDenial> {
  const precision = instrument.tickSize.precision;
  const price = input instanceof Price ? input : parseExact(() => Price.parse(String(input), precision));
  if (price === undefined) {
    return deny(
      AlgoDenialCode.INVALID_PRICE,
      `${field}: ${String(input)} is not a price with at most ${precision} decimals`,
    );
  }
  if (!isOnTick(instrument, price)) {
    return deny(
      AlgoDenialCode.INVALID_PRICE,
      `${field}: ${price.toString()} is not a multiple of tick ${instrument.tickSize.toString()}`,
    );
  }
  return ok(price);
}

/**
 * Runs an exact parse or rescale, turning its RangeError (unreadable, too precise) or
 * InvariantError (too large for a safe integer) into `undefined`.
 */
function parseExact<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RangeError || error instanceof InvariantError) return undefined;
    throw error;
  }
}
