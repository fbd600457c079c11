/**
 * Moves whole columns of numbers between typed arrays and DuckDB data chunks.
 *
 * `@duckdb/node-api` exposes a vector's values one at a time (`getItem`/`setItem`); at millions
 * of values that per-value call dominates a catalog read (an instrument-month is 300,000+
 * values). Its fixed-width vectors keep their values in a typed array (`items`) over the vector's
 * memory, so when that array is there, of the expected kind, a column is copied with one
 * `TypedArray.set`; otherwise (another version of the library) the per-value path gives the same
 * result, only slower. Columns written here are never NULL, so validity masks are not consulted.
 */
import type { DuckDBVector } from '@duckdb/node-api';

type NumberArray = Float64Array | Uint8Array;

function itemsOf(vector: DuckDBVector, like: NumberArray, count: number): NumberArray | undefined {
  const items = (vector as unknown as { items?: unknown }).items;
  if (items instanceof Float64Array && like instanceof Float64Array && items.length >= count) return items;
  if (items instanceof Uint8Array && like instanceof Uint8Array && items.length >= count) return items;
  return undefined;
}

/** Copies `count` values of a DuckDB vector (DOUBLE or UTINYINT) into `target` at `offset`. */
export function readVector(vector: DuckDBVector, target: NumberArray, offset: number, count: number): void {
  const items = itemsOf(vector, target, count);
  if (items !== undefined) {
    target.set(count === items.length ? items : items.subarray(0, count), offset);
    return;
  }
  for (let i = 0; i < count; i++) {
    const value = vector.getItem(i);
    if (typeof value !== 'number') throw new Error(`unexpected catalog value ${String(value)} in row ${i}`);
    target[offset + i] = value;
  }
}

/**
 * Writes `source[start, start + count)` into a DuckDB vector (DOUBLE or UTINYINT) of a chunk
 * sized to `count` rows, and flushes it to the chunk.
 */
export function writeVector(vector: DuckDBVector, source: NumberArray, start: number, count: number): void {
  const items = itemsOf(vector, source, count);
  if (items !== undefined) {
    items.set(source.subarray(start, start + count));
  } else {
    const writable = vector as DuckDBVector<number>;
    for (let i = 0; i < count; i++) writable.setItem(i, source[start + i]);
  }
  vector.flush();
}
