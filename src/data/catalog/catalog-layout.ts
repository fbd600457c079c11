/**
 * Where the catalog keeps what, on disk (see docs/catalog.md):
 *
 * ```
 * DIR/instruments.json
 * DIR/bars/instrument_id=<id>/month=<YYYY-MM>/data.parquet
 * DIR/trades/instrument_id=<id>/date=<YYYY-MM-DD>/data.parquet
 * DIR/quotes/instrument_id=<id>/date=<YYYY-MM-DD>/data.parquet
 * ```
 *
 * Each kind of data is partitioned by instrument and then by a calendar period (UTC) of
 * `tsEvent`, sized so that a common query reads one file whole and a re-import rewrites only
 * the periods it touches: bars by month (≤ 44,640 one-minute bars), ticks by day (a liquid
 * market prints millions of trades a day; a month would make every merge rewrite 100 M rows).
 */
import { join } from 'node:path';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';

/** Name of the instrument definitions file in the catalog's root. */
export const INSTRUMENTS_FILE = 'instruments.json';
/** Name of every partition's Parquet file. */
export const PARTITION_FILE = 'data.parquet';

/** A period of time holding one partition file: `[startUs, endUs)`, named `key`. */
export interface Partition {
  /** `YYYY-MM` for a month, `YYYY-MM-DD` for a day. */
  readonly key: string;
  readonly startUs: number;
  readonly endUs: number;
}

/** How a kind of data is cut into periods; `column` is the Hive partition column's name. */
export interface Partitioning {
  readonly column: 'month' | 'date';
  /** The period that holds the µs timestamp `us`. */
  of(us: number): Partition;
  /** The period named by a partition folder (`month=2024-01`), or `undefined` for other names. */
  parse(folder: string): Partition | undefined;
}

const DAY_US = 86_400_000_000;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function month(year: number, m: number): Partition {
  return {
    key: `${pad(year, 4)}-${pad(m, 2)}`,
    startUs: Date.UTC(year, m - 1, 1) * 1000,
    endUs: Date.UTC(year, m, 1) * 1000,
  };
}

/** Calendar months (UTC). */
export const MONTHLY: Partitioning = {
  column: 'month',
  of(us) {
    const date = new Date(Math.floor(us / 1000));
    return month(date.getUTCFullYear(), date.getUTCMonth() + 1);
  },
  parse(folder) {
    const m = /^month=(\d{4})-(\d{2})$/.exec(folder);
    if (m === null) return undefined;
    const n = Number(m[2]);
    return n >= 1 && n <= 12 ? month(Number(m[1]), n) : undefined;
  },
};

/** Calendar days (UTC). */
export const DAILY: Partitioning = {
  column: 'date',
  of(us) {
    const startUs = Math.floor(us / DAY_US) * DAY_US;
    const date = new Date(startUs / 1000);
    const key = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
    return { key, startUs, endUs: startUs + DAY_US };
  },
  parse(folder) {
    const m = /^date=(\d{4})-(\d{2})-(\d{2})$/.exec(folder);
    if (m === null) return undefined;
    const day = DAILY.of(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) * 1000);
    // `Date.UTC` rolls 2024-02-30 over to March: only a real date names itself.
    return day.key === folder.slice(5) ? day : undefined;
  },
};

/** The kinds of data of a catalog, each in its own top folder. */
export type CatalogKind = 'bars' | 'trades' | 'quotes';

/** The folder holding an instrument's partitions of one kind. Ids may hold `/`, hence the encoding. */
export function instrumentDir(root: string, kind: CatalogKind, id: InstrumentId): string {
  return join(root, kind, `instrument_id=${encodeURIComponent(id)}`);
}

/** The Parquet file of one instrument-period. */
export function partitionFile(
  root: string,
  kind: CatalogKind,
  id: InstrumentId,
  partitioning: Partitioning,
  partition: Partition,
): string {
  return join(instrumentDir(root, kind, id), `${partitioning.column}=${partition.key}`, PARTITION_FILE);
}
