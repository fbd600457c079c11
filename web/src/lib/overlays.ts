/**
 * Indicator overlays of the candle chart, computed by the engine's own indicator library
 * (src/indicators: the code strategies and `quantflow ta` run, checked against TTR), so the page
 * draws exactly what a strategy reads. Only indicators on the price scale can be overlaid.
 */
import { runIndicator } from '../../../src/indicators/batch.js';
import { parseIndicatorSpec } from '../../../src/indicators/catalog/indicator-spec.js';
import type { Candle } from './candle-builder.js';

/** Indicators drawn on the price scale, and which of their outputs are lines on it. */
const PRICE_SCALE_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
  sma: ['value'],
  ema: ['value'],
  wilder: ['value'],
  wma: ['value'],
  dema: ['value'],
  tema: ['value'],
  hma: ['value'],
  zlema: ['value'],
  kama: ['value'],
  vwma: ['value'],
  vwap: ['value'],
  'session-vwap': ['value'],
  bbands: ['upper', 'middle', 'lower'],
  keltner: ['upper', 'middle', 'lower'],
  donchian: ['upper', 'middle', 'lower'],
  supertrend: ['value'],
  sar: ['value'],
};

/** What the overlay menu offers; any other spec of the indicators above can be typed. */
export const OVERLAY_PRESETS = [
  'sma(20)',
  'sma(50)',
  'ema(20)',
  'ema(50)',
  'bbands(20,2)',
  'keltner(20,2,10)',
  'donchian(20)',
  'vwap(20)',
  'supertrend(10,3)',
  'sar(0.02,0.2)',
] as const;

/** A line of an overlay: its label (`bbands(20,2).upper`) and points (time in seconds). */
export interface OverlayLine {
  readonly label: string;
  readonly points: { time: number; value: number }[];
}

/**
 * The canonical form of `spec` (`EMA( 20 )` → `ema(20)`, defaults filled in). Throws a
 * RangeError naming the spec and the problem: unknown name, bad argument, or an indicator that
 * is not on the price scale (RSI, MACD, ...: they have their own scales).
 */
export function normalizeOverlay(spec: string): string {
  const parsed = parseIndicatorSpec(spec);
  if (PRICE_SCALE_OUTPUTS[parsed.entry.name] === undefined)
    throw new RangeError(
      `indicator "${spec}": ${parsed.entry.name} is not drawn on the price scale; overlays: ${Object.keys(PRICE_SCALE_OUTPUTS).join(', ')}`,
    );
  return `${parsed.entry.name}(${parsed.args.join(',')})`;
}

/** Runs the overlay `spec` over `candles` (a fresh indicator each time); warm-up values are left out. */
export function computeOverlay(spec: string, candles: readonly Candle[]): OverlayLine[] {
  const parsed = parseIndicatorSpec(spec);
  const outputs = PRICE_SCALE_OUTPUTS[parsed.entry.name] ?? [];
  const result =
    parsed.entry.input === 'close'
      ? runIndicator(
          parsed.indicator,
          candles.map((c) => c.close),
        )
      : runIndicator(parsed.indicator, {
          open: candles.map((c) => c.open),
          high: candles.map((c) => c.high),
          low: candles.map((c) => c.low),
          close: candles.map((c) => c.close),
          volume: candles.map((c) => c.volume),
          time: candles.map((c) => c.time * 1_000_000),
        });
  return outputs.map((output) => {
    const column = result[output] ?? new Float64Array(0);
    const points: { time: number; value: number }[] = [];
    for (let i = 0; i < candles.length; i++) {
      const value = column[i] as number;
      if (Number.isFinite(value)) points.push({ time: candles[i]!.time, value });
    }
    return { label: outputs.length === 1 ? spec : `${spec}.${output}`, points };
  });
}
