import { Bar } from '../../src/model/data/bar.js';
import { instrumentId, type InstrumentId } from '../../src/model/identifiers/instrument-id.js';
import { simpleInstrument, type Instrument } from '../../src/model/instruments/instrument.js';
import { currency } from '../../src/model/types/currency.js';
import { Price } from '../../src/model/types/price.js';
import { Quantity } from '../../src/model/types/quantity.js';

export const USD = currency('USD');
export const DAY_US = 86_400_000_000;
/** 2024-01-01T00:00:00Z in µs. */
export const T0 = 1_704_067_200_000_000;

/** An instrument `SYMBOL.SIM` with a 0.01 tick and whole-unit lots. */
export function testInstrument(symbol = 'TEST'): Instrument {
  return simpleInstrument(instrumentId(symbol, 'SIM'), USD, 2, 0);
}

/** Daily bars from [open, high, low, close] tuples (decimal numbers, 2 decimals), one day apart from T0. */
export function dailyBars(
  id: InstrumentId,
  ohlc: readonly (readonly [number, number, number, number])[],
  startUs = T0,
): Bar[] {
  return ohlc.map(([o, h, l, c], i) => {
    const ts = startUs + i * DAY_US;
    const p = (v: number): Price => Price.fromNumber(v, 2);
    return Bar.of(id, p(o), p(h), p(l), p(c), Quantity.fromRaw(1000, 0), ts, ts);
  });
}

/** Bars whose open, high, low and close all equal the given closes. */
export function flatBars(id: InstrumentId, closes: readonly number[], startUs = T0): Bar[] {
  return dailyBars(
    id,
    closes.map((c) => [c, c, c, c] as const),
    startUs,
  );
}
