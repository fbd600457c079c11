/**
 * TTR 0.24.3 reference outputs on the `ttrc` series (copied from ../shared/reference into
 * test/fixtures/ttr; REFERENCE.md there gives the exact semantics). Loads the series and a
 * reference file, and compares an indicator's output with TTR's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/fixtures/ttr, found from this file in test/support or dist/test/support. */
const FIXTURES = findFixtures();

function findFixtures(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'test', 'fixtures', 'ttr');
    try {
      readFileSync(join(candidate, 'ttrc.csv'));
      return candidate;
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error('cannot find test/fixtures/ttr');
}

/** Reads a TTR CSV: one Float64Array per column (NaN where the field is empty = NA). */
export function readTtrCsv(file: string): Record<string, Float64Array> {
  const [header, ...lines] = readFileSync(join(FIXTURES, file), 'utf8').trimEnd().split('\n');
  const names = header.split(',');
  const columns: Record<string, Float64Array> = {};
  for (const name of names.slice(1)) columns[name] = new Float64Array(lines.length);
  lines.forEach((line, row) => {
    const fields = line.split(',');
    for (let c = 1; c < names.length; c++)
      columns[names[c]][row] = fields[c] === '' ? NaN : Number(fields[c]);
  });
  return columns;
}

/** The ttrc OHLCV series (5,550 daily bars). */
export const TTRC = readTtrCsv('ttrc.csv') as {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
};

/**
 * Asserts `actual` equals TTR's `expected`: the same NA (NaN) rows, and
 * |a − b| ≤ 1e-8·|b| + 1e-10 elsewhere (REFERENCE.md §2). `scale` converts TTR's scale to
 * ours first (e.g. 100 for stochastics, −100 for Williams %R). Names the first bad row.
 */
export function assertMatchesTtr(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  label: string,
  scale = 1,
  offset = 0,
): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const b = expected[i] * scale + offset;
    const a = actual[i];
    if (Number.isNaN(b) || Number.isNaN(a)) {
      assert.ok(
        Number.isNaN(a) && Number.isNaN(b),
        `${label}: row ${i + 1} (1-based): ours ${a}, TTR ${b} (NA pattern differs)`,
      );
      continue;
    }
    assert.ok(
      Math.abs(a - b) <= 1e-8 * Math.abs(b) + 1e-10,
      `${label}: row ${i + 1} (1-based): ours ${a}, TTR ${b}`,
    );
  }
}
