/** Request schemas shared by several routes. */
import { z } from 'zod';

/** `?limit=N`: 1..max, default `fallback`. */
export const limitQuery = (fallback: number, max: number) =>
  z.strictObject({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(max)
      .default(fallback)
      .describe(`how many items, 1 to ${max} (default ${fallback})`),
  });

/** `?depth=N`: levels per side of a book, 1..max, default `fallback`. */
export const depthQuery = (fallback: number, max: number) =>
  z.strictObject({
    depth: z.coerce
      .number()
      .int()
      .min(1)
      .max(max)
      .default(fallback)
      .describe(`levels per side, 1 to ${max} (default ${fallback})`),
  });

/** `?since=µs&limit=N` of the equity curve. */
export const equityQuery = z.strictObject({
  since: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe('first time included, µs since the epoch (default: the oldest point kept)'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(3_600)
    .describe('the newest points to return, 1 to 86400 (default 3600: an hour)'),
});

/** `?from=µs&to=µs&limit=N` of the catalog's bars: `from` included, `to` excluded. */
export const historyQuery = z
  .strictObject({
    from: z.coerce
      .number()
      .int()
      .optional()
      .describe('first time included, µs since the epoch (default: the first bar)'),
    to: z.coerce
      .number()
      .int()
      .optional()
      .describe('first time excluded, µs since the epoch (default: after the last bar)'),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(1_000)
      .describe('most bars in one answer, 1 to 100000 (default 1000); `next` continues'),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: '"from" must be before "to"',
    path: ['from'],
  });

/** A decimal written as a string (exact): `"1.5"`, `"100"`. */
export const decimalString = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'expected a non-negative decimal as a string, e.g. "1.5"')
  .max(40);

export const instrumentParams = z.strictObject({
  instrumentId: z.string().min(1).max(100).describe('instrument id, e.g. BTCUSD.SIM'),
});

export const strategyParams = z.strictObject({ id: z.string().min(1).max(100).describe('strategy id') });

export const orderParams = z.strictObject({
  clientOrderId: z.string().min(1).max(100).describe('client order id, e.g. O-000001'),
});

/** A reason, for the audit trail. */
export const reasonText = z.string().trim().min(1).max(500);
