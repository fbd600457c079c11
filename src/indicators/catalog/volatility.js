import { Adx } from '../volatility/adx.js';
import { Aroon } from '../volatility/aroon.js';
import { Atr, Natr } from '../volatility/atr.js';
import { Bollinger } from '../volatility/bollinger.js';
import { Donchian } from '../volatility/donchian.js';
import { Ichimoku } from '../volatility/ichimoku.js';
import { Keltner } from '../volatility/keltner.js';
import { ParabolicSar } from '../volatility/parabolic-sar.js';
import { StdDev } from '../volatility/std-dev.js';
import { SuperTrend } from '../volatility/supertrend.js';
import { TrueRange } from '../volatility/true-range.js';
import { param } from './catalog-entry.js';
/** A 0/1 switch argument of a catalog spec. */
function flag(indicator, argument, value) {
  if (value !== 0 && value !== 1)
    throw new RangeError(`${indicator}(${argument}): must be 0 or 1, got ${value}`);
  return value === 1;
}
/** Volatility, channels and trend-strength indicators. */
export const VOLATILITY_ENTRIES = [
  {
    name: 'donchian',
    description: 'Donchian channel: highest high, lowest low and midpoint of the last N bars',
    input: 'candle',
    params: [param('period', 20, 'window length')],
    outputs: ['upper', 'middle', 'lower'],
    create: ([period]) => new Donchian(period),
  },
  {
    name: 'tr',
    description:
      'true range: max(high, previous close) − min(low, previous close); none for the first bar (as TTR)',
    input: 'candle',
    params: [],
    outputs: ['value'],
    scale: 'price units',
    create: () => new TrueRange(),
  },
  {
    name: 'atr',
    description:
      "average true range: Wilder's average of the true range, seeded with the mean of the first N",
    input: 'candle',
    params: [param('period', 14, 'smoothing length')],
    outputs: ['value'],
    scale: 'price units',
    create: ([period]) => new Atr(period),
  },
  {
    name: 'natr',
    description: 'normalized ATR: 100 · ATR / close',
    input: 'candle',
    params: [param('period', 14, 'ATR smoothing length')],
    outputs: ['value'],
    scale: 'percent of the close',
    create: ([period]) => new Natr(period),
  },
  {
    name: 'stddev',
    description: 'rolling standard deviation of closes over the last N bars',
    input: 'close',
    params: [
      param('period', 20, 'window length'),
      param('sample', 1, '1 = sample (divide by N−1), 0 = population (N)'),
    ],
    outputs: ['value'],
    scale: 'price units',
    create: ([period, sample]) => new StdDev(period, flag('stddev', 'sample', sample)),
  },
  {
    name: 'bbands',
    description: 'Bollinger bands: SMA ± multiplier · population standard deviation, with %B and bandwidth',
    input: 'close',
    params: [
      param('period', 20, 'window length'),
      param('multiplier', 2, 'band width in standard deviations', false),
    ],
    outputs: ['lower', 'middle', 'upper', 'percentB', 'bandwidth'],
    scale:
      'bands in price units; percentB 0 at the lower band, 1 at the upper; bandwidth (upper − lower)/middle',
    create: ([period, multiplier]) => new Bollinger(period, multiplier),
  },
  {
    name: 'keltner',
    description: 'Keltner channel: EMA of closes ± multiplier · ATR',
    input: 'candle',
    params: [
      param('period', 20, 'EMA length of the middle line'),
      param('multiplier', 2, 'band width in ATRs', false),
      param('atrPeriod', 10, 'ATR smoothing length'),
    ],
    outputs: ['lower', 'middle', 'upper'],
    scale: 'price units',
    create: ([period, multiplier, atrPeriod]) => new Keltner(period, multiplier, atrPeriod),
  },
  {
    name: 'adx',
    description: "Wilder's directional movement: ADX, +DI, −DI and DX (TTR's wilderSum seeding)",
    input: 'candle',
    params: [param('period', 14, 'smoothing length')],
    outputs: ['adx', 'plusDi', 'minusDi', 'dx'],
    scale: '0–100',
    create: ([period]) => new Adx(period),
  },
  {
    name: 'aroon',
    description:
      'Aroon up/down (bars since the highest high / lowest low in the last N+1 bars) and oscillator',
    input: 'candle',
    params: [param('period', 25, 'look-back length')],
    outputs: ['up', 'down', 'oscillator'],
    scale: 'up and down 0–100; oscillator −100–100',
    create: ([period]) => new Aroon(period),
  },
  {
    name: 'sar',
    description: 'parabolic stop and reverse: the stop for the next bar (textbook rules, or TTR-compatible)',
    input: 'candle',
    params: [
      param('step', 0.02, 'acceleration factor step (and start)', false),
      param('max', 0.2, 'acceleration factor maximum', false),
      param('ttr', 0, '1 = TTR-compatible mode (uncapped-factor quirk; initial gap 0)'),
    ],
    outputs: ['value'],
    scale: 'price units',
    create: ([step, max, ttr]) =>
      new ParabolicSar(step, max, { mode: flag('sar', 'ttr', ttr) ? 'ttr' : 'textbook' }),
  },
  {
    name: 'supertrend',
    description: 'SuperTrend: ATR trailing stop around (high + low)/2, with the trend direction',
    input: 'candle',
    params: [
      param('period', 10, 'ATR smoothing length'),
      param('multiplier', 3, 'band width in ATRs', false),
    ],
    outputs: ['value', 'direction'],
    scale: 'value in price units; direction +1 up, −1 down',
    create: ([period, multiplier]) => new SuperTrend(period, multiplier),
  },
  {
    name: 'ichimoku',
    description: 'Ichimoku: tenkan, kijun, senkou A/B and chikou, unshifted (values computed at each bar)',
    input: 'candle',
    params: [
      param('tenkan', 9, 'conversion line window'),
      param('kijun', 26, 'base line window; also the displacement'),
      param('senkouB', 52, 'leading span B window'),
    ],
    outputs: ['tenkan', 'kijun', 'senkouA', 'senkouB', 'chikou'],
    scale: 'price units; senkou A/B belong kijun bars ahead, chikou kijun bars back',
    create: ([tenkan, kijun, senkouB]) => new Ichimoku(tenkan, kijun, senkouB),
  },
];
//# sourceMappingURL=volatility.js.map
