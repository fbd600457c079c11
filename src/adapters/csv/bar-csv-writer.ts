/**
 * Writes bars as CSV in the format `readBarsCsv` reads, exactly (decimal strings of the raw
 * integers, never floats).
 */
import { formatTimestampUs, US } from '../../core/clock.js';
import type { Bar } from '../../model/data/bar.js';

/** Options of {@link formatBarsCsv}. */
export interface BarCsvWriteOptions {
  /**
   * `iso` (default): full ISO-8601 UTC timestamps (`2024-01-02T09:30:00.000Z`, with microseconds
   * when present). `date`: `YYYY-MM-DD` only, for daily bars; every bar must then be at midnight UTC.
   */
  readonly timestamps?: 'iso' | 'date';
}

/**
 * Formats bars as CSV text: header `timestamp,open,high,low,close,volume`, one line per bar, each
 * line ending in `\n`. Prices and volumes are written with their exact decimals (`Price.toString()`).
 *
 * @throws RangeError with `timestamps: 'date'` when a bar is not at midnight UTC
 */
export function formatBarsCsv(bars: readonly Bar[], options: BarCsvWriteOptions = {}): string {
  const dateOnly = options.timestamps === 'date';
  const lines = new Array<string>(bars.length + 1);
  lines[0] = 'timestamp,open,high,low,close,volume';
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i];
    let ts: string;
    if (dateOnly) {
      if (bar.tsEvent % US.DAY !== 0) {
        throw new RangeError(`bar ${i} at ${formatTimestampUs(bar.tsEvent)} is not at midnight UTC`);
      }
      ts = formatTimestampUs(bar.tsEvent).slice(0, 10);
    } else {
      ts = formatTimestampUs(bar.tsEvent);
    }
    lines[i + 1] = `${ts},${bar.open},${bar.high},${bar.low},${bar.close},${bar.volume}`;
  }
  return lines.join('\n') + '\n';
}
