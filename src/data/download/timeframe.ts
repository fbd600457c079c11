/** Bar timeframes of `quantflow data download`: `<n>m`, `<n>h`, `<n>d` or `<n>w`. */

const UNIT_US: Record<string, number> = { m: 60_000_000, h: 3_600_000_000, d: 86_400_000_000, w: 604_800_000_000 };

/** A parsed timeframe: its count, unit letter and duration in µs. */
export interface Timeframe {
  readonly text: string;
  readonly count: number;
  readonly unit: 'm' | 'h' | 'd' | 'w';
  readonly us: number;
}

/** Parses `1m`, `15m`, `1h`, `1d`, `1w`; `undefined` for anything else. */
export function parseTimeframe(text: string): Timeframe | undefined {
  const match = /^([1-9]\d{0,3})([mhdw])$/.exec(text);
  if (match === null) return undefined;
  const count = Number(match[1]);
  const unit = match[2] as Timeframe['unit'];
  return { text, count, unit, us: count * UNIT_US[unit] };
}
