/**
 * `quantflow data generate` through the real CLI in a child process: deterministic by seed,
 * a valid bar file that a backtest reads back, and bad options rejected with one line.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quantflow, tempDir, type Run } from '../support/cli.js';

// ---- harness ----------------------------------------------------------------------------

/** Generates into `file`; asserts success. */
function generate(file: string, ...args: string[]): Run {
  const run = quantflow('data', 'generate', '--out', file, ...args);
  assert.equal(run.status, 0, `exit ${run.status}: ${run.stderr}`);
  assert.equal(run.stderr, '');
  return run;
}

/** Exit 1, one `error: ` line, no stack trace. */
function assertOneLineError(run: Run, ...mustInclude: string[]): void {
  const shown = `exit ${run.status}\nstderr: ${run.stderr}\nstdout: ${run.stdout}`;
  assert.equal(run.status, 1, shown);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, shown);
  assert.ok(lines[0].startsWith('error: '), shown);
  assert.doesNotMatch(run.stderr, /^\s*at /m, 'no stack trace');
  assert.equal(run.stdout, '', shown);
  for (const part of mustInclude) assert.ok(lines[0].includes(part), `"${part}" missing from: ${lines[0]}`);
}

// ---- tests ------------------------------------------------------------------------------

describe('quantflow data generate', () => {
  test('the same seed twice gives identical files; another seed, another file', () => {
    const dir = tempDir();
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    const c = join(dir, 'c.csv');
    const run = generate(a, '--bars', '500', '--seed', '3');
    assert.equal(run.stdout, `wrote 500 bars to ${a}\n`);
    generate(b, '--bars', '500', '--seed', '3');
    generate(c, '--bars', '500', '--seed', '4');
    const textA = readFileSync(a, 'utf8');
    assert.ok(readFileSync(a).equals(readFileSync(b)), 'seed 3 twice: byte-identical');
    assert.notEqual(textA, readFileSync(c, 'utf8'), 'seed 3 and seed 4 differ');

    const lines = textA.trimEnd().split('\n');
    assert.equal(lines[0], 'timestamp,open,high,low,close,volume');
    assert.equal(lines.length, 501, 'a header and 500 bars');
    // Same first open (the --price default), different paths after it.
    const secondC = readFileSync(c, 'utf8').split('\n')[2];
    assert.notEqual(lines[2], secondC);
  });

  test('the bars are well formed: increasing days, positive prices, low ≤ open, close ≤ high', () => {
    const file = join(tempDir(), 'synth.csv');
    generate(file, '--bars', '500', '--seed', '3');
    const rows = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    let previous = -Infinity;
    for (const [ts, ...values] of rows) {
      const t = Date.parse(ts);
      assert.ok(t > previous, `timestamp ${ts} increases`);
      previous = t;
      const [open, high, low, close, volume] = values.map(Number);
      assert.ok(
        low > 0 && low <= Math.min(open, close) && Math.max(open, close) <= high,
        `bar ${ts}: ${values.join(',')}`,
      );
      assert.ok(volume >= 0);
      for (const p of values.slice(0, 4)) assert.match(p, /^\d+\.\d{2}$/, 'two decimals by default');
    }
    assert.equal(Date.parse(rows[1][0]) - Date.parse(rows[0][0]), 86_400_000, 'daily by default');
    assert.equal(rows[0][1], '100.00', 'the first open is --price (default 100)');
  });

  test('the generated file reads back in a backtest', () => {
    const dir = tempDir();
    const file = join(dir, 'synth.csv');
    generate(file, '--bars', '500', '--seed', '3');
    const out = join(dir, 'run');
    const run = quantflow('backtest', '--data', file, '--strategy', 'sma-cross', '--out', out);
    assert.equal(run.status, 0, `exit ${run.status}: ${run.stderr}`);
    assert.match(run.stdout, /Bars\s*│\s*500\b/);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as {
      summary: { bars: number };
    };
    assert.equal(metrics.summary.bars, 500);
    const runJson = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
      digests: Record<string, string>;
    };
    assert.equal(runJson.digests[file], createHash('sha256').update(readFileSync(file)).digest('hex'));
    const fills = readFileSync(join(out, 'fills.csv'), 'utf8').trimEnd().split('\n').slice(1);
    for (const f of fills) assert.equal(f.split(',')[1], 'SYNTH.SIM', 'instrument from the file name');
  });

  test('--bars 0 (and other bad counts): exit 1, nothing written', () => {
    const dir = tempDir();
    for (const bars of ['0', '-3', '2.5', 'many']) {
      const file = join(dir, `bad-${bars}.csv`);
      assertOneLineError(quantflow('data', 'generate', '--out', file, '--bars', bars), '--bars');
      assert.equal(existsSync(file), false, `no file for --bars ${bars}`);
    }
  });

  test('missing --out: exit 1', () => {
    assertOneLineError(quantflow('data', 'generate', '--bars', '5'), '--out');
  });

  test('--out in a folder that does not exist: a user error, not an internal error', () => {
    const file = join(tempDir(), 'no', 'such', 'folder', 'x.csv');
    assertOneLineError(quantflow('data', 'generate', '--out', file, '--bars', '5'), file);
  });
});
