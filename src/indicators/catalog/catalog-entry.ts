import type { Candle, Indicator } from '../indicator.js';

/** One parameter of an indicator, as `quantflow ta` and the docs show it. */
export interface ParamSpec {
  readonly name: string;
  readonly default: number;
  /** True for periods and counts (must be integers). */
  readonly integer: boolean;
  readonly description: string;
}

/** How an indicator is created from a spec such as `macd(12,26,9)`, and what it outputs. */
export interface CatalogEntry {
  /** Spec name, lower case: `sma`, `macd`, `bbands`. */
  readonly name: string;
  readonly description: string;
  /** `close`: fed bar closes; `candle`: fed whole bars (OHLCV). */
  readonly input: 'close' | 'candle';
  readonly params: readonly ParamSpec[];
  /** Output field names in column order (`value` for single-output indicators). */
  readonly outputs: readonly string[];
  /** Scale note for the docs, e.g. `0–100`. */
  readonly scale?: string;
  /** Builds the indicator; `args` has one number per param (defaults filled in). */
  create(args: readonly number[]): Indicator<number, unknown> | Indicator<Candle, unknown>;
}

/** Shorthand for a parameter spec. */
export function param(name: string, defaultValue: number, description: string, integer = true): ParamSpec {
  return { name, default: defaultValue, integer, description };
}
