/**
 * User strategy files in `quantflow backtest --strategy <file>`, through the real CLI in a
 * child process: the documented example `examples/buy-and-hold.ts` (TypeScript, compiled on
 * the fly, importing `Strategy` from 'quantflow'), a plain JavaScript strategy, and files that
 * must be rejected with one clear line (syntax error, no strategy class, several classes).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT as ROOT, csvRows as rows, quantflow, tempDir } from '../support/cli.js';

// ---- harness ----------------------------------------------------------------------------

/** Exit 1 with one `error: ` line, no stack trace, no table, nothing in --out. */
function assertRejected(args: string[], ...mustInclude: string[]): string {
  const out = join(tempDir(), 'out');
  const run = quantflow('backtest', ...args, '--out', out);
  const shown = `exit ${run.status}\nstderr: ${run.stderr}\nstdout: ${run.stdout}`;
  assert.equal(run.status, 1, shown);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr: ${shown}`);
  assert.ok(lines[0].startsWith('error: '), shown);
  assert.doesNotMatch(run.stderr, /^\s*at /m, 'no stack trace');
  assert.equal(run.stdout, '', shown);
  assert.equal(existsSync(out), false, 'nothing written to --out');
  for (const part of mustInclude) assert.ok(lines[0].includes(part), `"${part}" missing from: ${lines[0]}`);
  return lines[0];
}

const SAMPLE = ['spy', 'qqq', 'iwm'].flatMap((s) => ['--data', `data/sample/${s}.csv`]);
const DATA = [...SAMPLE, '--instruments', 'data/sample/instruments.json'];
const INSTRUMENTS = ['IWM.SIM', 'QQQ.SIM', 'SPY.SIM'];

/** A buy-and-hold run: one BUY of `qty` per instrument at its second bar's open, nothing closed. */
function assertBuyAndHold(out: string, qty: number): void {
  const fills = rows(join(out, 'fills.csv'));
  assert.deepEqual(fills.map((f) => f.instrument).sort(), INSTRUMENTS, 'one fill per instrument');
  for (const f of fills) {
    assert.equal(f.side, 'BUY');
    assert.equal(f.quantity, String(qty));
    assert.equal(
      Date.parse(f.timestamp),
      Date.parse('2023-01-03'),
      'bought on the first bar, filled at the next open',
    );
    const bar = rows(join(ROOT, `data/sample/${f.instrument.split('.')[0].toLowerCase()}.csv`)).find(
      (b) => b.timestamp === '2023-01-03',
    );
    assert.equal(f.price, bar?.open);
  }
  assert.equal(rows(join(out, 'trades.csv')).length, 0, 'no closed trades');
  const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as {
    trades: number;
    summary: { realizedPnl: string; fills: number };
  };
  assert.equal(metrics.trades, 0);
  assert.equal(metrics.summary.fills, 3);
  assert.equal(metrics.summary.realizedPnl, '0.00');
  const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { params: unknown };
  assert.deepEqual(run.params, { qty });
}

// ---- tests ------------------------------------------------------------------------------

describe('examples/buy-and-hold.ts (TypeScript user strategy importing from quantflow)', () => {
  before(() => {
    assert.ok(existsSync(join(ROOT, 'examples', 'buy-and-hold.ts')), 'the example exists');
    assert.ok(
      existsSync(join(ROOT, 'dist', 'src', 'index.js')),
      "'quantflow' resolves to dist/src/index.js: build first",
    );
  });

  test('runs: exit 0, one BUY fill per instrument, no closed trades', () => {
    const out = join(tempDir(), 'bah');
    const run = quantflow(
      'backtest',
      '--strategy',
      'examples/buy-and-hold.ts',
      '--param',
      'qty=5',
      ...DATA,
      '--out',
      out,
    );
    assert.equal(run.status, 0, `exit ${run.status}: ${run.stderr}`);
    assert.match(run.stdout, /backtest: BuyAndHold/);
    assertBuyAndHold(out, 5);
  });

  test('its parameters are validated: unknown parameter lists qty', () => {
    assertRejected(['--strategy', 'examples/buy-and-hold.ts', '--param', 'foo=1', ...DATA], 'foo', 'qty');
  });
});

describe('a TypeScript strategy outside any package (no package.json, no node_modules)', () => {
  test("imports 'quantflow', 'zod' and a relative helper module, and runs", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'qty.ts'), 'export const defaultQty: number = 2;\n');
    writeFileSync(
      join(dir, 'anywhere.ts'),
      [
        "import { z } from 'zod';",
        "import { Strategy, type Bar } from 'quantflow';",
        "import { defaultQty } from './qty';",
        'export default class Anywhere extends Strategy<{ qty: number }> {',
        '  static override readonly paramsSchema = z.strictObject({ qty: z.coerce.number().default(defaultQty) });',
        '  #bought = new Set<string>();',
        '  override onBar(bar: Bar): void {',
        '    if (this.#bought.has(bar.instrumentId)) return;',
        '    this.#bought.add(bar.instrumentId);',
        '    this.buy(bar.instrumentId, this.params.qty);',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'out');
    const run = quantflow('backtest', '--strategy', join(dir, 'anywhere.ts'), ...DATA, '--out', out);
    assert.equal(run.status, 0, `exit ${run.status}: ${run.stderr}`);
    assertBuyAndHold(out, 2);
  });
});

describe('a JavaScript user strategy importing from quantflow', () => {
  const file = 'test/fixtures/cli-strategies/first-bar-buyer.mjs';

  test('runs: exit 0, one BUY fill per instrument, no closed trades', () => {
    const out = join(tempDir(), 'fbb');
    const run = quantflow('backtest', '--strategy', file, '--param', 'qty=5', ...DATA, '--out', out);
    assert.equal(run.status, 0, `exit ${run.status}: ${run.stderr}`);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /backtest: FirstBarBuyer/);
    assertBuyAndHold(out, 5);
    assert.equal(
      (JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { strategy: string }).strategy,
      file,
    );
  });

  test('parameters come from its zod schema: defaults, unknown names, invalid values', () => {
    const out = join(tempDir(), 'fbb');
    assert.equal(quantflow('backtest', '--strategy', file, ...DATA, '--out', out).status, 0);
    assertBuyAndHold(out, 1);
    assertRejected(['--strategy', file, '--param', 'foo=1', ...DATA], 'foo', 'qty');
    assertRejected(['--strategy', file, '--param', 'qty=-2', ...DATA], 'qty');
  });
});

describe('strategy files that must be rejected', () => {
  test('a TypeScript file with a syntax error: exit 1, names the file', () => {
    const file = join(tempDir(), 'broken.ts');
    writeFileSync(
      file,
      "import { Strategy } from 'quantflow';\nconst x = ;\nexport default class Broken extends Strategy {}\n",
    );
    assertRejected(['--strategy', file, ...DATA], file);
  });

  test('a syntax error message says where and what', () => {
    const file = join(tempDir(), 'broken.ts');
    writeFileSync(
      file,
      "import { Strategy } from 'quantflow';\nconst x = ;\nexport default class Broken extends Strategy {}\n",
    );
    const message = assertRejected(['--strategy', file, ...DATA], file);
    assert.match(message, /broken\.ts:2\b/, 'the line of the syntax error');
    assert.doesNotMatch(message, /:\s*$/, 'the message does not end in a dangling colon');
  });

  test('a file that exports no Strategy subclass: exit 1, names the file', () => {
    const dir = tempDir();
    const ts = join(dir, 'not-a-strategy.ts');
    writeFileSync(ts, 'export const answer: number = 42;\nexport class Helper {\n  onBar(): void {}\n}\n');
    assertRejected(['--strategy', ts, ...DATA], ts, 'no strategy class');
    const js = join(dir, 'not-a-strategy.mjs');
    writeFileSync(js, 'export default class Helper {\n  onBar() {}\n}\n');
    assertRejected(['--strategy', js, ...DATA], js, 'no strategy class');
  });

  test('several Strategy subclasses and no default export: exit 1; with a default export, the default runs', () => {
    const dir = tempDir();
    const quantflowUrl = pathToFileURL(join(ROOT, 'dist', 'src', 'index.js')).href;
    const two = `import { Strategy } from '${quantflowUrl}';\nexport class A extends Strategy {}\nexport class B extends Strategy {}\n`;
    const many = join(dir, 'two.mjs');
    writeFileSync(many, two);
    assertRejected(['--strategy', many, ...DATA], many, 'several');
    const withDefault = join(dir, 'two-default.mjs');
    writeFileSync(withDefault, `${two}export default class C extends Strategy {}\n`);
    const run = quantflow('backtest', '--strategy', withDefault, ...DATA);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /backtest: C\b/);
  });

  test('a strategy file that does not exist, or throws while loading', () => {
    assertRejected(['--strategy', 'examples/nope.ts', ...DATA], 'examples/nope.ts');
    const file = join(tempDir(), 'throws.mjs');
    writeFileSync(file, "throw new Error('boom while loading');\n");
    assertRejected(['--strategy', file, ...DATA], file, 'boom while loading');
  });
});
