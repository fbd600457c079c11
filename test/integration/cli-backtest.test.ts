/**
 * `quantflow backtest` end to end: the real CLI (dist/src/cli/main.js) in a child process, on
 * the bundled sample data, checking the run directory it writes: the documented headers, the
 * files agreeing with each other and with the data, the fill mode and costs, and that a run
 * is repeatable byte for byte (the same command twice, and `--config run.json`).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  REPO_ROOT as ROOT,
  assertOk,
  quantflow,
  readCsv,
  tempDir,
  type Csv,
  type Run,
} from '../support/cli.js';

// ---- harness ----------------------------------------------------------------------------

/** A decimal string as an exact integer count of 10^-decimals (no floating-point rounding). */
function units(text: string, decimals = 2): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  assert.ok(m, `not a decimal number: "${text}"`);
  const frac = m[3] ?? '';
  assert.ok(frac.length <= decimals, `"${text}" has more than ${decimals} decimals`);
  const value = Number(m[2]) * 10 ** decimals + Number(frac.padEnd(decimals, '0') || '0');
  return m[1] === '-' ? -value : value;
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** The bars of a data file by timestamp (ms), and their timestamps in file order. */
interface Bars {
  readonly byTime: Map<number, { open: string; high: string; low: string; close: string }>;
  readonly times: number[];
}

function readBars(relPath: string): Bars {
  const byTime = new Map<number, { open: string; high: string; low: string; close: string }>();
  const times: number[] = [];
  for (const row of readCsv(join(ROOT, relPath)).rows) {
    const t = Date.parse(row.timestamp);
    assert.ok(Number.isFinite(t), `${relPath}: timestamp ${row.timestamp}`);
    byTime.set(t, { open: row.open, high: row.high, low: row.low, close: row.close });
    times.push(t);
  }
  return { byTime, times };
}

function barAt(
  bars: Bars,
  timestamp: string,
  what: string,
): { open: string; high: string; low: string; close: string } {
  const bar = bars.byTime.get(Date.parse(timestamp));
  assert.ok(bar, `${what}: no bar at ${timestamp} in the data`);
  return bar;
}

interface Metrics {
  [key: string]: unknown;
  trades: number;
  totalReturn: number;
  endEquity: number;
  summary: {
    currency: string;
    startingCash: string;
    finalEquity: string;
    finalCash: string;
    realizedPnl: string;
    unrealizedPnl: string;
    fees: string;
    fills: number;
    bars: number;
  };
}

interface RunDir {
  readonly dir: string;
  readonly fills: Csv;
  readonly trades: Csv;
  readonly equity: Csv;
  readonly metrics: Metrics;
  readonly runJson: Record<string, unknown> & {
    params: Record<string, unknown>;
    digests: Record<string, string>;
  };
}

function readRunDir(dir: string): RunDir {
  return {
    dir,
    fills: readCsv(join(dir, 'fills.csv')),
    trades: readCsv(join(dir, 'trades.csv')),
    equity: readCsv(join(dir, 'equity.csv')),
    metrics: JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as Metrics,
    runJson: JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunDir['runJson'],
  };
}

const RUN_FILES = ['equity.csv', 'fills.csv', 'metrics.json', 'report.html', 'run.json', 'trades.csv'];

function assertSameFiles(a: string, b: string): void {
  for (const file of RUN_FILES) {
    const left = readFileSync(join(a, file));
    const right = readFileSync(join(b, file));
    assert.ok(left.equals(right), `${file} differs between ${a} and ${b}`);
  }
}

// ---- the runs ---------------------------------------------------------------------------

