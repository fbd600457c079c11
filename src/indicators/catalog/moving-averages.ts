import { Ema } from '../trend/ema.js';
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
  {
    name: 'ema',
    description: 'exponential moving average, α = 2/(period+1), seeded with the SMA of the first period closes',
    input: 'close',
    params: [param('period', 20, 'smoothing length')],
    outputs: ['value'],
    create: ([period]) => new Ema(period),
  },
  {
    name: 'wilder',
    description: "Wilder's moving average (RMA/SMMA), α = 1/period, seeded with the SMA of the first period closes",
    input: 'close',
    params: [param('period', 14, 'smoothing length')],
    outputs: ['value'],
    create: ([period]) => new Ema(period, true),
  },
];
