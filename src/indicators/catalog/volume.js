import { AccumulationDistribution } from '../volume/accumulation-distribution.js';
import { Cmf } from '../volume/cmf.js';
import { Mfi } from '../volume/mfi.js';
import { Obv } from '../volume/obv.js';
import { RollingVwap } from '../volume/rolling-vwap.js';
import { SessionVwap } from '../volume/session-vwap.js';
import { WilliamsAd } from '../volume/williams-ad.js';
import { param } from './catalog-entry.js';
/** Volume-based indicators (docs/indicators/volume.md). */
export const VOLUME_ENTRIES = [
  {
    name: 'obv',
    description:
      'on-balance volume: running total of ±volume by the direction of the close; starts at the first volume',
    input: 'candle',
    params: [],
    outputs: ['value'],
    scale: 'cumulative volume (level arbitrary; read its changes)',
    create: () => new Obv(),
  },
  {
    name: 'mfi',
    description: 'money flow index: volume-weighted RSI of the typical price (H+L+C)/3',
    input: 'candle',
    params: [param('period', 14, 'window length (ready after period + 1 bars)')],
    outputs: ['value'],
    scale: '0–100',
    create: ([period]) => new Mfi(period),
  },
  {
    name: 'cmf',
    description: 'Chaikin money flow: Σ(CLV·volume)/Σvolume over the window; 0 without volume',
    input: 'candle',
    params: [param('period', 20, 'window length')],
    outputs: ['value'],
    scale: '−1…+1',
    create: ([period]) => new Cmf(period),
  },
  {
    name: 'ad',
    description: 'Chaikin accumulation/distribution line: running total of CLV·volume',
    input: 'candle',
    params: [],
    outputs: ['value'],
    scale: 'cumulative volume (level arbitrary; read its changes)',
    create: () => new AccumulationDistribution(),
  },
  {
    name: 'wad',
    description:
      "Williams' accumulation/distribution: running total of the close minus the true low (up) or true high (down)",
    input: 'candle',
    params: [],
    outputs: ['value'],
    scale: 'cumulative price (level arbitrary; read its changes)',
    create: () => new WilliamsAd(),
  },
  {
    name: 'vwap',
    description:
      'rolling VWAP: Σ(close·volume)/Σvolume over the last N bars (mean close if the window has no volume)',
    input: 'candle',
    params: [param('period', 20, 'window length')],
    outputs: ['value'],
    scale: 'price',
    create: ([period]) => new RollingVwap(period),
  },
  {
    name: 'session-vwap',
    description: 'session VWAP of the typical price, restarting at each session start (needs bar times)',
    input: 'candle',
    params: [param('sessionStartUtcMinutes', 0, 'session start, minutes after midnight UTC (870 = 14:30)')],
    outputs: ['value'],
    scale: 'price',
    create: ([start]) => new SessionVwap(start),
  },
];
//# sourceMappingURL=volume.js.map
