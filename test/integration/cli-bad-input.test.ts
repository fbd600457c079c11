/**
 * Bad input to `quantflow backtest`, through the real CLI in a child process: every
 * malformed data file, bad option or bad parameter must end the run with exit code 1 and a
 * single `error: ` line that says where and what (file:line for data files), with no stack
 * trace, no results table on stdout, and nothing written to `--out`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT as ROOT, quantflow, tempDir } from '../support/cli.js';

// ---- harness ----------------------------------------------------------------------------

/**
 * Runs `backtest <args> --out <fresh dir>` and checks the failure contract: exit 1, one
 * `error: ` line on stderr, no stack trace, nothing on stdout, no output directory.
 * Returns the message (after `error: `).
 */
function assertRejected(args: string[], ...mustInclude: string[]): string {
  const out = join(tempDir(), 'out');
  const run = quantflow('backtest', ...args, '--out', out);
  const shown = `backtest ${args.join(' ')}\nexit ${run.status}\nstderr: ${run.stderr}\nstdout: ${run.stdout}`;
  assert.equal(run.status, 1, `exit code 1 expected for: ${shown}`);
  assert.ok(run.stderr.endsWith('\n'), shown);
  const lines = run.stderr.slice(0, -1).split('\n');
  assert.equal(lines.length, 1, `one line on stderr: ${shown}`);
  assert.ok(lines[0].startsWith('error: '), shown);
  assert.doesNotMatch(run.stderr, /^\s*at /m, 'no stack trace');
  assert.doesNotMatch(run.stderr, /internal error|this is a bug/i, shown);
  assert.equal(run.stdout, '', `no table on stdout: ${shown}`);
  assert.equal(existsSync(out), false, `nothing written to --out on failure: ${shown}`);
  const message = lines[0].slice('error: '.length);
  for (const part of mustInclude) assert.ok(message.includes(part), `"${part}" missing from: ${message}`);
  return message;
}

/** The message must start with `<file>:<line>` followed by a space or colon (so :3 is not :30). */
function assertLocated(message: string, file: string, line: number): void {
  const where = `${file}:${line}`;
  assert.ok(message.startsWith(where), `message should start with ${where}: ${message}`);
  assert.match(message.slice(where.length), /^[ :]/, `line ${line} exactly: ${message}`);
}

const BAD = 'test/fixtures/bad-csv';
const OWN = 'test/fixtures/cli-bad';
const SPY = 'data/sample/spy.csv';
const SMA = ['--strategy', 'sma-cross'];

// ---- malformed data files ---------------------------------------------------------------

/** The contract written with the bad-csv fixtures: file, line and exact wording of each error. */
interface ExpectedErrors {
  csv: { file: string; line: number; contains: string; instrument?: string }[];
  instruments: { file: string; line?: number; contains: string }[];
}
const expectedPath = join(ROOT, BAD, 'expected-errors.json');
const expected = existsSync(expectedPath)
  ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as ExpectedErrors)
  : undefined;

describe('malformed bar CSV files: exit 1, one line naming file:line and the problem', () => {
  interface Case {
    file: string;
    line: number;
    problem: string[];
    instruments?: string;
  }
  // The kinds of damage that must always be covered, with the words the message must have.
  const required: Case[] = [
    { file: `${OWN}/unterminated-quote.csv`, line: 3, problem: ['quoted field'] },
    { file: `${BAD}/non-numeric-price.csv`, line: 3, problem: ['high', '"abc" is not a number'] },
    {
      file: `${BAD}/wrong-field-count.csv`,
      line: 4,
      problem: ['wrong number of fields', 'expected 6', 'found 5'],
    },
    { file: `${BAD}/timestamps-decreasing.csv`, line: 4, problem: ['is before the previous timestamp'] },
    { file: `${BAD}/duplicate-timestamp.csv`, line: 4, problem: ['is the same as the previous timestamp'] },
    { file: `${BAD}/negative-price.csv`, line: 3, problem: ['low', 'must be positive', '-100.50'] },
    { file: `${BAD}/missing-column.csv`, line: 1, problem: ['missing required column', 'close'] },
    { file: `${BAD}/bad-timestamp.csv`, line: 3, problem: ['unparseable timestamp', '2024-13-03'] },
    { file: `${BAD}/ohlc-inconsistent.csv`, line: 3, problem: ['inconsistent OHLC', '101.50', '101.20'] },
    { file: `${BAD}/empty.csv`, line: 1, problem: ['empty'] },
  ];
  // Plus every case of expected-errors.json, with its exact wording (one run per file).
  const cases = new Map(required.map((c) => [c.file, c]));
  for (const c of expected?.csv ?? []) {
    const file = `${BAD}/${c.file}`;
    const instruments = c.instrument ? `${BAD}/instruments.json` : undefined;
    const known = cases.get(file);
    if (known === undefined) cases.set(file, { file, line: c.line, problem: [c.contains], instruments });
    else cases.set(file, { ...known, problem: [...known.problem, c.contains], instruments });
  }

  for (const c of cases.values()) {
    test(`${c.file}${c.instruments ? ' (with its instrument definition)' : ''}`, () => {
      assert.ok(existsSync(join(ROOT, c.file)), `fixture ${c.file} is missing`);
      const instruments = c.instruments ? ['--instruments', c.instruments] : [];
      const message = assertRejected(['--data', c.file, ...instruments, ...SMA], ...c.problem);
      assertLocated(message, c.file, c.line);
    });
  }

  test('a bad file after a good one: still nothing written', () => {
    const message = assertRejected(
      ['--data', SPY, '--data', `${BAD}/ohlc-inconsistent.csv`, ...SMA],
      'inconsistent OHLC',
    );
    assertLocated(message, `${BAD}/ohlc-inconsistent.csv`, 3);
  });

  test('a bad row deep in a real data file is reported at its own line', () => {
    const dir = tempDir();
    const file = join(dir, 'big.csv');
    const lines = readFileSync(join(ROOT, SPY), 'utf8').trimEnd().split('\n');
    lines[300] = lines[300].replace(/,[^,]*$/, ''); // drop the volume of line 301
    writeFileSync(file, lines.join('\n') + '\n');
    const message = assertRejected(['--data', file, ...SMA], 'wrong number of fields');
    assertLocated(message, file, 301);
  });
});

