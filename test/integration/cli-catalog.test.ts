/**
 * `quantflow data import`, `data query` and `backtest --catalog` end to end: the real CLI on the
 * bundled sample data, through a temporary catalog (Parquet files written by DuckDB).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT as ROOT, assertOk, quantflow, startQuantflow, tempDir } from '../support/cli.js';

const SAMPLES = ['spy', 'qqq', 'iwm'];
const DATA_ARGS = SAMPLES.flatMap((s) => ['--data', `data/sample/${s}.csv`]);
const INSTRUMENTS = ['--instruments', 'data/sample/instruments.json'];

/** All Parquet files under `dir`, relative, sorted. */
function parquetFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.parquet')).sort();
}

describe('quantflow data import / query', () => {
  let catalog = '';
  before(() => {
    catalog = join(tempDir('qf-catalog-'), 'catalog');
    const run = quantflow('data', 'import', '--catalog', catalog, ...DATA_ARGS, ...INSTRUMENTS);
    assertOk(run);
    assert.match(run.stdout, /SPY\.SIM: 504 bars from data\/sample\/spy\.csv into 24 month\(s\), 0 replaced/);
    assert.match(run.stdout, /imported 1512 bars/);
  });

  test('every sample file comes back byte-identical, one Parquet file per instrument-month', () => {
    const out = tempDir('qf-query-');
    for (const symbol of SAMPLES) {
      const file = join(out, `${symbol}.csv`);
      const run = quantflow(
        'data',
        'query',
        '--catalog',
        catalog,
        '--instrument',
        `${symbol.toUpperCase()}.SIM`,
        '--out',
        file,
      );
      assertOk(run);
      assert.match(run.stdout, /504 bars, first 2023-01-02T00:00:00\.000Z, last 2024-12-05T00:00:00\.000Z/);
      assert.equal(
        readFileSync(file, 'utf8'),
        readFileSync(join(ROOT, 'data/sample', `${symbol}.csv`), 'utf8'),
      );
    }
    const files = parquetFiles(catalog);
    assert.equal(files.length, 3 * 24);
    assert.ok(files.includes(join('bars', 'instrument_id=SPY.SIM', 'month=2023-01', 'data.parquet')));
  });

  test('a time range is [from, to)', () => {
    const run = quantflow(
      'data',
      'query',
      '--catalog',
      catalog,
      '--instrument',
      'QQQ.SIM',
      '--from',
      '2023-03-01',
      '--to',
      '2023-04-03',
    );
    assertOk(run);
    assert.equal(
      run.stdout,
      'QQQ.SIM: 23 bars, first 2023-03-01T00:00:00.000Z, last 2023-03-31T00:00:00.000Z\n',
    );
  });

  test('re-importing is idempotent: same bars replaced, no duplicates', () => {
    const run = quantflow('data', 'import', '--catalog', catalog, '--data', 'data/sample/spy.csv');
    assertOk(run);
    assert.match(run.stdout, /SPY\.SIM: 504 bars .* 504 replaced/);
    const out = join(tempDir('qf-query-'), 'spy.csv');
    assertOk(quantflow('data', 'query', '--catalog', catalog, '--instrument', 'SPY.SIM', '--out', out));
    assert.equal(readFileSync(out, 'utf8'), readFileSync(join(ROOT, 'data/sample/spy.csv'), 'utf8'));
    assert.equal(parquetFiles(catalog).length, 3 * 24);
  });

  test('a backtest from the catalog gives the same metrics.json as from the CSV files', () => {
    const dir = tempDir('qf-runs-');
    const args = ['-s', 'sma-cross', '--no-progress'];
    assertOk(quantflow('backtest', ...DATA_ARGS, ...INSTRUMENTS, ...args, '--out', join(dir, 'csv')));
    assertOk(quantflow('backtest', '--catalog', catalog, ...args, '--out', join(dir, 'catalog')));
    for (const file of ['metrics.json', 'fills.csv', 'equity.csv']) {
      assert.equal(
        readFileSync(join(dir, 'catalog', file), 'utf8'),
        readFileSync(join(dir, 'csv', file), 'utf8'),
        `${file} differs`,
      );
    }
    // --from/--to restrict the bars; run.json repeats the run.
    const ranged = quantflow(
      'backtest',
      '--catalog',
      catalog,
      '--from',
      '2024-01-01',
      ...args,
      '--out',
      join(dir, 'ranged'),
    );
    assertOk(ranged);
    assert.match(ranged.stdout, /Bars\s+│\s+732 │/);
    const again = quantflow('backtest', '--config', join(dir, 'ranged', 'run.json'), '--no-progress');
    assertOk(again);
    assert.match(again.stdout, /Bars\s+│\s+732 │/);
  });

  test('backtest --catalog --serve also serves the catalog at /market/:id/history; paper refuses --catalog without --serve', async () => {
    const cli = startQuantflow([
      'backtest',
      '--catalog',
      catalog,
      '-s',
      'sma-cross',
      '--no-progress',
      '--serve',
      '--port',
      '0',
      '--duration',
      '20s',
    ]);
    try {
      const [, base] = await cli.waitFor(/^report: (http:\/\/127\.0\.0\.1:\d+)\//m);
      const page = (await (await fetch(`${base}/api/v1/market/SPY.SIM/history?limit=3`)).json()) as {
        bars: { open: string; tsEvent: number }[];
        next: number | null;
      };
      const firstRow = readFileSync(join(ROOT, 'data/sample/spy.csv'), 'utf8').split('\n')[1]!.split(',');
      assert.equal(page.bars.length, 3);
      assert.equal(Number(page.bars[0]!.open), Number(firstRow[1]), 'the first bar of spy.csv');
      assert.ok(page.next !== null && page.next > page.bars[2]!.tsEvent, 'a next page after the third bar');
    } finally {
      cli.kill('SIGTERM');
      assert.equal((await cli.exited).status, 0);
    }
    const refused = quantflow('paper', '--catalog', catalog, '--duration', '1s');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /--catalog needs --serve/);
  });
});

