/**
 * Moves whole columns between JS arrays and DuckDB: typed arrays for numbers, string arrays for
 * text. The catalog's tables are described once as {@link ColumnDef}s; staging into DuckDB
 * ({@link stageColumns}) and copying a result out ({@link copyResult}) work from that description.
 *
 * `@duckdb/node-api` exposes a vector's values one at a time (`getItem`/`setItem`); at millions
 * of values that per-value call dominates a catalog read (an instrument-month is 300,000+
 * values). Its fixed-width vectors keep their values in a typed array (`items`) over the vector's
 * memory, so when that array is there, of the expected kind, a column is copied with one
 * `TypedArray.set`; otherwise (another version of the library) the per-value path gives the same
 * result, only slower. Text has no such array and always goes value by value. Columns written
 * here are never NULL, so validity masks are not consulted.
 */
import {
  DOUBLE,
  DuckDBDataChunk,
  UTINYINT,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBMaterializedResult,
  type DuckDBVector,
} from '@duckdb/node-api';

/** One column's values in JS. */
export type ColumnData = Float64Array | Uint8Array | string[];

/**
 * What a column holds: `int` an exact integer (raw price, size, µs; a Float64Array in JS, exact
 * up to 2^53; BIGINT on disk), `u8` a small code or precision (Uint8Array; UTINYINT), `text` a
 * string (VARCHAR).
 */
export type ColumnKind = 'int' | 'u8' | 'text';

/** A column of a catalog table. */
export interface ColumnDef {
  readonly name: string;
  readonly kind: ColumnKind;
}

/** Rows per DuckDB data chunk (DuckDB's standard vector size). */
const CHUNK_ROWS = 2048;

/**
 * Integers are staged in DuckDB as DOUBLE (the typed arrays' type: exact for safe integers) and
 * cast to BIGINT on the way to disk, by DuckDB's vectorized cast rather than a JS BigInt per value.
 */
const STAGED_TYPE = { int: 'DOUBLE', u8: 'UTINYINT', text: 'VARCHAR' } as const;
/** How each kind is stored in Parquet. */
export const STORED_TYPE = { int: 'BIGINT', u8: 'UTINYINT', text: 'VARCHAR' } as const;
const CHUNK_TYPE = { int: DOUBLE, u8: UTINYINT, text: VARCHAR } as const;

/** Empty JS storage for `length` values of a column. */
export function allocateColumn(kind: ColumnKind, length: number): ColumnData {
  if (kind === 'int') return new Float64Array(length);
  if (kind === 'u8') return new Uint8Array(length);
  return new Array<string>(length).fill('');
}

/** `SELECT` list reading stored columns back in the staged types (integers as DOUBLE: one memcpy). */
export function readSelect(columns: readonly ColumnDef[]): string {
  return columns.map((c) => (c.kind === 'int' ? `CAST(${c.name} AS DOUBLE) AS ${c.name}` : c.name)).join(', ');
}

/** `SELECT` list casting staged columns to their stored types. */
export function storedSelect(columns: readonly ColumnDef[]): string {
  return columns.map((c) => `CAST(${c.name} AS ${STORED_TYPE[c.kind]}) AS ${c.name}`).join(', ');
}

/**
 * Creates (or replaces) table `table` with `columns` and loads `sources[k][0, length)` into it
 * through an appender, one chunk at a time. Row order is kept (DuckDB preserves insertion order).
 */
export async function stageColumns(
  connection: DuckDBConnection,
  table: string,
  columns: readonly ColumnDef[],
  sources: readonly ColumnData[],
  length: number,
): Promise<void> {
  const definition = columns.map((c) => `${c.name} ${STAGED_TYPE[c.kind]}`).join(', ');
  await connection.run(`CREATE OR REPLACE TABLE ${table} (${definition})`);
  const appender = await connection.createAppender(table);
  const chunk = DuckDBDataChunk.create(columns.map((c) => CHUNK_TYPE[c.kind]));
  for (let start = 0; start < length; start += CHUNK_ROWS) {
    const count = Math.min(CHUNK_ROWS, length - start);
    chunk.rowCount = count;
    for (let k = 0; k < sources.length; k++) writeVector(chunk.getColumnVector(k), sources[k], start, count);
    appender.appendDataChunk(chunk);
    chunk.reset();
  }
  appender.closeSync();
}

/** Copies every row of a materialized result (columns in the order of `targets`) into `targets`. */
export function copyResult(result: DuckDBMaterializedResult, targets: readonly ColumnData[]): void {
  let offset = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const count = chunk.rowCount;
    for (let k = 0; k < targets.length; k++) readVector(chunk.getColumnVector(k), targets[k], offset, count);
    offset += count;
  }
}

function itemsOf(vector: DuckDBVector, like: ColumnData, count: number): Float64Array | Uint8Array | undefined {
  const items = (vector as unknown as { items?: unknown }).items;
  if (items instanceof Float64Array && like instanceof Float64Array && items.length >= count) return items;
  if (items instanceof Uint8Array && like instanceof Uint8Array && items.length >= count) return items;
  return undefined;
}

/** Copies `count` values of a DuckDB vector (DOUBLE, UTINYINT or VARCHAR) into `target` at `offset`. */
export function readVector(vector: DuckDBVector, target: ColumnData, offset: number, count: number): void {
  const items = itemsOf(vector, target, count);
  if (items !== undefined) {
    (target as Float64Array | Uint8Array).set(count === items.length ? items : items.subarray(0, count), offset);
    return;
  }
  const text = Array.isArray(target);
  for (let i = 0; i < count; i++) {
    const value = vector.getItem(i);
    if (typeof value !== (text ? 'string' : 'number'))
      throw new Error(`unexpected catalog value ${String(value)} in row ${i}`);
    target[offset + i] = value as never;
  }
}

/**
 * Writes `source[start, start + count)` into a DuckDB vector (DOUBLE, UTINYINT or VARCHAR) of a
 * chunk sized to `count` rows, and flushes it to the chunk.
 */
export function writeVector(vector: DuckDBVector, source: ColumnData, start: number, count: number): void {
  const items = itemsOf(vector, source, count);
  if (items !== undefined) {
    items.set((source as Float64Array | Uint8Array).subarray(start, start + count));
  } else {
    const writable = vector as DuckDBVector<number | string>;
    for (let i = 0; i < count; i++) writable.setItem(i, source[start + i]);
  }
  vector.flush();
}

/** The rows `i` with `keep[i] === 1` of every column, in order; `kept` is how many there are. */
export function selectRows(columns: readonly ColumnData[], keep: Uint8Array, kept: number): ColumnData[] {
  return columns.map((column) => {
    const out = Array.isArray(column) ? new Array<string>(kept) : new (column.constructor as Float64ArrayConstructor)(kept);
    for (let i = 0, j = 0; i < keep.length; i++) if (keep[i] === 1) out[j++] = column[i] as never;
    return out;
  });
}
