import { Rsi } from '../momentum/rsi.js';
import { param, type CatalogEntry } from './catalog-entry.js';

/** Momentum oscillators. */
export const MOMENTUM_ENTRIES: readonly CatalogEntry[] = [
  {
    name: 'rsi',
    description: 'relative strength index (Wilder smoothing)',
    input: 'close',
    params: [param('period', 14, 'smoothing length')],
    outputs: ['value'],
    scale: '0–100',
    create: ([period]) => new Rsi(period),
  },
];
