import type { Bar } from '../../model/data/bar.js';
import { POW10 } from '../../model/types/fixed-point.js';
import { createBarAggregator } from '../aggregation/create-bar-aggregator.js';
import type { BarSpec } from '../aggregation/bar-spec.js';
import type { TradeColumns } from './trade-columns.js';

/**
 * Bars of `spec` (`1m`, `100t`, `volume:1000`, … as `createBarAggregator` reads it) built from
 * catalog trades by the project's aggregators, exactly: every price and size is widened to the
 * largest precision among the rows and fed as raw integers, so no tick object is made per trade.
 *
 * Only closed bars are returned: time bars close when a later trade arrives or at `untilUs` (the
 * end of the range read, when finite); the bar still forming when the data ends is left out, as
 * it is incomplete. Time bars are stamped with their end, as the aggregators do.
 *
 * @throws InputError for a malformed spec
 */
export function barsFromTrades(trades: TradeColumns, spec: string | BarSpec, untilUs = Infinity): Bar[] {
  const bars: Bar[] = [];
  let pricePrecision = 0;
  let sizePrecision = 0;
  for (let i = 0; i < trades.length; i++) {
    if (trades.pricePrecision[i] > pricePrecision) pricePrecision = trades.pricePrecision[i];
    if (trades.sizePrecision[i] > sizePrecision) sizePrecision = trades.sizePrecision[i];
  }
  const aggregator = createBarAggregator(trades.instrumentId, spec, (bar) => bars.push(bar), {
    pricePrecision,
    sizePrecision,
  });
  const { price, size, tsEvent, tsInit } = trades;
  for (let i = 0; i < trades.length; i++) {
    aggregator.handleRaw(
      price[i] * POW10[pricePrecision - trades.pricePrecision[i]],
      size[i] * POW10[sizePrecision - trades.sizePrecision[i]],
      tsEvent[i],
      tsInit[i],
    );
  }
  if (Number.isFinite(untilUs) && trades.length > 0) aggregator.advanceTime(untilUs);
  return bars;
}