const SAMPLE: Record<string, string> = {
  'SPY.SIM': 'data/sample/spy.csv',
  'QQQ.SIM': 'data/sample/qqq.csv',
  'IWM.SIM': 'data/sample/iwm.csv',
};
const SAMPLE_ARGS = [
  ...Object.values(SAMPLE).flatMap((f) => ['--data', f]),
  '--instruments',
  'data/sample/instruments.json',
  '--strategy',
  'sma-cross',
];
/** Daily bars whose every open gaps away from the previous close, so next-open ≠ signal close. */
const GAPPY = 'test/fixtures/cli-gaps/gappy.csv';
const GAPPY_ARGS = ['--data', GAPPY, '--strategy', 'sma-cross', '--param', 'fast=3', '--param', 'slow=8'];

const sampleBars = new Map(Object.entries(SAMPLE).map(([id, file]) => [id, readBars(file)]));
const gappyBars = readBars(GAPPY);

let base: { run: Run; out: RunDir };

before(() => {
  const out = join(tempDir(), 'base');
  const run = quantflow('backtest', ...SAMPLE_ARGS, '--out', out);
  assertOk(run);
  base = { run, out: readRunDir(out) };
});

/** Runs a backtest into a fresh directory; asserts success. */
function backtest(...args: string[]): { run: Run; out: RunDir } {
  const out = join(tempDir(), 'run');
  const run = quantflow('backtest', ...args, '--out', out);
  assertOk(run);
  return { run, out: readRunDir(out) };
}

// ---- tests ------------------------------------------------------------------------------

