import { Cci } from '../momentum/cci.js';
import { Kst, KST_DEFAULTS } from '../momentum/kst.js';
import { Macd } from '../momentum/macd.js';
import { Momentum } from '../momentum/momentum.js';
import { Roc } from '../momentum/roc.js';
import { Rsi } from '../momentum/rsi.js';
import { StochRsi } from '../momentum/stoch-rsi.js';
import { Stochastic } from '../momentum/stochastic.js';
import { Trix } from '../momentum/trix.js';
import { WilliamsR } from '../momentum/williams-r.js';
import { param } from './catalog-entry.js';
/** Momentum oscillators. */
export const MOMENTUM_ENTRIES = [
  {
    name: 'rsi',
    description: 'relative strength index (Wilder smoothing)',
    input: 'close',
    params: [param('period', 14, 'smoothing length')],
    outputs: ['value'],
    scale: '0–100',
    create: ([period]) => new Rsi(period),
  },
  {
    name: 'macd',
    description:
      'moving average convergence/divergence: EMA(fast) − EMA(slow), its EMA signal and the histogram',
    input: 'close',
    params: [
      param('fast', 12, 'fast EMA length (less than slow)'),
      param('slow', 26, 'slow EMA length'),
      param('signal', 9, 'EMA length of the signal line'),
    ],
    outputs: ['macd', 'signal', 'histogram'],
    scale: 'price units',
    create: ([fast, slow, signal]) => new Macd(fast, slow, signal),
  },
  {
    name: 'stoch',
    description:
      'stochastic oscillator: fast %K of the high–low range, fast %D = SMA(%K), slow %D = SMA(fast %D)',
    input: 'candle',
    params: [
      param('k', 14, 'high–low window of %K'),
      param('d', 3, 'SMA length of fast %D'),
      param('slowD', 3, 'SMA length of slow %D'),
    ],
    outputs: ['k', 'd', 'slowD'],
    scale: '0–100',
    create: ([k, d, slowD]) => new Stochastic(k, d, slowD),
  },
  {
    name: 'stochrsi',
    description: 'stochastic RSI: the stochastic of RSI values, smoothed %K and %D',
    input: 'close',
    params: [
      param('rsiPeriod', 14, 'RSI length'),
      param('stochPeriod', 14, 'window of RSI values for the min/max'),
      param('k', 3, 'SMA length of %K (1: unsmoothed)'),
      param('d', 3, 'SMA length of %D'),
    ],
    outputs: ['k', 'd'],
    scale: '0–100',
    create: ([rsiPeriod, stochPeriod, k, d]) => new StochRsi(rsiPeriod, stochPeriod, k, d),
  },
  {
    name: 'willr',
    description: 'Williams %R: close relative to the high–low range, 0 at the high, −100 at the low',
    input: 'candle',
    params: [param('period', 14, 'high–low window')],
    outputs: ['value'],
    scale: '−100–0',
    create: ([period]) => new WilliamsR(period),
  },
  {
    name: 'cci',
    description: 'commodity channel index of the typical price (H+L+C)/3, 0.015 constant',
    input: 'candle',
    params: [param('period', 20, 'window length')],
    outputs: ['value'],
    scale: 'unbounded, mostly ±100',
    create: ([period]) => new Cci(period),
  },
  {
    name: 'roc',
    description: 'rate of change 100·(C / C[period] − 1); closes must be positive',
    input: 'close',
    params: [param('period', 10, 'look-back in bars')],
    outputs: ['value'],
    scale: '%',
    create: ([period]) => new Roc(period),
  },
  {
    name: 'mom',
    description: 'momentum C − C[period]',
    input: 'close',
    params: [param('period', 10, 'look-back in bars')],
    outputs: ['value'],
    scale: 'price units',
    create: ([period]) => new Momentum(period),
  },
  {
    name: 'trix',
    description: '1-bar % change of a triple EMA, and its EMA signal; closes must be positive',
    input: 'close',
    params: [
      param('period', 15, 'length of each of the three EMAs'),
      param('signal', 9, 'EMA length of the signal'),
    ],
    outputs: ['trix', 'signal'],
    scale: '%',
    create: ([period, signal]) => new Trix(period, signal),
  },
  {
    name: 'kst',
    description:
      "Know Sure Thing (TTR's KST): 100·Σ w·SMA(log ROC), weights 1–4, and its SMA signal; closes must be positive",
    input: 'close',
    params: [
      ...KST_DEFAULTS.roc.map((p, i) =>
        param(`roc${i + 1}`, p, `look-back of log ROC ${i + 1} (weight ${i + 1})`),
      ),
      ...KST_DEFAULTS.sma.map((p, i) => param(`sma${i + 1}`, p, `SMA length of ROC ${i + 1}`)),
      param('signal', KST_DEFAULTS.signal, 'SMA length of the signal'),
    ],
    outputs: ['kst', 'signal'],
    scale: '% (log change ×100, weighted)',
    create: (args) => new Kst(args.slice(0, 4), args.slice(4, 8), args[8]),
  },
];
//# sourceMappingURL=momentum.js.map