describe('malformed instrument files: exit 1, one line naming the file and the problem', () => {
  test('expected-errors.json lists instrument-file cases', () => {
    assert.ok(expected, `${BAD}/expected-errors.json is missing`);
    assert.ok(expected.instruments.length > 0);
  });
  for (const c of expected?.instruments ?? []) {
    test(`--instruments ${c.file}`, () => {
      const file = `${BAD}/${c.file}`;
      const message = assertRejected(['--data', SPY, '--instruments', file, ...SMA], c.contains);
      if (c.line === undefined) assert.ok(message.startsWith(`${file}: `), message);
      else assertLocated(message, file, c.line);
    });
  }
});

// ---- options and parameters -------------------------------------------------------------

describe('bad options and parameters: exit 1 with a message naming the culprit', () => {
  const data = ['--data', SPY];

  test('unknown strategy parameter: names it and lists the known ones', () => {
    assertRejected([...data, ...SMA, '--param', 'foo=1'], 'foo', 'fast', 'slow', 'qty');
  });

  test('parameter that is not a number', () => {
    assertRejected([...data, ...SMA, '--param', 'fast=abc'], 'fast', 'abc');
  });

  test('parameters that contradict each other (fast ≥ slow)', () => {
    assertRejected([...data, ...SMA, '--param', 'fast=50', '--param', 'slow=20'], 'fast');
  });

  test('parameter out of range and not an integer', () => {
    assertRejected([...data, ...SMA, '--param', 'qty=-1'], 'qty');
    assertRejected([...data, ...SMA, '--param', 'fast=2.5'], 'fast');
  });

  test('--param without key=value, and the same parameter twice', () => {
    assertRejected([...data, ...SMA, '--param', 'fast'], '--param', 'fast');
    assertRejected([...data, ...SMA, '--param', 'fast=3', '--param', 'fast=4'], 'fast');
  });

  test('unknown strategy name: lists the built-ins', () => {
    assertRejected(
      [...data, '--strategy', 'sma-crosss'],
      'sma-crosss',
      'sma-cross',
      'rsi-reversion',
      'breakout',
    );
  });

  test('missing --data and missing --strategy', () => {
    assertRejected([...SMA], '--data');
    assertRejected([...data], '--strategy');
  });

  test('data file that does not exist: names it', () => {
    assertRejected(['--data', 'data/sample/nope.csv', ...SMA], 'data/sample/nope.csv');
  });

  test('--fill sideways', () => {
    assertRejected([...data, ...SMA, '--fill', 'sideways'], '--fill', 'sideways');
  });

  test('--cash -5, --cash 0, --cash abc', () => {
    assertRejected([...data, ...SMA, '--cash', '-5'], '--cash');
    assertRejected([...data, ...SMA, '--cash', '0'], '--cash');
    assertRejected([...data, ...SMA, '--cash', 'abc'], '--cash', 'abc');
  });

  test('negative commission, account currency that does not match the data', () => {
    assertRejected([...data, ...SMA, '--commission-bps', '-1'], '--commission-bps');
    assertRejected([...data, ...SMA, '--currency', 'EUR'], 'EUR', SPY);
  });

  test('the same data file twice', () => {
    assertRejected([...data, ...data, ...SMA], 'SPY.SIM', 'two data files');
  });

  test('data file with no instrument in --instruments', () => {
    assertRejected(
      ['--data', `${BAD}/off-tick.csv`, '--instruments', 'data/sample/instruments.json', ...SMA],
      'off-tick.csv',
    );
  });

  test('--config: missing file, or a run.json with an invalid field', () => {
    assertRejected(['--config', 'nope/run.json'], 'nope/run.json');
    const file = join(tempDir(), 'run.json');
    writeFileSync(file, JSON.stringify({ data: [SPY], strategy: 'sma-cross', cash: -1 }));
    assertRejected(['--config', file], file, 'cash');
  });

  test('--out that is an existing file: a user error, not an internal error', () => {
    const file = join(tempDir(), 'taken');
    writeFileSync(file, 'not a directory\n');
    const run = quantflow('backtest', ...data, ...SMA, '--out', file);
    assert.equal(run.status, 1, `exit ${run.status}: ${run.stderr}`);
    assert.match(run.stderr, /^error: .*taken/);
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  });
});