describe('bad input exits 1 naming the culprit', () => {
  test('missing CSV file: nothing is imported', () => {
    const catalog = join(tempDir('qf-catalog-'), 'catalog');
    const run = quantflow(
      'data',
      'import',
      '--catalog',
      catalog,
      '--data',
      'data/sample/spy.csv',
      '--data',
      'nope.csv',
    );
    assert.equal(run.status, 1);
    assert.match(run.stderr, /nope\.csv: cannot read bars: no such file/);
    assert.equal(run.stdout, '');
  });

  test('malformed CSV line names the file and line', () => {
    const dir = tempDir('qf-bad-');
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'timestamp,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,abc,9,10,100\n',
    );
    const run = quantflow('data', 'import', '--catalog', join(dir, 'catalog'), '--data', bad);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /bad\.csv:3 \(high\)/);
  });

  test('unknown instrument on query, and a folder that is no catalog', () => {
    const catalog = join(tempDir('qf-catalog-'), 'catalog');
    assertOk(quantflow('data', 'import', '--catalog', catalog, '--data', 'data/sample/iwm.csv'));
    const unknown = quantflow('data', 'query', '--catalog', catalog, '--instrument', 'XYZ.SIM');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /unknown instrument XYZ\.SIM; the catalog has IWM\.SIM/);
    const none = quantflow('data', 'query', '--catalog', join(catalog, 'nothing'), '--instrument', 'IWM.SIM');
    assert.equal(none.status, 1);
    assert.match(none.stderr, /nothing: not a catalog/);
    const noCatalog = quantflow('backtest', '--catalog', join(catalog, 'nothing'), '-s', 'sma-cross');
    assert.equal(noCatalog.status, 1);
    assert.match(noCatalog.stderr, /nothing: not a catalog/);
  });
});
