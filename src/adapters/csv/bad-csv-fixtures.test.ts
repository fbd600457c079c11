/**
 * The malformed files in `test/fixtures/bad-csv/` fail exactly as `expected-errors.json` there says
 * (the CLI tests rely on both).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../core/input-error.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { readBarsCsv } from './bar-csv-reader.js';
import { readInstrumentsFile } from './instrument-file.js';

/** The repository root: the nearest folder above this file with a package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found');
    dir = parent;
  }
  return dir;
}

interface Expected {
  readonly file: string;
  readonly line?: number;
  readonly column?: string;
  readonly instrument?: string;
  readonly contains: string;
  readonly problem: string;
}

const DIR = join(repoRoot(), 'test', 'fixtures', 'bad-csv');
const expected = JSON.parse(readFileSync(join(DIR, 'expected-errors.json'), 'utf8')) as {
  csv: Expected[];
  instruments: Expected[];
};

function assertInputError(run: () => unknown, path: string, e: Expected): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof InputError, `${e.file}: expected an InputError, got ${String(error)}`);
    const where =
      e.line === undefined ? `${path}: ` : `${path}:${e.line}${e.column ? ` (${e.column})` : ''}: `;
    assert.ok(error.message.startsWith(where), `"${error.message}" should start with "${where}"`);
    assert.ok(error.message.includes(e.contains), `"${error.message}" should contain "${e.contains}"`);
    return true;
  });
}

test('every bad CSV fixture fails at the expected file:line with the expected message', () => {
  const instruments = readInstrumentsFile(join(DIR, 'instruments.json'));
  for (const e of expected.csv) {
    const path = join(DIR, e.file);
    const instrument = e.instrument === undefined ? undefined : instruments.get(e.instrument as InstrumentId);
    if (e.instrument !== undefined) {
      assert.ok(instrument, `${e.instrument} in instruments.json`);
      // Without the instrument the file is fine: the problem is only the tick grid.
      assert.equal(readBarsCsv(path).bars.length > 0, true);
    }
    assertInputError(() => readBarsCsv(path, instrument ? { instrument } : {}), path, e);
  }
});

test('every bad instruments fixture fails with the expected message', () => {
  for (const e of expected.instruments) {
    const path = join(DIR, e.file);
    assertInputError(() => readInstrumentsFile(path), path, e);
  }
});

test('expected-errors.json lists every fixture', () => {
  const listed = new Set([...expected.csv, ...expected.instruments].map((e) => e.file));
  const files = readdirSync(DIR).filter((f) => f !== 'expected-errors.json' && f !== 'instruments.json');
  assert.deepEqual(
    files.filter((f) => !listed.has(f)),
    [],
  );
  assert.deepEqual(
    [...listed].filter((f) => !files.includes(f)),
    [],
  );
});
