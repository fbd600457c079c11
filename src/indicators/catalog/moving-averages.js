import { RollingMax, RollingMin } from '../helpers/rolling-min-max.js';
import { RollingMean } from '../helpers/rolling-mean.js';
import { RollingSum } from '../helpers/rolling-sum.js';
import { Dema } from '../trend/dema.js';
import { Ema } from '../trend/ema.js';
import { Hma } from '../trend/hma.js';
import { Kama } from '../trend/kama.js';
import { Sma } from '../trend/sma.js';
import { Tema } from '../trend/tema.js';
import { Vwma } from '../trend/vwma.js';
import { Wma } from '../trend/wma.js';
import { Zlema } from '../trend/zlema.js';
import { param } from './catalog-entry.js';
/** Moving averages and rolling helpers. */
export const MOVING_AVERAGE_ENTRIES = [
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
    description:
      'exponential moving average, α = 2/(period+1), seeded with the SMA of the first period closes',
    input: 'close',
    params: [param('period', 20, 'smoothing length')],
    outputs: ['value'],
    create: ([period]) => new Ema(period),
  },
  {
    name: 'wilder',
    description:
      "Wilder's moving average (RMA/SMMA), α = 1/period, seeded with the SMA of the first period closes",
    input: 'close',
    params: [param('period', 14, 'smoothing length')],
    outputs: ['value'],
    create: ([period]) => new Ema(period, true),
  },
  {
    name: 'wma',
    description: 'linearly weighted moving average of closes, weights 1..period (newest weighted period)',
    input: 'close',
    params: [param('period', 20, 'window length')],
    outputs: ['value'],
    create: ([period]) => new Wma(period),
  },
  {
    name: 'dema',
    description: 'double exponential moving average, 2·EMA − EMA(EMA); ready after 2·period − 1 closes',
    input: 'close',
    params: [param('period', 20, 'smoothing length of each EMA')],
    outputs: ['value'],
    create: ([period]) => new Dema(period),
  },
  {
    name: 'tema',
    description: 'triple exponential moving average, 3·EMA1 − 3·EMA2 + EMA3; ready after 3·period − 2 closes',
    input: 'close',
    params: [param('period', 20, 'smoothing length of each EMA')],
    outputs: ['value'],
    create: ([period]) => new Tema(period),
  },
  {
    name: 'hma',
    description:
      'Hull moving average, WMA(2·WMA(n/2) − WMA(n), √n); ready after period + ⌊√period⌋ − 1 closes',
    input: 'close',
    params: [param('period', 20, 'window length (≥ 2)')],
    outputs: ['value'],
    create: ([period]) => new Hma(period),
  },
  {
    name: 'zlema',
    description: "zero-lag EMA of 2·close − close lagged (period+1)/2 bars, as TTR's ZLEMA",
    input: 'close',
    params: [param('period', 20, 'smoothing length')],
    outputs: ['value'],
    create: ([period]) => new Zlema(period),
  },
  {
    name: 'kama',
    description:
      "Kaufman's adaptive moving average (efficiency-ratio smoothing); ready after period + 1 closes",
    input: 'close',
    params: [
      param('period', 10, 'efficiency-ratio window (changes)'),
      param('fast', 2, 'fastest EMA length, used when the market trends'),
      param('slow', 30, 'slowest EMA length, used when the market is flat'),
    ],
    outputs: ['value'],
    create: ([period, fast, slow]) => new Kama(period, fast, slow),
  },
  {
    name: 'vwma',
    description: 'volume-weighted moving average of closes, Σ(close·volume)/Σvolume over the window',
    input: 'candle',
    params: [param('period', 20, 'window length')],
    outputs: ['value'],
    create: ([period]) => new Vwma(period),
  },
  {
    name: 'sum',
    description: 'rolling sum of closes over the window',
    input: 'close',
    params: [param('period', 20, 'window length')],
    outputs: ['value'],
    create: ([period]) => new RollingSum(period),
  },
  {
    name: 'mean',
    description: 'rolling mean of closes over the window (same values as sma)',
    input: 'close',
    params: [param('period', 20, 'window length')],
    outputs: ['value'],
    create: ([period]) => new RollingMean(period),
  },
  {
    name: 'min',
    description: 'rolling minimum of closes over the window, current bar included',
    input: 'close',
    params: [param('period', 20, 'window length')],
    outputs: ['value'],
    create: ([period]) => new RollingMin(period),
  },
  {
    name: 'max',
    description: 'rolling maximum of closes over the window, current bar included',
    input: 'close',
    params: [param('period', 20, 'window length')],
    outputs: ['value'],
    create: ([period]) => new RollingMax(period),
  },
];
//# sourceMappingURL=moving-averages.js.map
