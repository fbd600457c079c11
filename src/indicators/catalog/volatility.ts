import { Donchian } from '../volatility/donchian.js';
import { param, type CatalogEntry } from './catalog-entry.js';

/** Volatility, channels and trend-strength indicators. */
export const VOLATILITY_ENTRIES: readonly CatalogEntry[] = [
  {
    name: 'donchian',
    description: 'Donchian channel: highest high, lowest low and midpoint of the last N bars',
    input: 'candle',
    params: [param('period', 20, 'window length')],
    outputs: ['upper', 'middle', 'lower'],
    create: ([period]) => new Donchian(period),
  },
];
