/**
 * The catalog's instrument definitions (`instruments.json` in its root), in the same JSON format
 * as `--instruments` files, kept in the order instruments were first imported: backtests add them
 * in that order, which is the tie order of bars with equal timestamps.
 */
import { readFileSync } from 'node:fs';
import { parseInstrumentId, type InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import { currency } from '../../model/types/currency.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';

interface InstrumentEntry {
  id: string;
  tickSize: string;
  lotSize: string;
  currency: string;
  multiplier: number;
}

/** The JSON text of `instruments` (an array, one entry per line). */
export function formatCatalogInstruments(instruments: Iterable<Instrument>): string {
  const lines = [...instruments].map((i) => {
    const entry: InstrumentEntry = {
      id: i.id,
      tickSize: i.tickSize.toString(),
      lotSize: i.lotSize.toString(),
      currency: i.quoteCurrency.code,
      multiplier: i.multiplier,
    };
    return '  ' + JSON.stringify(entry);
  });
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}

/**
 * Reads the catalog's instruments file. The catalog wrote it, so anything malformed is corruption
 * and throws an `Error` naming the file.
 */
export function readCatalogInstruments(path: string): Map<InstrumentId, Instrument> {
  const entries = JSON.parse(readFileSync(path, 'utf8')) as InstrumentEntry[];
  if (!Array.isArray(entries)) throw new Error(`${path}: corrupt catalog: expected a JSON array`);
  const instruments = new Map<InstrumentId, Instrument>();
  for (const entry of entries) {
    const id = parseInstrumentId(entry.id);
    if (!id.ok) throw new Error(`${path}: corrupt catalog: bad instrument id ${JSON.stringify(entry.id)}`);
    instruments.set(id.value, {
      id: id.value,
      tickSize: Price.parse(entry.tickSize),
      lotSize: Quantity.parse(entry.lotSize),
      quoteCurrency: currency(entry.currency),
      multiplier: entry.multiplier,
    });
  }
  return instruments;
}

/** True when two definitions are the same (exact sizes, precisions included). */
export function sameInstrument(a: Instrument, b: Instrument): boolean {
  return (
    a.id === b.id &&
    a.tickSize.raw === b.tickSize.raw &&
    a.tickSize.precision === b.tickSize.precision &&
    a.lotSize.raw === b.lotSize.raw &&
    a.lotSize.precision === b.lotSize.precision &&
    a.quoteCurrency.code === b.quoteCurrency.code &&
    a.multiplier === b.multiplier
  );
}
