import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { BarAggregator, BarHandler } from './bar-aggregator.js';
import { parseBarSpec, type BarSpec } from './bar-spec.js';
import { TickBarAggregator, ValueBarAggregator, VolumeBarAggregator } from './threshold-bar-aggregators.js';
import { TimeBarAggregator, type TimeBarOptions } from './time-bar-aggregator.js';

/**
 * The aggregator for a spec (text such as `1m` or `volume:1000`, or a parsed {@link BarSpec}).
 * Time-bar options are ignored by the other kinds.
 *
 * @throws InputError for a malformed spec.
 */
export function createBarAggregator(
  instrumentId: InstrumentId,
  spec: string | BarSpec,
  onBar: BarHandler,
  options: TimeBarOptions = {},
): BarAggregator {
  const parsed = typeof spec === 'string' ? parseBarSpec(spec) : spec;
  switch (parsed.kind) {
    case 'time':
      return new TimeBarAggregator(instrumentId, parsed, onBar, options);
    case 'tick':
      return new TickBarAggregator(instrumentId, parsed, onBar, options);
    case 'volume':
      return new VolumeBarAggregator(instrumentId, parsed, onBar, options);
    case 'value':
      return new ValueBarAggregator(instrumentId, parsed, onBar, options);
  }
}
