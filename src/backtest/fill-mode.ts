/**
 * When a market order submitted on a bar executes:
 * - `next-open`: at the open of the instrument's next bar (the default: no look-ahead,
 *   and the price is one that could really be traded after seeing the bar);
 * - `close`: at the close of the bar the strategy just saw (optimistic: assumes the order
 *   reaches the market in the closing auction of the same bar).
 */
export const FillMode = { NEXT_OPEN: 'next-open', CLOSE: 'close' } as const;
export type FillMode = (typeof FillMode)[keyof typeof FillMode];
