import { z } from 'zod';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';

/** Most slices or profile buckets a parent may have (keeps schedules small and exact). */
export const MAX_SLICES = 10_000;
/** Longest horizon: 366 days in µs. */
export const MAX_DURATION_US = 366 * 86_400_000_000;

/** A quantity as an exact {@link Quantity}, a decimal string (`"12.5"`) or a number of units. */
const quantityInput = z.union([
  z.string().min(1),
  z.number().positive().finite(),
  z.custom<Quantity>((value) => value instanceof Quantity, 'expected a Quantity'),
]);

/** A price as an exact {@link Price}, a decimal string or a number. */
const priceInput = z.union([
  z.string().min(1),
  z.number().finite(),
  z.custom<Price>((value) => value instanceof Price, 'expected a Price'),
]);

const timestamp = z.number().int().nonnegative();
const duration = z.number().int().positive().max(MAX_DURATION_US);

/**
 * How limit-priced children are priced:
 * - `MARKET`: market orders (not allowed with a `limitPrice`: a market order cannot honour it);
 * - `CROSS`: a limit at the far touch (a buy at the ask), which takes liquidity;
 * - `JOIN`: a limit at the near touch (a buy at the bid), which waits to be hit.
 * With a `limitPrice` the child price is capped at it (a buy never above, a sell never below).
 */
export const ChildPricing = z.enum(['MARKET', 'CROSS', 'JOIN']);
export type ChildPricing = z.infer<typeof ChildPricing>;

/** What happens to the unfilled remainder at the end time: canceled, or one final sweep. */
export const AtEnd = z.enum(['CANCEL', 'SWEEP']);
export type AtEnd = z.infer<typeof AtEnd>;

/** Fields every algorithm takes. */
const common = {
  /** `SYMBOL.VENUE`. */
  instrumentId: z.string().min(1),
  side: z.enum(['BUY', 'SELL']),
  /** Total quantity of the parent; a whole number of lots. */
  quantity: quantityInput,
  /** Price protection: children never buy above / sell below it. On the tick grid. */
  limitPrice: priceInput.optional(),
  /** When the algorithm begins working, µs (default: now). */
  startUs: timestamp.optional(),
  /** Free text copied into each child's tags. */
  tag: z.string().max(64).optional(),
};

const scheduled = {
  ...common,
  /** Horizon: the algorithm ends at `startUs + durationUs`. */
  durationUs: duration,
  pricing: ChildPricing.default('CROSS'),
  atEnd: AtEnd.default('CANCEL'),
};

/** Time-weighted: equal slices over the horizon. Give `slices` or `intervalUs`. */
export const TwapRequest = z.strictObject({
  algo: z.literal('TWAP'),
  ...scheduled,
  slices: z.number().int().min(1).max(MAX_SLICES).optional(),
  intervalUs: z.number().int().positive().optional(),
});

/** Volume-weighted: slices sized by a volume profile (one weight per equal bucket of the horizon). */
export const VwapRequest = z.strictObject({
  algo: z.literal('VWAP'),
  ...scheduled,
  /** Relative volume of each bucket; normalized by their sum (which must be > 0). */
  profile: z.array(z.number().nonnegative().finite()).min(1).max(MAX_SLICES),
});

/** Shows `displayQuantity` at `limitPrice` and replenishes it when it fills. */
export const IcebergRequest = z.strictObject({
  algo: z.literal('ICEBERG'),
  ...common,
  limitPrice: priceInput,
  displayQuantity: quantityInput,
  /** Optional horizon; without it the iceberg works until filled or canceled. */
  durationUs: duration.optional(),
});

/** Percentage of volume: keeps its fills at a rate of the market volume traded since start. */
export const PovRequest = z.strictObject({
  algo: z.literal('POV'),
  ...common,
  /** Target share of market volume, in (0, 1]. */
  participationRate: z.number().gt(0).max(1),
  /** Smallest child (default one lot); smaller deficits wait, except the last remainder. */
  minChildQuantity: quantityInput.optional(),
  /** Largest child (default: no cap). */
  maxChildQuantity: quantityInput.optional(),
  /** Market volume from trade ticks or from bars (never both, so nothing counts twice). */
  volumeSource: z.enum(['TRADES', 'BARS']).default('TRADES'),
  /** Optional horizon; without it POV works until filled or canceled. */
  durationUs: duration.optional(),
  pricing: ChildPricing.default('CROSS'),
  atEnd: AtEnd.default('CANCEL'),
});

/** A request to run an execution algorithm, checked before anything is sent. */
export const AlgoRequestSchema = z.discriminatedUnion('algo', [
  TwapRequest,
  VwapRequest,
  IcebergRequest,
  PovRequest,
]);

/** What a caller writes (defaults may be left out). */
export type AlgoRequest = z.input<typeof AlgoRequestSchema>;
/** A request after schema validation, defaults filled in. */
export type ParsedAlgoRequest = z.output<typeof AlgoRequestSchema>;
/** The algorithm names. */
export type AlgoName = ParsedAlgoRequest['algo'];
