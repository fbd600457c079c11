/**
 * Where the catalog keeps what, on disk (see docs/catalog.md):
 *
 * ```
 * DIR/instruments.json
 * DIR/bars/instrument_id=<id>/month=<YYYY-MM>/data.parquet
 * ```
 *
 * One Parquet file per instrument and calendar month (UTC): one instrument-month of 1-minute bars
 * (≤ 44,640 rows) is one file read whole, and a re-import rewrites only the months it touches.
 */
import { join } from 'node:path';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';

/** Name of the instrument definitions file in the catalog's root. */
export const INSTRUMENTS_FILE = 'instruments.json';
/** Name of every bar partition's Parquet file. */
export const PARTITION_FILE = 'data.parquet';

const MONTH_DIR = /^month=(\d{4})-(\d{2})$/;

/** A calendar month (UTC): `year` and `month` 1..12. */
export interface Month {
  readonly year: number;
  readonly month: number;
}

/** The folder holding an instrument's bar partitions. Ids may hold `/`, hence the encoding. */
export function barInstrumentDir(root: string, id: InstrumentId): string {
  return join(root, 'bars', `instrument_id=${encodeURIComponent(id)}`);
}

/** `YYYY-MM` of a month. */
export function monthKey({ year, month }: Month): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The Parquet file of one instrument-month. */
export function barPartitionFile(root: string, id: InstrumentId, month: Month): string {
  return join(barInstrumentDir(root, id), `month=${monthKey(month)}`, PARTITION_FILE);
}

/** The month (UTC) that holds the µs timestamp `us`. */
export function monthOf(us: number): Month {
  const date = new Date(Math.floor(us / 1000));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

/** The first µs of a month (UTC). */
export function monthStartUs({ year, month }: Month): number {
  return Date.UTC(year, month - 1, 1) * 1000;
}

/** The first µs of the month after. */
export function monthEndUs({ year, month }: Month): number {
  return Date.UTC(year, month, 1) * 1000;
}

/** The month named by a partition folder (`month=2024-01`), or `undefined` for other names. */
export function parseMonthDir(name: string): Month | undefined {
  const m = MONTH_DIR.exec(name);
  if (m === null) return undefined;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : undefined;
}
