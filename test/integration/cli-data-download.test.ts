/**
 * `quantflow data download` end to end: the real CLI in a child process against the local Binance
 * and Alpaca servers (test/support), downloading several pages into a temporary catalog, resuming
 * after a venue failure, and refusing bad options.
 *
 * The CLI runs asynchronously (`spawn`, not `spawnSync`): the servers live in this process and must
 * keep answering while it runs.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AlpacaServer, type RestReply } from '../support/alpaca-server.js';
import { BinanceServer } from '../support/binance-server.js';
import { CLI_MAIN, REPO_ROOT, assertOk, readCsv, tempDir, type Run } from '../support/cli.js';

/** Runs the built CLI with extra environment variables, without blocking this process. */
function quantflowAsync(env: Record<string, string>, ...args: string[]): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.QUANTFLOW_DEBUG;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { cwd: REPO_ROOT, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const MINUTE_MS = 60_000;
/** 2023-11-14T00:00:00Z */
const T0_MS = Date.UTC(2023, 10, 14);
const iso = (ms: number): string => new Date(ms).toISOString();

/** A Binance kline row for minute `i` after T0: 8-decimal strings, prices on a 0.01 tick. */
function kline(i: number, base = 40_000): unknown[] {
  const cents = base * 100 + ((i * 37) % 5000);
  const price = (c: number): string => `${(c / 100).toFixed(2)}000000`;
  // Four decimals: on both markets' lot grids (BTCUSDT 0.00001, ETHUSDT 0.0001).
  const volume = `${(i % 97) + 1}.${String((i * 7919) % 10_000).padStart(4, '0')}0000`;
  const open = T0_MS + i * MINUTE_MS;
  return [
    open,
    price(cents),
    price(cents + 150),
    price(cents - 120),
    price(cents + 30),
    volume,
    open + 59_999,
    '0',
    1,
    '0',
    '0',
    '0',
  ];
}
const klines = (count: number, base?: number): unknown[][] =>
  Array.from({ length: count }, (_, i) => kline(i, base));

/** The catalog's bars of one instrument, through `data query --out` (the CLI's own reader). */
async function queryCsv(catalog: string, instrument: string): Promise<Record<string, string>[]> {
  const out = join(tempDir('qf-dl-query-'), 'bars.csv');
  const run = await quantflowAsync(
    {},
    'data',
    'query',
    '--catalog',
    catalog,
    '--instrument',
    instrument,
    '--out',
    out,
  );
  assertOk(run);
  return readCsv(out).rows;
}

/** Asserts one bar per minute from `fromMs`, in order, each once, with the kline's exact values. */
function assertKlines(rows: Record<string, string>[], count: number, base?: number): void {
  assert.equal(rows.length, count);
  rows.forEach((row, i) => {
    const k = kline(i, base) as string[];
    assert.equal(row.timestamp, iso(T0_MS + i * MINUTE_MS), `row ${i}`);
    // The kline strings exactly, up to trailing zeros (the CSV writes the market's precision:
    // 2 price decimals, 5 or 4 volume decimals).
    const norm = (text: string): string =>
      text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
    assert.match(row.close, /^\d+\.\d\d$/, 'stored at the market precision, 2 decimals');
    assert.deepEqual(
      [row.open, row.high, row.low, row.close, row.volume].map(norm),
      k.slice(1, 6).map(norm),
      `row ${i}`,
    );
  });
}

describe('data download from Binance (ccxt)', { timeout: 60_000 }, () => {
  let server: BinanceServer;
  let env: Record<string, string>;
  before(async () => {
    server = await BinanceServer.start();
    env = { QUANTFLOW_BINANCE_REST_URL: server.restUrl };
  });
  after(() => server.close());

  const klineRequests = (): number => server.requests.get('/api/v3/klines') ?? 0;
  const download = (catalog: string, symbols: string, minutes: number, ...extra: string[]): Promise<Run> =>
    quantflowAsync(
      env,
      'data',
      'download',
      '--venue',
      'binance',
      '--symbols',
      symbols,
      '--timeframe',
      '1m',
      '--from',
      iso(T0_MS),
      '--to',
      iso(T0_MS + minutes * MINUTE_MS),
      '--catalog',
      catalog,
      ...extra,
    );

  test('several pages of 1000 klines land in the catalog, every bar once, exact', async () => {
    server.klines.set('BTCUSDT', klines(2500));
    server.klines.set('ETHUSDT', klines(1200, 2000));
    server.klinesFailAfter = undefined;
    const catalog = join(tempDir('qf-dl-'), 'catalog');
    const before = klineRequests();
    const run = await download(catalog, 'BTCUSDT,ETH/USDT', 2500);
    assertOk(run);
    // 1000 + 1000 + 500 (a short page ends it), then 1000 + 200.
    assert.equal(klineRequests() - before, 5);
    assert.match(
      run.stdout,
      /^BTCUSDT\.BINANCE: 2500 bars downloaded in 3 request\(s\); 2500 bars in the catalog, first 2023-11-14T00:00:00\.000Z, last 2023-11-15T17:39:00\.000Z$/m,
    );
    assert.match(
      run.stdout,
      /^ETHUSDT\.BINANCE: 1200 bars downloaded in 2 request\(s\); 1200 bars in the catalog/m,
    );
    assert.match(
      run.stdout,
      /^downloaded 3700 bars of 2 instrument\(s\) from binance into .* in 5 request\(s\)$/m,
    );
    // stderr is no terminal: no progress bar, no control characters.
    assert.ok(!run.stderr.includes('\u001b') && !run.stderr.includes('\r'), run.stderr);
    assertKlines(await queryCsv(catalog, 'BTCUSDT.BINANCE'), 2500);
    assertKlines(await queryCsv(catalog, 'ETHUSDT.BINANCE'), 1200, 2000);

    // Run again: everything is complete, nothing is asked for.
    const again = await download(catalog, 'BTCUSDT', 2500);
    assertOk(again);
    assert.equal(klineRequests() - before, 5);
    assert.match(
      again.stdout,
      /BTCUSDT\.BINANCE: 0 bars downloaded in 0 request\(s\), 1d 17h 40m of the range already downloaded; 2500 bars in the catalog/,
    );
  });

  test('resume: a venue that fails after 2 pages → exit 1 naming venue, symbol, time; rerun completes', async () => {
    server.klines.set('BTCUSDT', klines(2500));
    server.klinesFailAfter = (server.requests.get('/api/v3/klines') ?? 0) + 2;
    const catalog = join(tempDir('qf-dl-'), 'catalog');
    const start = klineRequests();
    const failed = await download(catalog, 'BTCUSDT', 2500, '--retries', '1');
    assert.equal(failed.status, 1, failed.stderr);
    assert.match(
      failed.stderr,
      /^error: binance BTCUSDT: download failed at 2023-11-15T09:20:00\.000Z after 2 attempt\(s\): .+$/m,
    );
    assert.match(failed.stderr, /run the same command again to resume/);
    const firstRun = klineRequests() - start;
    assert.equal(firstRun, 4, '2 pages, then the third page tried twice');
    assert.equal((await queryCsv(catalog, 'BTCUSDT.BINANCE')).length, 2000);

    server.klinesFailAfter = undefined;
    const resumed = await download(catalog, 'BTCUSDT', 2500);
    assertOk(resumed);
    const secondRun = klineRequests() - start - firstRun;
    assert.equal(secondRun, 1, 'only the missing page is asked for');
    assert.ok(secondRun < firstRun);
    assert.match(
      resumed.stdout,
      /BTCUSDT\.BINANCE: 500 bars downloaded in 1 request\(s\), 1d 9h 20m of the range already downloaded; 2500 bars in the catalog/,
    );
    assertKlines(await queryCsv(catalog, 'BTCUSDT.BINANCE'), 2500);
  });

  test('a transient failure is retried with backoff and the download completes', async () => {
    server.klines.set('BTCUSDT', klines(1500));
    const catalog = join(tempDir('qf-dl-'), 'catalog');
    const start = klineRequests();
    server.klinesFailAfter = start; // the first request fails ...
    const pending = download(catalog, 'BTCUSDT', 1500, '--retries', '3');
    // ... and the venue is back before the retry (the first backoff is 250–500 ms).
    while (klineRequests() === start) await new Promise((r) => setTimeout(r, 10));
    server.klinesFailAfter = undefined;
    const run = await pending;
    assertOk(run);
    assert.match(
      run.stdout,
      /BTCUSDT\.BINANCE: 1500 bars downloaded in 3 request\(s\); 1500 bars in the catalog/,
    );
    assertKlines(await queryCsv(catalog, 'BTCUSDT.BINANCE'), 1500);
  });

  test('a kline finer than the market precision is an error, never rounded', async () => {
    const rows = klines(10);
    rows[4] = [...rows[4]];
    rows[4][2] = '40001.00500000';
    server.klines.set('BTCUSDT', rows);
    server.klinesFailAfter = undefined;
    const run = await download(join(tempDir('qf-dl-'), 'catalog'), 'BTCUSDT', 10);
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /binance BTCUSDT: download failed at 2023-11-14T00:00:00\.000Z after 1 attempt\(s\): kline .*40001\.00500000.*too-precise/,
    );
  });

  test('bad options exit 1 with a clear message', async () => {
    const catalog = join(tempDir('qf-dl-'), 'catalog');
    const base = [
      'data',
      'download',
      '--catalog',
      catalog,
      '--from',
      iso(T0_MS),
      '--to',
      iso(T0_MS + MINUTE_MS),
    ];
    const cases: [string[], RegExp][] = [
      [
        ['--venue', 'nosuchexchange', '--symbols', 'BTCUSDT'],
        /option --venue nosuchexchange: ccxt has no .*exchange "nosuchexchange"/,
      ],
      [
        ['--venue', 'binance', '--symbols', 'BTCUSDT', '--timeframe', '7x'],
        /option --timeframe: "7x" is not like 1m/,
      ],
      [['--venue', 'binance', '--symbols', 'BTCUSDT', '--timeframe', '7m'], /binance has no timeframe 7m/],
      [['--venue', 'binance', '--symbols', 'BTCUSDT,,ETHUSDT'], /option --symbols: .* has an empty symbol/],
      [
        ['--venue', 'binance', '--symbols', 'NOPE'],
        /binance NOPE: download failed at .* after 1 attempt\(s\): binance has no market NOPE/,
      ],
      [['--venue', 'binance'], /required option '--symbols <list>' not specified/],
      [
        ['--venue', 'binance', '--symbols', 'BTCUSDT', '--retries', '-1'],
        /option --retries: "-1" must be an integer ≥ 0/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await quantflowAsync(env, ...base, ...args);
      assert.equal(run.status, 1, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message, args.join(' '));
    }
    const backwards = await quantflowAsync(
      env,
      ...['data', 'download', '--venue', 'binance', '--symbols', 'BTCUSDT', '--catalog', catalog],
      ...['--from', iso(T0_MS + MINUTE_MS), '--to', iso(T0_MS)],
    );
    assert.equal(backwards.status, 1);
    assert.match(backwards.stderr, /option --to: must be after --from/);
  });
});

describe('data download from Alpaca', { timeout: 60_000 }, () => {
  let server: AlpacaServer;
  let env: Record<string, string>;
  before(async () => {
    server = await AlpacaServer.start();
    env = {
      APCA_API_KEY_ID: 'test-key',
      APCA_API_SECRET_KEY: 'test-secret',
      APCA_API_DATA_URL: server.dataUrl,
    };
  });
  after(() => server.close());

  /** 2021-02-01T16:00Z */
  const START_MS = Date.UTC(2021, 1, 1, 16);
  /** Bars of minutes `first`..`first + count - 1` after START, in Alpaca's REST shape. */
  const alpacaBars = (first: number, count: number): Record<string, unknown>[] =>
    Array.from({ length: count }, (_, k) => {
      const i = first + k;
      const cents = 13_300 + i;
      return {
        t: new Date(START_MS + i * MINUTE_MS).toISOString().replace('.000', ''),
        o: cents / 100,
        h: (cents + 25) / 100,
        l: (cents - 10) / 100,
        c: (cents + 5) / 100,
        v: 1000 + i,
        n: 10,
        vw: cents / 100,
      };
    });
  const page = (first: number, count: number, token: string | null): RestReply => ({
    status: 200,
    body: { bars: alpacaBars(first, count), symbol: 'AAPL', next_page_token: token },
  });
  const download = (catalog: string, ...extra: string[]): Promise<Run> =>
    quantflowAsync(
      env,
      ...['data', 'download', '--venue', 'alpaca', '--symbols', 'AAPL', '--timeframe', '1m'],
      ...['--from', iso(START_MS), '--to', iso(START_MS + 60 * MINUTE_MS), '--catalog', catalog],
      ...extra,
    );
  const barRequests = (): string[] => server.log.requests.map((r) => r.url);

  test('pages followed by page_token, then resume after a failure', async () => {
    server.barPages.clear();
    server.barPages.set('', page(0, 4, 'p2'));
    server.barPages.set('p2', page(4, 4, 'p3'));
    server.barPages.set('p3', { status: 500, body: { message: 'internal server error' } });
    const catalog = join(tempDir('qf-dl-'), 'catalog');
    const failed = await download(catalog, '--retries', '1');
    assert.equal(failed.status, 1, failed.stderr);
    assert.match(
      failed.stderr,
      /^error: alpaca AAPL: download failed at 2021-02-01T16:08:00\.000Z after 2 attempt\(s\): Alpaca .* HTTP 500: internal server error$/m,
    );
    const first = barRequests();
    assert.equal(first.length, 4, 'two pages, then the third tried twice');
    assert.match(
      first[0],
      /timeframe=1Min&start=2021-02-01T16%3A00%3A00\.000Z&end=2021-02-01T16%3A59%3A59\.999999Z/,
    );
    assert.match(first[1], /page_token=p2/);
    assert.equal((await queryCsv(catalog, 'AAPL.ALPACA')).length, 8);

    // The venue is back; a new query starts where the catalog's bars end (a token is one query's).
    server.log.requests.length = 0;
    server.barPages.set('', page(8, 3, 'p4'));
    server.barPages.set('p4', page(11, 2, null));
    const resumed = await download(catalog);
    assertOk(resumed);
    const second = barRequests();
    assert.equal(second.length, 2);
    assert.ok(second.length < first.length);
    assert.match(second[0], /start=2021-02-01T16%3A08%3A00\.000Z/);
    assert.doesNotMatch(second[0], /page_token/);
    assert.match(second[1], /page_token=p4/);
    assert.match(
      resumed.stdout,
      /^AAPL\.ALPACA: 5 bars downloaded in 2 request\(s\), 8m of the range already downloaded; 13 bars in the catalog, first 2021-02-01T16:00:00\.000Z, last 2021-02-01T16:12:00\.000Z$/m,
    );
    const rows = await queryCsv(catalog, 'AAPL.ALPACA');
    assert.deepEqual(
      rows.map((r) => r.timestamp),
      Array.from({ length: 13 }, (_, i) => iso(START_MS + i * MINUTE_MS)),
    );
    // Exact at Alpaca's 4 decimals: 133.05 stays 133.05.
    assert.deepEqual(
      [rows[5].open, rows[5].high, rows[5].low, rows[5].close, rows[5].volume],
      ['133.0500', '133.3000', '132.9500', '133.1000', '1005'],
    );
  });

  test('missing keys and a timeframe Alpaca lacks exit 1', async () => {
    const catalog = join(tempDir('qf-dl-'), 'catalog');
    const args = [
      'data',
      'download',
      '--venue',
      'alpaca',
      '--symbols',
      'AAPL',
      '--from',
      iso(START_MS),
      '--catalog',
      catalog,
    ];
    const noKeys = await quantflowAsync({ APCA_API_KEY_ID: '', APCA_API_SECRET_KEY: '' }, ...args);
    assert.equal(noKeys.status, 1);
    assert.match(noKeys.stderr, /option --venue alpaca: Alpaca needs API keys: set APCA_API_KEY_ID/);
    const badTf = await quantflowAsync(env, ...args, '--timeframe', '2d');
    assert.equal(badTf.status, 1);
    assert.match(badTf.stderr, /Alpaca has no timeframe 2d/);
  });
});
