import { Sma } from '../trend/sma.js';
import { param, type CatalogEntry } from './catalog-entry.js';

/** Moving averages and rolling helpers. */
export const MOVING_AVERAGE_ENTRIES: readonly CatalogEntry[] = [
  {
    name: 'sma',
    description: 'simple moving average of closes',
    input: 'close',
    params: [param('period', 20, 'window length')],
    outputs: ['value'],
    create: ([period]) => new Sma(period),
  },
];
