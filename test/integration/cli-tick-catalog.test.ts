/**
 * Ticks in the catalog end to end: `quantflow data import --kind trades|quotes` (CSV),
 * `data import --recording` (a `stream --record` folder), `data query --kind trades|quotes`, and
 * `backtest --catalog --trade-bars`: the real CLI, real DuckDB and Parquet files in a temp folder.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatBarsCsv } from '../../src/adapters/csv/bar-csv-writer.js';
import { createBarAggregator } from '../../src/data/aggregation/index.js';
import type { Bar } from '../../src/model/data/bar.js';
import type { InstrumentId } from '../../src/model/identifiers/instrument-id.js';
import { assertOk, quantflow, tempDir } from '../support/cli.js';

const FIXTURES = 'test/fixtures/ticks';
const TRADES = `${FIXTURES}/btcusdt-trades.csv`;
const QUOTES = `${FIXTURES}/btcusdt-quotes.csv`;
const RECORDING = `${FIXTURES}/recording`;

function parquetFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.parquet')).sort();
}

function query(
  catalog: string,
  kind: string,
  instrument: string,
  ...rest: string[]
): { stdout: string; csv: string } {
  const out = join(tempDir('qf-tick-query-'), `${kind}.csv`);
  const run = quantflow(
    'data',
    'query',
    '--catalog',
    catalog,
    '--kind',
    kind,
    '--instrument',
    instrument,
    '--out',
    out,
    ...rest,
  );
  assertOk(run);
  return { stdout: run.stdout, csv: readFileSync(out, 'utf8') };
}

describe('quantflow data import / query --kind trades|quotes', () => {
  let catalog = '';
  before(() => {
    catalog = join(tempDir('qf-ticks-'), 'catalog');
    const base = ['data', 'import', '--catalog', catalog, '--instrument', 'BTCUSDT.BINANCE'];
    const trades = quantflow(...base, '--kind', 'trades', '--file', TRADES);
    assertOk(trades);
    assert.equal(
      trades.stdout,
      `BTCUSDT.BINANCE: 5 trades from ${TRADES} into 2 day(s), 0 already stored\nimported 5 new trades and 0 new quotes into ${catalog}\n`,
    );
    const quotes = quantflow(...base, '--kind', 'quotes', '--file', QUOTES);
    assertOk(quotes);
    assert.match(quotes.stdout, /BTCUSDT\.BINANCE: 4 quotes from .* into 2 day\(s\), 1 already stored/);
  });

  test('trades come back exactly at the instrument precision, one Parquet file per instrument-day', () => {
    const { stdout, csv } = query(catalog, 'trades', 'BTCUSDT.BINANCE');
    assert.equal(
      stdout.split('\n')[0],
      'BTCUSDT.BINANCE: 5 trades, first 2024-03-31T23:59:59.999Z, last 2024-04-01T00:00:01.500Z',
    );
    assert.equal(
      csv,
      [
        'timestamp,price,size,side,trade_id',
        '2024-03-31T23:59:59.999Z,70001.25,0.00150,buy,1001',
        '2024-03-31T23:59:59.999Z,70001.50,0.20000,sell,1002',
        '2024-04-01T00:00:00.000Z,70000.00,1.50000,none,1003',
        '2024-04-01T00:00:00.000001Z,69999.99,0.00001,buy,1004',
        '2024-04-01T00:00:01.500Z,70002.10,3.00000,sell,1005',
        '',
      ].join('\n'),
    );
    assert.deepEqual(parquetFiles(join(catalog, 'trades')), [
      join('instrument_id=BTCUSDT.BINANCE', 'date=2024-03-31', 'data.parquet'),
      join('instrument_id=BTCUSDT.BINANCE', 'date=2024-04-01', 'data.parquet'),
    ]);
    const definitions = JSON.parse(readFileSync(join(catalog, 'instruments.json'), 'utf8')) as unknown[];
    assert.deepEqual(definitions, [
      { id: 'BTCUSDT.BINANCE', tickSize: '0.01', lotSize: '0.00001', currency: 'USD', multiplier: 1 },
    ]);
  });

  test('a range is [from, to), in ms or µs', () => {
    const day = query(
      catalog,
      'trades',
      'BTCUSDT.BINANCE',
      '--from',
      '2024-04-01',
      '--to',
      '2024-04-01T00:00:01.5Z',
    );
    assert.equal(
      day.stdout.split('\n')[0],
      'BTCUSDT.BINANCE: 2 trades, first 2024-04-01T00:00:00.000Z, last 2024-04-01T00:00:00.000001Z',
    );
    const none = quantflow(
      'data',
      'query',
      '--catalog',
      catalog,
      '--kind',
      'trades',
      '--instrument',
      'BTCUSDT.BINANCE',
      '--to',
      '1711929599999',
    );
    assertOk(none);
    assert.equal(none.stdout, 'BTCUSDT.BINANCE: 0 trades\n');
  });

  test('quotes come back exactly; the repeated quote was stored once', () => {
    const { stdout, csv } = query(catalog, 'quotes', 'BTCUSDT.BINANCE');
    assert.match(
      stdout,
      /^BTCUSDT\.BINANCE: 3 quotes, first 2024-03-31T23:59:59\.999Z, last 2024-04-01T00:00:00\.250Z\n/,
    );
    assert.equal(
      csv,
      [
        'timestamp,bid,ask,bid_size,ask_size',
        '2024-03-31T23:59:59.999Z,70001.00,70001.25,1.20000,0.50000',
        '2024-04-01T00:00:00.000Z,69999.99,70000.00,0.25000,3.00000',
        '2024-04-01T00:00:00.250Z,69999.50,70000.01,0.00000,0.00100',
        '',
      ].join('\n'),
    );
  });

  test('re-importing, or importing the query output, stores nothing twice', () => {
    const again = quantflow(
      'data',
      'import',
      '--catalog',
      catalog,
      '--kind',
      'trades',
      '--file',
      TRADES,
      '--instrument',
      'BTCUSDT.BINANCE',
    );
    assertOk(again);
    assert.match(again.stdout, /5 trades from .* 5 already stored\nimported 0 new trades/);
    const out = join(tempDir('qf-tick-query-'), 'btcusdt.csv');
    assertOk(
      quantflow(
        'data',
        'query',
        '--catalog',
        catalog,
        '--kind',
        'trades',
        '--instrument',
        'BTCUSDT.BINANCE',
        '-o',
        out,
      ),
    );
    const back = quantflow(
      'data',
      'import',
      '--catalog',
      catalog,
      '--kind',
      'trades',
      '--file',
      out,
      '--instrument',
      'BTCUSDT.BINANCE',
    );
    assertOk(back);
    assert.match(back.stdout, /5 already stored/);
    assert.match(query(catalog, 'trades', 'BTCUSDT.BINANCE').stdout, /: 5 trades,/);
  });

  test('trades without ids get ids from their time, so a re-import adds nothing', () => {
    const dir = join(tempDir('qf-ticks-'), 'catalog');
    const file = `${FIXTURES}/trades-no-ids.csv`;
    assertOk(quantflow('data', 'import', '--catalog', dir, '--kind', 'trades', '--file', file));
    const again = quantflow('data', 'import', '--catalog', dir, '--kind', 'trades', '--file', file);
    assertOk(again);
    assert.match(again.stdout, /^TRADES-NO-IDS\.SIM: 3 trades .* 3 already stored/);
    const { csv } = query(dir, 'trades', 'TRADES-NO-IDS.SIM');
    assert.deepEqual(
      csv
        .trim()
        .split('\n')
        .map((l) => l.split(',').slice(3).join(',')),
      ['side,trade_id', 'none,1711929600000000-0', 'none,1711929600000000-1', 'none,1711929600001000-0'],
    );
  });
});

describe('quantflow data import --recording', () => {
  test('imports the trades and quotes of a recording fixture, in event time, without repeats', () => {
    const catalog = join(tempDir('qf-ticks-'), 'catalog');
    const run = quantflow('data', 'import', '--catalog', catalog, '--recording', RECORDING);
    assertOk(run);
    const file = join(RECORDING, 'events.jsonl');
    assert.equal(
      run.stdout,
      [
        `BTCUSD.SIM: 2 quotes from ${file} into 2 day(s), 0 already stored`,
        `BTCUSD.SIM: 4 trades from ${file} into 2 day(s), 1 already stored`,
        `ETHUSD.SIM: 1 trades from ${file} into 1 day(s), 0 already stored`,
        `${file}: skipped 1 book update(s) and 1 bar(s)`,
        `imported 4 new trades and 2 new quotes into ${catalog}`,
        '',
      ].join('\n'),
    );
    const { csv } = query(catalog, 'trades', 'BTCUSD.SIM');
    assert.deepEqual(csv.trim().split('\n').slice(1), [
      '2024-03-31T23:59:59.999400Z,70000.00,1.000,none,9',
      '2024-03-31T23:59:59.999500Z,70000.50,0.250,buy,7',
      '2024-04-01T00:00:00.000100Z,70000.25,0.125,sell,8',
    ]);
    const definitions = readFileSync(join(catalog, 'instruments.json'), 'utf8');
    assert.match(definitions, /"id":"BTCUSD\.SIM","tickSize":"0\.01","lotSize":"0\.001"/);
    assert.match(definitions, /"id":"ETHUSD\.SIM","tickSize":"0\.1","lotSize":"1"/);
  });

  test('imports what `quantflow stream --record` wrote: every recorded trade and quote', () => {
    const dir = tempDir('qf-rec-');
    const rec = join(dir, 'rec');
    assertOk(
      quantflow('stream', '--venue', 'sim', '--symbols', 'BTCUSD', '--duration', '2s', '--record', rec),
    );
    const lines = readFileSync(join(rec, 'events.jsonl'), 'utf8').trim().split('\n');
    const count = (type: string): number => lines.filter((l) => l.startsWith(`{"type":"${type}"`)).length;
    assert.ok(count('trade') > 0 && count('quote') > 0, 'the simulator traded and quoted');
    const catalog = join(dir, 'catalog');
    assertOk(quantflow('data', 'import', '--catalog', catalog, '--recording', rec));
    const trades = quantflow(
      'data',
      'query',
      '--catalog',
      catalog,
      '--kind',
      'trades',
      '--instrument',
      'BTCUSD.SIM',
    );
    assertOk(trades);
    assert.match(trades.stdout, new RegExp(`^BTCUSD\\.SIM: ${count('trade')} trades,`));
    const quotes = quantflow(
      'data',
      'query',
      '--catalog',
      catalog,
      '--kind',
      'quotes',
      '--instrument',
      'BTCUSD.SIM',
    );
    assertOk(quotes);
    const stored = Number(/: (\d+) quotes/.exec(quotes.stdout)?.[1]);
    // Identical quotes within one µs are one quote; the simulator seldom sends such repeats.
    assert.ok(stored > 0 && stored <= count('quote'), quotes.stdout);
  });
});

describe('quantflow backtest --catalog --trade-bars', () => {
  test('runs on bars aggregated from catalog trades, as a backtest on those bars as CSV does', () => {
    const dir = tempDir('qf-tick-bt-');
    // Two days of trades every 20 s, a deterministic random walk in cents.
    const id = 'SYNTH.SIM' as InstrumentId;
    const start = Date.UTC(2024, 0, 1);
    const lines = ['timestamp,price,size,side'];
    const trades: { ts: number; price: number; size: number }[] = [];
    let state = 7;
    let price = 100_00;
    for (let t = 0; t < 2 * 86_400_000; t += 20_000) {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      price = Math.max(1_00, price + Math.round((state / 2_147_483_648 - 0.5) * 30));
      const size = 1 + (state % 50);
      trades.push({ ts: start + t, price, size });
      lines.push(`${start + t},${(price / 100).toFixed(2)},${size},${state % 2 === 0 ? 'buy' : 'sell'}`);
    }
    const csv = join(dir, 'synth-trades.csv');
    writeFileSync(csv, lines.join('\n') + '\n');
    const catalog = join(dir, 'catalog');
    assertOk(
      quantflow(
        'data',
        'import',
        '--catalog',
        catalog,
        '--kind',
        'trades',
        '--file',
        csv,
        '--instrument',
        'SYNTH.SIM',
      ),
    );

    const args = ['-s', 'sma-cross', '--no-progress'];
    const run = quantflow(
      'backtest',
      '--catalog',
      catalog,
      '--trade-bars',
      '5m',
      '--to',
      '2024-01-03',
      ...args,
      '--out',
      join(dir, 'ticks'),
    );
    assertOk(run);
    assert.match(run.stdout, /Bars\s+│\s+576 │/);

    // The same 5-minute bars, built here by the aggregator from the same trades, run from CSV.
    const bars: Bar[] = [];
    const aggregator = createBarAggregator(id, '5m', (b) => bars.push(b), {
      pricePrecision: 2,
      sizePrecision: 0,
    });
    for (const t of trades) aggregator.handleRaw(t.price, t.size, t.ts * 1000, t.ts * 1000);
    aggregator.advanceTime(Date.UTC(2024, 0, 3) * 1000);
    assert.equal(bars.length, 576);
    mkdirSync(join(dir, 'bars'));
    writeFileSync(join(dir, 'bars', 'synth.csv'), formatBarsCsv(bars, { timestamps: 'iso' }));
    const fromCsv = quantflow(
      'backtest',
      '--data',
      join(dir, 'bars', 'synth.csv'),
      '--instruments',
      join(catalog, 'instruments.json'),
      ...args,
      '--out',
      join(dir, 'csv'),
    );
    assertOk(fromCsv);
    for (const file of ['metrics.json', 'fills.csv', 'equity.csv']) {
      assert.equal(
        readFileSync(join(dir, 'ticks', file), 'utf8'),
        readFileSync(join(dir, 'csv', file), 'utf8'),
        `${file} differs`,
      );
    }
    assert.ok(
      readFileSync(join(dir, 'ticks', 'fills.csv'), 'utf8')
        .trim()
        .split('\n').length > 1,
      'the strategy traded',
    );

    const again = quantflow('backtest', '--config', join(dir, 'ticks', 'run.json'), '--no-progress');
    assertOk(again);
    assert.match(again.stdout, /Bars\s+│\s+576 │/);

    const bad = quantflow('backtest', '--catalog', catalog, '--trade-bars', '5 parsecs', ...args);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /5 parsecs/);
    const noCatalog = quantflow(
      'backtest',
      '--data',
      join(dir, 'bars', 'synth.csv'),
      '--trade-bars',
      '1m',
      ...args,
    );
    assert.equal(noCatalog.status, 1);
    assert.match(noCatalog.stderr, /--trade-bars needs --catalog/);
  });
});

describe('bad tick input exits 1 naming file:line and field, and writes nothing', () => {
  test('a malformed trades CSV line', () => {
    const dir = tempDir('qf-bad-ticks-');
    const bad = join(dir, 'bad-trades.csv');
    writeFileSync(
      bad,
      'timestamp,price,size,side\n2024-01-02T00:00:00Z,10,1,buy\n2024-01-02T00:00:01Z,abc,1,sell\n',
    );
    const catalog = join(dir, 'catalog');
    const run = quantflow(
      'data',
      'import',
      '--catalog',
      catalog,
      '--kind',
      'trades',
      '--file',
      TRADES,
      '--file',
      bad,
    );
    assert.equal(run.status, 1);
    assert.match(run.stderr, /bad-trades\.csv:3 \(price\): "abc" is not a number/);
    assert.equal(run.stdout, '');
    assert.equal(existsSync(catalog), false);
  });

  test('an unknown side, a decreasing time and a quote off the stored tick grid', () => {
    const dir = tempDir('qf-bad-ticks-');
    const catalog = join(dir, 'catalog');
    assertOk(
      quantflow(
        'data',
        'import',
        '--catalog',
        catalog,
        '--kind',
        'trades',
        '--file',
        TRADES,
        '--instrument',
        'BTCUSDT.BINANCE',
      ),
    );
    const cases: [string, string, string, RegExp][] = [
      [
        'trades',
        'side.csv',
        'timestamp,price,size,side\n1,10,1,up\n',
        /side\.csv:2 \(side\): unknown side "up"/,
      ],
      [
        'trades',
        'order.csv',
        'timestamp,price,size\n1711929600001,10,1\n1711929600000,10,1\n',
        /order\.csv:3 \(timestamp\): .* must not decrease/,
      ],
      [
        'quotes',
        'grid.csv',
        'timestamp,bid,ask,bid_size,ask_size\n1,1.5,1.505,1,1\n',
        /grid\.csv:2 \(ask\): ask 1\.505 has 3 decimals, more than the tick size 0\.01 of BTCUSDT\.BINANCE allows/,
      ],
    ];
    for (const [kind, name, text, error] of cases) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const run = quantflow(
        'data',
        'import',
        '--catalog',
        catalog,
        '--kind',
        kind,
        '--file',
        QUOTES,
        '--file',
        file,
        '--instrument',
        'BTCUSDT.BINANCE',
      );
      // Two files with one --instrument is refused; one file names the line.
      assert.equal(run.status, 1);
      const single = quantflow(
        'data',
        'import',
        '--catalog',
        catalog,
        '--kind',
        kind,
        '--file',
        file,
        '--instrument',
        'BTCUSDT.BINANCE',
      );
      assert.equal(single.status, 1);
      assert.match(single.stderr, error);
    }
    assert.deepEqual(parquetFiles(join(catalog, 'quotes')), []);
  });

  test('a malformed recording line', () => {
    const dir = tempDir('qf-bad-rec-');
    const text = readFileSync(join(RECORDING, 'events.jsonl'), 'utf8').split('\n');
    text[3] = text[3].replace('"price":"3500.1"', '"price":3500.1');
    writeFileSync(join(dir, 'events.jsonl'), text.join('\n'));
    const catalog = join(dir, 'catalog');
    const run = quantflow('data', 'import', '--catalog', catalog, '--recording', dir);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /events\.jsonl:4: malformed event: price: expected a string/);
    assert.equal(existsSync(catalog), false);
  });
});
