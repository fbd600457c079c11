/**
 * The `quantflow` command line itself, through the real CLI in a child process: help,
 * version, `strategies`, and the demo that runs when no command is given.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT as ROOT, assertOk, CLI_MAIN, quantflow, tempDir, type Run } from '../support/cli.js';

// ---- harness ----------------------------------------------------------------------------

const RUN_FILES = ['equity.csv', 'fills.csv', 'metrics.json', 'report.html', 'run.json', 'trades.csv'];

/** The demo's table and the files it wrote; `out` as printed, `dir` where it is. */
function assertDemo(run: Run, out: string, dir = out): void {
  assertOk(run);
  assert.match(run.stdout, /^data: .*iwm\.csv, .*qqq\.csv, .*spy\.csv$/m, 'names the sample files');
  assert.match(run.stdout, /demo backtest: sma-cross/);
  assert.match(run.stdout, /Final equity\s*│\s*\d+\.\d{2} USD/);
  assert.match(run.stdout, /Total return/);
  assert.ok(run.stdout.endsWith(`results written to ${out}\n`), run.stdout);
  assert.deepEqual(readdirSync(dir).sort(), RUN_FILES);
  const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as {
    summary: { bars: number; fills: number };
  };
  assert.equal(metrics.summary.bars, 1512, 'all three sample files');
  assert.ok(metrics.summary.fills > 0);
  const runJson = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(runJson.strategy, 'sma-cross');
  assert.equal(runJson.commissionBps, 1);
  assert.equal(runJson.slippageBps, 2);
  assert.deepEqual(runJson.params, { fast: 10, slow: 30, qty: 100 });
}

// ---- tests ------------------------------------------------------------------------------

describe('quantflow help and version', () => {
  test('--help: exit 0, lists the commands', () => {
    const run = quantflow('--help');
    assertOk(run);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^Usage: quantflow /);
    for (const command of ['demo', 'backtest', 'data', 'strategies']) {
      assert.match(run.stdout, new RegExp(`^\\s+${command}\\b`, 'm'), `command ${command} listed`);
    }
  });

  test('backtest --help lists its options', () => {
    const run = quantflow('backtest', '--help');
    assertOk(run);
    for (const option of [
      '--data',
      '--strategy',
      '--param',
      '--instruments',
      '--cash',
      '--commission-bps',
      '--slippage-bps',
      '--fill',
      '--out',
      '--config',
      '--serve',
      '--port',
      '--host',
      '--api-keys',
      '--duration',
    ]) {
      assert.ok(run.stdout.includes(option), `${option} missing from:\n${run.stdout}`);
    }
    assert.match(run.stdout, /next-open/);
  });

  test('data generate --help lists its options', () => {
    const run = quantflow('data', 'generate', '--help');
    assertOk(run);
    for (const option of ['--out', '--bars', '--seed', '--interval', '--price'])
      assert.ok(run.stdout.includes(option), option);
  });

  test('--version prints the package version', () => {
    const run = quantflow('--version');
    assertOk(run);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(run.stdout, `${version}\n`);
  });

  test('an unknown option: exit 1 with an error line', () => {
    const run = quantflow('backtest', '--bogus');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^error: .*--bogus/);
    assert.equal(run.stdout, '');
  });
});

describe('quantflow strategies', () => {
  test('lists sma-cross, rsi-reversion and breakout with their parameters and defaults', () => {
    const run = quantflow('strategies');
    assertOk(run);
    assert.equal(run.stderr, '');
    // Blocks: a line "name — description", then indented "param (default x): description" lines.
    const blocks = new Map<string, Map<string, string>>();
    let current: Map<string, string> | undefined;
    for (const line of run.stdout.trimEnd().split('\n')) {
      const param = /^\s+(\w+) \(default ([^)]*)\): \S/.exec(line);
      if (param) {
        assert.ok(current, `parameter line before any strategy: ${line}`);
        current.set(param[1], param[2]);
        continue;
      }
      const head = /^(\S+) — \S/.exec(line);
      assert.ok(head, `unexpected line: ${line}`);
      blocks.set(head[1], (current = new Map()));
    }
    const asObject = (name: string): Record<string, string> => Object.fromEntries(blocks.get(name) ?? []);
    assert.deepEqual([...blocks.keys()].sort(), ['breakout', 'rsi-reversion', 'sma-cross']);
    assert.deepEqual(asObject('sma-cross'), { fast: '10', slow: '30', qty: '100' });
    assert.deepEqual(asObject('rsi-reversion'), {
      period: '14',
      oversold: '30',
      overbought: '70',
      qty: '100',
      short: 'false',
    });
    assert.deepEqual(asObject('breakout'), { period: '20', exitPeriod: '10', qty: '100', short: 'false' });
  });
});

describe('the demo', () => {
  test('demo (the main job): a paper session on the simulated market with the dashboard; the URL carries a key', async () => {
    const cwd = tempDir();
    const child = spawn(process.execPath, [CLI_MAIN, 'demo', '--port', '0', '--duration', '8s'], { cwd });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 20_000;
    while (!/dashboard: (http:\/\/\S+)\/\?key=([0-9a-f]{32})/.test(stdout) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const [, url, key] = /dashboard: (http:\/\/\S+)\/\?key=([0-9a-f]{32})/.exec(stdout) ?? [];
    assert.ok(url !== undefined, stdout);
    const page = await fetch(`${url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html/i);
    const node = (await (await fetch(`${url}/api/v1/node`)).json()) as { environment: string };
    assert.equal(node.environment, 'paper');
    const halt = await fetch(`${url}/api/v1/risk/halt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'demo test' }),
    });
    assert.equal(halt.status, 200, await halt.text());
    assert.equal(await exited, 0);
    assert.ok(existsSync(join(cwd, 'out', 'demo', 'paper-journal.sqlite')), 'the journal is in out/demo');
  });

  test('no command runs the demo; Ctrl-C (SIGINT) ends it cleanly', async () => {
    const cwd = tempDir();
    const child = spawn(process.execPath, [CLI_MAIN], { cwd, env: { ...process.env } });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 20_000;
    while (!stdout.includes('dashboard: ') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    assert.match(stdout, /dashboard: http:\/\/127\.0\.0\.1:\d+\/\?key=/);
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });

  test('demo --backtest --out <dir>: exit 0, prints the table, writes the run files there', () => {
    const out = join(tempDir(), 'demo-out');
    assertDemo(quantflow('demo', '--backtest', '--out', out), out);
  });

  test('the backtest demo is deterministic: two runs, byte-identical files', () => {
    const a = join(tempDir(), 'a');
    const b = join(tempDir(), 'b');
    assertOk(quantflow('demo', '--backtest', '--out', a));
    assertOk(quantflow('demo', '--backtest', '--out', b));
    for (const file of RUN_FILES)
      assert.ok(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), file);
  });
});
