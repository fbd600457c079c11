/**
 * `quantflow simulate` through the real CLI in a child process: the files it writes, byte-identical
 * runs from one seed, the sample config being the defaults, and bad input rejected with one line
 * naming the field.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertOk, quantflow, readCsv, tempDir, type Run } from '../support/cli.js';

const FILES = ['agents.csv', 'book.csv', 'run.json', 'trades.csv'];

/** Exit 1, one `error: ` line naming every part, no stack trace, nothing on stdout. */
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

function filesOf(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

describe('quantflow simulate', () => {
  test('writes trades, book snapshots, agents and strategy results, and prints a summary', () => {
    const out = join(tempDir(), 'run');
    const run = quantflow(
      'simulate',
      '--duration',
      '30s',
      '--seed',
      '7',
      '--strategy',
      'market-maker',
      '--out',
      out,
    );
    assertOk(run);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /simulate: 30s, seed 7/);
    assert.match(run.stdout, /Average spread \(ticks\)/);
    assert.match(run.stdout, /Adverse selection 1s/);
    assert.ok(run.stdout.endsWith(`results written to ${out}\n`));
    assert.deepEqual(readdirSync(out).sort(), [...FILES, 'strategy.json'].sort());

    const trades = readCsv(join(out, 'trades.csv'));
    assert.equal(
      trades.header,
      'timestamp,price,size,side,trade_id,maker_agent,taker_agent,maker_order,taker_order',
    );
    assert.ok(trades.rows.length > 20);
    for (const r of trades.rows) {
      assert.match(r.timestamp, /^\d{16}$/);
      assert.ok(r.side === 'BUY' || r.side === 'SELL');
      assert.ok(Number(r.size) > 0 && Number.isInteger(Number(r.price)));
    }
    const book = readCsv(join(out, 'book.csv'));
    assert.equal(book.rows.length, 30, 'one snapshot a second');
    assert.ok(book.header.startsWith('timestamp,bid_price_1,bid_size_1,'));
    assert.ok(Number(book.rows[0].bid_price_1) < Number(book.rows[0].ask_price_1));

    const agents = readCsv(join(out, 'agents.csv'));
    assert.deepEqual(
      agents.rows.map((r) => r.population),
      ['market-maker', 'noise', 'momentum', 'mean-reversion', 'informed', 'strategy'],
    );
    assert.equal(
      agents.rows.reduce((s, r) => s + Number(r.final_position), 0),
      0,
      'positions net to zero',
    );

    const strategy = JSON.parse(readFileSync(join(out, 'strategy.json'), 'utf8')) as {
      inventory: { maxAbs: number; limit: number };
      fillRate: { byQuantity: number };
      adverseSelection: { horizonSeconds: number }[];
      pnl: { ticks: number; currency: string };
    };
    assert.ok(strategy.inventory.maxAbs <= strategy.inventory.limit);
    assert.deepEqual(
      strategy.adverseSelection.map((m) => m.horizonSeconds),
      [1, 10],
    );
    assert.equal(strategy.pnl.currency, 'USD');
    const runJson = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
      durationUs: number;
      config: { seed: number };
    };
    assert.equal(runJson.durationUs, 30_000_000);
    assert.equal(runJson.config.seed, 7);
  });

  test('the same seed twice gives byte-identical files; the sample config is the default market', () => {
    const dir = tempDir();
    const args = [
      '--duration',
      '20s',
      '--seed',
      '3',
      '--strategy',
      'market-maker',
      '--param',
      'gamma=0.02',
      '--l3',
    ];
    assertOk(quantflow('simulate', ...args, '--out', join(dir, 'a')));
    assertOk(quantflow('simulate', ...args, '--out', join(dir, 'b')));
    assertOk(quantflow('simulate', ...args, '--agents', 'examples/agents.json', '--out', join(dir, 'c')));
    const a = filesOf(join(dir, 'a'));
    assert.deepEqual([...a.keys()].sort(), [...FILES, 'l3.csv', 'strategy.json'].sort());
    for (const other of ['b', 'c']) {
      const files = filesOf(join(dir, other));
      assert.deepEqual([...files.keys()].sort(), [...a.keys()].sort());
      for (const [name, bytes] of a)
        assert.ok(bytes.equals(files.get(name) as Buffer), `${other}/${name} differs`);
    }
  });

  test('bad input: exit 1 with one line naming the field', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ populations: [{ kind: 'noise', name: 'retail', rate: 0 }] }));
    assertOneLineError(
      quantflow('simulate', '--agents', bad, '--duration', '10s', '--out', join(dir, 'o')),
      bad,
      'populations[0] (retail).rate',
    );
    const typo = join(dir, 'typo.json');
    writeFileSync(typo, JSON.stringify({ fundamentals: {} }));
    assertOneLineError(
      quantflow('simulate', '--agents', typo, '--duration', '10s', '--out', join(dir, 'o')),
      "unknown field(s) 'fundamentals'",
    );
    assertOneLineError(
      quantflow(
        'simulate',
        '--agents',
        join(dir, 'missing.json'),
        '--duration',
        '10s',
        '--out',
        join(dir, 'o'),
      ),
      'missing.json',
      'no such file',
    );
    assertOneLineError(
      quantflow(
        'simulate',
        '--duration',
        '10s',
        '--strategy',
        'market-maker',
        '--param',
        'gama=1',
        '--out',
        join(dir, 'o'),
      ),
      "unknown parameter 'gama'",
    );
    assertOneLineError(
      quantflow('simulate', '--duration', '10s', '--strategy', 'twap', '--out', join(dir, 'o')),
      "unknown strategy 'twap'",
    );
    assertOneLineError(
      quantflow('simulate', '--duration', '10 minutes', '--out', join(dir, 'o')),
      '--duration',
    );
  });
});