describe('quantflow backtest sma-cross on the sample data', () => {
  test('exits 0 and prints the summary table, no stderr', () => {
    const { stdout, stderr } = base.run;
    assert.equal(stderr, '', 'nothing on stderr (no progress bar when not a terminal)');
    assert.match(stdout, /backtest: sma-cross/);
    for (const label of [
      'Bars',
      'Starting cash',
      'Final equity',
      'Fees',
      'Fills',
      'Total return',
      'Sharpe ratio',
      'Max drawdown',
      'Trades',
    ]) {
      assert.ok(stdout.includes(label), `table row "${label}" missing:\n${stdout}`);
    }
    const s = base.out.metrics.summary;
    assert.match(
      stdout,
      new RegExp(`Final equity\\s*│\\s*${s.finalEquity} USD`),
      'the table shows the final equity of metrics.json',
    );
    assert.match(stdout, new RegExp(`Bars\\s*│\\s*1512\\b`), '3 files × 504 bars');
    assert.ok(stdout.endsWith(`results written to ${base.out.dir}\n`), stdout);
    assert.equal(stdout.includes('\u001b['), false, 'no colour codes into a pipe');
  });

  test('writes exactly the five run files with the documented headers', () => {
    assert.deepEqual(readdirSync(base.out.dir).sort(), RUN_FILES);
    assert.equal(base.out.fills.header, 'timestamp,instrument,order_id,side,quantity,price,fee');
    assert.equal(
      base.out.trades.header,
      'entry_time,exit_time,instrument,side,quantity,entry_price,exit_price,pnl,fees',
    );
    assert.equal(base.out.equity.header, 'timestamp,equity,cash');
    assert.ok(base.out.fills.rows.length > 0, 'sma-cross trades on the sample data');
    assert.ok(base.out.trades.rows.length > 0, 'sma-cross closes trades on the sample data');
  });

  test('metrics.json has the performance metrics and the summary', () => {
    const m = base.out.metrics;
    for (const key of [
      'totalReturn',
      'cagr',
      'sharpe',
      'sortino',
      'maxDrawdown',
      'trades',
      'winRate',
      'profitFactor',
      'exposure',
    ]) {
      assert.ok(key in m, `metrics.json lacks ${key}`);
    }
    for (const key of ['totalReturn', 'sharpe', 'maxDrawdown']) assert.equal(typeof m[key], 'number', key);
    assert.ok(
      (m.maxDrawdown as number) >= 0 && (m.maxDrawdown as number) < 1,
      `maxDrawdown ${String(m.maxDrawdown)}`,
    );
    assert.equal(m.summary.currency, 'USD');
    assert.equal(m.summary.startingCash, '100000.00');
    assert.equal(m.summary.bars, 1512);
    assert.ok(
      Math.abs(m.totalReturn - (Number(m.summary.finalEquity) / Number(m.summary.startingCash) - 1)) < 1e-9,
      `totalReturn ${m.totalReturn} vs final equity ${m.summary.finalEquity}`,
    );
    assert.equal(m.endEquity, Number(m.summary.finalEquity));
  });

  test('run.json records the options, the parameters with their defaults and the data digests', () => {
    const r = base.out.runJson;
    assert.deepEqual(r.data, Object.values(SAMPLE));
    assert.equal(r.instruments, 'data/sample/instruments.json');
    assert.equal(r.strategy, 'sma-cross');
    assert.deepEqual(r.params, { fast: 10, slow: 30, qty: 100 });
    assert.equal(r.cash, 100000);
    assert.equal(r.currency, 'USD');
    assert.equal(r.commissionBps, 0);
    assert.equal(r.slippageBps, 0);
    assert.equal(r.fill, 'next-open');
    const files = [...Object.values(SAMPLE), 'data/sample/instruments.json'];
    assert.deepEqual(Object.keys(r.digests).sort(), files.sort());
    for (const file of files) {
      const digest = createHash('sha256')
        .update(readFileSync(join(ROOT, file)))
        .digest('hex');
      assert.equal(r.digests[file], digest, `digest of ${file}`);
    }
  });

  test('the files agree with each other and with the summary', () => {
    const { fills, trades, equity, metrics } = base.out;
    const s = metrics.summary;
    assert.equal(metrics.trades, trades.rows.length, 'metrics.trades = rows of trades.csv');
    assert.equal(s.fills, fills.rows.length, 'summary.fills = rows of fills.csv');

    const last = equity.rows.at(-1)!;
    assert.equal(last.equity, s.finalEquity, 'last equity = summary.finalEquity');
    assert.equal(last.cash, s.finalCash, 'last cash = summary.finalCash');
    assert.equal(equity.rows[0].equity, s.startingCash);
    const times = equity.rows.map((r) => Date.parse(r.timestamp));
    assert.ok(
      times.every((t, i) => i === 0 || t > times[i - 1]),
      'equity timestamps strictly increase',
    );
    assert.equal(
      times.length,
      new Set([...sampleBars.values()].flatMap((b) => b.times)).size,
      'one equity point per timestamp',
    );

    assert.equal(sum(fills.rows.map((f) => units(f.fee))), units(s.fees), 'Σ fills.fee = summary.fees');
    assert.equal(
      sum(trades.rows.map((t) => units(t.pnl))),
      units(s.realizedPnl),
      'Σ trades.pnl = realized PnL (sma-cross closes whole positions)',
    );

    // Cash moves only by fills: start − Σ buys + Σ sells − fees = final cash (all in cents).
    const flow = sum(
      fills.rows.map((f) => (f.side === 'BUY' ? -1 : 1) * units(f.price) * Number(f.quantity)),
    );
    assert.equal(
      units(s.startingCash) + flow - units(s.fees),
      units(s.finalCash),
      'cash = start + fill cash flows − fees',
    );

    // Every closed trade is a BUY fill followed by a SELL fill of the same instrument at its prices.
    for (const t of trades.rows) {
      const entry = fills.rows.find(
        (f) => f.instrument === t.instrument && f.timestamp === t.entry_time && f.side === 'BUY',
      );
      const exit = fills.rows.find(
        (f) => f.instrument === t.instrument && f.timestamp === t.exit_time && f.side === 'SELL',
      );
      assert.ok(entry && exit, `trade ${JSON.stringify(t)} has no matching fills`);
      assert.equal(t.side, 'LONG');
      assert.equal(units(t.entry_price, 6), units(entry.price, 6));
      assert.equal(units(t.exit_price, 6), units(exit.price, 6));
      assert.equal(
        units(t.pnl),
        (units(exit.price) - units(entry.price)) * Number(t.quantity),
        `pnl of ${JSON.stringify(t)}`,
      );
    }
  });

  test('market orders fill at the open of the next bar (no look-ahead): each fill price is the open of its bar', () => {
    for (const f of base.out.fills.rows) {
      const bars = sampleBars.get(f.instrument);
      assert.ok(bars, `unexpected instrument ${f.instrument}`);
      assert.equal(f.quantity, '100');
      assert.equal(
        units(f.price),
        units(barAt(bars, f.timestamp, `fill ${f.order_id}`).open),
        `fill ${JSON.stringify(f)}`,
      );
    }
  });
});

describe('quantflow backtest options', () => {
  test('on data with opening gaps, next-open fills use the open, never the signal bar close', () => {
    const { out } = backtest(...GAPPY_ARGS);
    assert.ok(out.fills.rows.length >= 3, 'the gappy fixture trades');
    for (const f of out.fills.rows) {
      assert.equal(f.instrument, 'GAPPY.SIM');
      const i = gappyBars.times.indexOf(Date.parse(f.timestamp));
      assert.ok(i > 0, `fill ${f.order_id} at ${f.timestamp}: not a bar after the first`);
      const bar = gappyBars.byTime.get(gappyBars.times[i])!;
      const signal = gappyBars.byTime.get(gappyBars.times[i - 1])!;
      assert.equal(units(f.price), units(bar.open), `fill ${JSON.stringify(f)} at the open of its bar`);
      assert.notEqual(units(f.price), units(signal.close), 'the fixture gaps, so this tells open from close');
    }
  });

  test('--fill close fills at the close of the signal bar, one bar earlier than next-open', () => {
    const nextOpen = backtest(...GAPPY_ARGS).out;
    const close = backtest(...GAPPY_ARGS, '--fill', 'close').out;
    assert.equal(close.runJson.fill, 'close');
    assert.equal(close.fills.rows.length, nextOpen.fills.rows.length, 'same signals, same number of fills');
    close.fills.rows.forEach((f, k) => {
      assert.equal(
        units(f.price),
        units(barAt(gappyBars, f.timestamp, `close-mode fill ${f.order_id}`).close),
        `fill ${JSON.stringify(f)} at its bar's close`,
      );
      const later = nextOpen.fills.rows[k];
      assert.equal(f.side, later.side);
      const i = gappyBars.times.indexOf(Date.parse(later.timestamp));
      assert.equal(
        Date.parse(f.timestamp),
        gappyBars.times[i - 1],
        `fill ${k}: close mode fills on the bar before next-open's`,
      );
    });

    // On the sample data as well: each fill at the close of the bar with the fill's timestamp.
    const sample = backtest(...SAMPLE_ARGS, '--fill', 'close').out;
    assert.equal(sample.fills.rows.length, base.out.fills.rows.length);
    for (const f of sample.fills.rows) {
      const bars = sampleBars.get(f.instrument)!;
      assert.equal(
        units(f.price),
        units(barAt(bars, f.timestamp, `fill ${f.order_id}`).close),
        `fill ${JSON.stringify(f)}`,
      );
    }
  });

  test('each --param override shows in run.json and changes the run', () => {
    const { run, out } = backtest(
      ...SAMPLE_ARGS,
      '--param',
      'fast=5',
      '--param',
      'slow=20',
      '--param',
      'qty=7',
    );
    assert.deepEqual(out.runJson.params, { fast: 5, slow: 20, qty: 7 });
    assert.ok(out.fills.rows.length > 0);
    for (const f of out.fills.rows) assert.equal(f.quantity, '7', `fill ${JSON.stringify(f)}`);
    for (const t of out.trades.rows) assert.equal(t.quantity, '7');
    assert.notDeepEqual(
      out.fills.rows.map((f) => f.timestamp),
      base.out.fills.rows.map((f) => f.timestamp),
      'other periods, other signals',
    );
    assert.match(run.stdout, /backtest: sma-cross/);

    // One override keeps the other defaults.
    const one = backtest(...SAMPLE_ARGS, '--param', 'slow=40').out;
    assert.deepEqual(one.runJson.params, { fast: 10, slow: 40, qty: 100 });
  });

  test('--commission-bps 10 charges 0.1% of notional on every fill', () => {
    const { out } = backtest(...SAMPLE_ARGS, '--commission-bps', '10');
    assert.equal(out.runJson.commissionBps, 10);
    const s = out.metrics.summary;
    assert.equal(
      out.fills.rows.length,
      base.out.fills.rows.length,
      'costs do not change sma-cross signals here',
    );
    for (const f of out.fills.rows) {
      const notional = units(f.price) * Number(f.quantity); // cents
      const fee = Math.floor((notional + 500) / 1000); // 10 bps = 1/1000, rounded half up to the cent
      assert.equal(units(f.fee), fee, `fee of ${JSON.stringify(f)}: 0.1% of ${notional / 100}`);
      assert.ok(fee > 0);
    }
    assert.equal(sum(out.fills.rows.map((f) => units(f.fee))), units(s.fees), 'Σ fills.fee = summary.fees');
    assert.ok(units(s.fees) > 0);
    const flow = sum(
      out.fills.rows.map((f) => (f.side === 'BUY' ? -1 : 1) * units(f.price) * Number(f.quantity)),
    );
    assert.equal(units(s.startingCash) + flow - units(s.fees), units(s.finalCash), 'fees come out of cash');
    assert.equal(
      units(s.finalEquity),
      units(base.out.metrics.summary.finalEquity) - units(s.fees),
      'same fills, so equity is lower by exactly the fees',
    );
    assert.equal(out.equity.rows.at(-1)!.equity, s.finalEquity);
    // A trade's fees are those of its two fills.
    for (const t of out.trades.rows) {
      const fees = out.fills.rows
        .filter(
          (f) =>
            f.instrument === t.instrument && (f.timestamp === t.entry_time || f.timestamp === t.exit_time),
        )
        .map((f) => units(f.fee));
      assert.equal(units(t.fees), sum(fees), `fees of trade ${JSON.stringify(t)}`);
    }
  });

  test('the same command twice writes byte-identical files', () => {
    const args = [...SAMPLE_ARGS, '--commission-bps', '3', '--slippage-bps', '5'];
    const first = backtest(...args);
    const second = backtest(...args);
    assertSameFiles(first.out.dir, second.out.dir);
    assert.equal(
      first.run.stdout.replace(first.out.dir, '<out>'),
      second.run.stdout.replace(second.out.dir, '<out>'),
      'and the same table',
    );
    // And the default run too.
    assertSameFiles(base.out.dir, backtest(...SAMPLE_ARGS).out.dir);
  });

  test('--config run.json repeats a run: byte-identical files', () => {
    const original = backtest(
      ...SAMPLE_ARGS,
      '--param',
      'fast=5',
      '--param',
      'slow=20',
      '--commission-bps',
      '10',
      '--fill',
      'close',
      '--cash',
      '50000',
    );
    assert.equal(original.out.runJson.cash, 50000);
    const repeat = quantflow(
      'backtest',
      '--config',
      join(original.out.dir, 'run.json'),
      '--out',
      join(original.out.dir, '..', 'repeat'),
    );
    assertOk(repeat);
    const repeatDir = join(original.out.dir, '..', 'repeat');
    assertSameFiles(original.out.dir, repeatDir);
    assert.equal(
      repeat.stdout.replace(repeatDir, '<out>'),
      original.run.stdout.replace(original.out.dir, '<out>'),
      'the same table',
    );
    // The config wins over other options (as documented), so this is the same run again.
    const other = join(tempDir(), 'other');
    assertOk(
      quantflow(
        'backtest',
        '--config',
        join(original.out.dir, 'run.json'),
        '--fill',
        'next-open',
        '--cash',
        '1',
        '--out',
        other,
      ),
    );
    assertSameFiles(original.out.dir, other);
  });
});
