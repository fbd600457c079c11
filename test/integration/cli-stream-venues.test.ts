/**
 * `quantflow stream` on network venues, end to end: the built CLI runs as a child process with
 * environment variables pointing at a local Binance (test/support/binance-server.ts) or Alpaca
 * (test/support/alpaca-server.ts) on 127.0.0.1, started in this process. No real venue is contacted.
 *
 * The child is spawned asynchronously (not with the harness's `spawnSync`): the servers live in
 * this process's event loop and must answer while the CLI runs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlpacaServer, alpacaFixture } from '../support/alpaca-server.js';
import { BinanceServer, binanceFixture, type DepthSnapshot } from '../support/binance-server.js';
import { assertOk, quantflowAsync, tempDir, type Run } from '../support/cli.js';

/** The last per-second line the CLI printed (stdout is not a TTY: one line per second, then a final one). */
const lastLine = (run: Run): string =>
  run.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('['))!
    .at(-1)!;

describe('stream --venue binance (ccxt) against a local Binance', { timeout: 60_000 }, () => {
  let server: BinanceServer;
  let env: Record<string, string>;
  before(async () => {
    server = await BinanceServer.start();
    // ETHUSDT's book is subscribed too; its snapshot is served from the same fixture.
    server.depth.set('ETHUSDT', binanceFixture<DepthSnapshot>('depth-snapshot.json'));
    env = { QUANTFLOW_BINANCE_REST_URL: server.restUrl, QUANTFLOW_BINANCE_WS_URL: server.wsUrl };
  });
  after(async () => {
    await server.close();
  });

  it('streams trades, ticker quotes and the book of BTC/USDT and ETHUSDT, records them, exits 0', async () => {
    const dir = tempDir('qf-stream-binance-');
    const args = ['stream', '--venue', 'binance', '--symbols', 'BTC/USDT,ETHUSDT', '--duration', '3s'];
    const running = quantflowAsync([...args, '--bars', '1m', '--record', dir], env);
    for (const stream of ['btcusdt@trade', 'btcusdt@ticker', 'btcusdt@depth@100ms', 'ethusdt@trade'])
      await server.waitForSubscription(stream, 15_000);

    const trade = binanceFixture<Record<string, unknown>>('trade.json');
    server.send('btcusdt@trade', trade); // 42000.15 × 0.0125
    server.send('ethusdt@trade', { ...trade, s: 'ETHUSDT', t: 77, p: '2250.50000000', q: '0.50000000' });
    // A 24hrTicker event as Binance documents it; only the best bid/ask fields matter here.
    server.send('btcusdt@ticker', {
      e: '24hrTicker',
      E: 1700000000300,
      s: 'BTCUSDT',
      p: '10.00000000',
      P: '0.024',
      w: '41990.00000000',
      x: '41990.00000000',
      c: '42000.15000000',
      Q: '0.01250000',
      b: '42000.10000000',
      B: '1.50000000',
      a: '42000.20000000',
      A: '0.80000000',
      o: '41990.15000000',
      h: '42100.00000000',
      l: '41900.00000000',
      v: '1234.00000000',
      q: '51800000.00000000',
      O: 1699913600300,
      C: 1700000000300,
      F: 1,
      L: 5001,
      n: 5001,
    });
    server.send('btcusdt@depth@100ms', binanceFixture('depth-update.json'));

    const run = await running;
    assertOk(run);
    const line = lastLine(run);
    assert.match(
      line,
      /BTCUSDT\.BINANCE last 42000\.15 bid 42000\.10 x 1\.50000 ask 42000\.20 x 0\.80000 vol 0\.01250/,
    );
    assert.match(line, /ETHUSDT\.BINANCE last 2250\.50 bid .* vol 0\.5000/);
    assert.match(line, /feed BINANCE .* malformed 0 \| invalid 0/);
    assert.match(run.stdout, /recorded \d+ events/);
    const recorded = readFileSync(join(dir, 'events.jsonl'), 'utf8');
    assert.match(recorded, /"type":"trade","id":"BTCUSDT.BINANCE".*"price":"42000.15"/);
    assert.match(recorded, /"type":"book","id":"BTCUSDT.BINANCE"/);
  });

  it('exits 1 naming the market when a symbol is not on the venue', async () => {
    const run = await quantflowAsync(
      ['stream', '--venue', 'binance', '--symbols', 'DOGE/EUR', '--duration', '2s'],
      env,
    );
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /binance has no market "DOGE\/EUR"/);
  });
});

describe('stream --venue alpaca against a local Alpaca', { timeout: 60_000 }, () => {
  let server: AlpacaServer;
  let env: Record<string, string>;
  before(async () => {
    server = await AlpacaServer.start();
    env = {
      APCA_API_KEY_ID: 'test-key',
      APCA_API_SECRET_KEY: 'test-secret',
      APCA_API_STREAM_URL: server.streamUrl,
      APCA_API_DATA_URL: server.dataUrl,
    };
  });
  after(async () => {
    await server.close();
  });

  it('streams trades, quotes and minute bars and exits 0', async () => {
    const args = ['stream', '--venue', 'alpaca', '--symbols', 'AAPL,AMD,SPY', '--duration', '3s'];
    const running = quantflowAsync(args, env);
    // Subscriptions go out one by one (trades, quotes, bars per symbol); SPY's bars come last.
    await server.waitFor(() => server.subscriptions().bars.includes('SPY'), 'the subscriptions', 15_000);
    server.send(alpacaFixture<unknown[]>('stream/trades-before-drop.json')); // AAPL 126.55 × 1, 126.5501 × 100
    server.send(alpacaFixture<unknown[]>('stream/quote.json')); // AMD 87.66 × 1 / 87.68 × 4
    server.send(alpacaFixture<unknown[]>('stream/bar.json')); // one SPY minute bar

    const run = await running;
    assertOk(run);
    const line = lastLine(run);
    assert.match(line, /AAPL\.ALPACA last 126\.5501 bid - ask - vol 101 venue-bars 0/);
    assert.match(line, /AMD\.ALPACA last - bid 87\.6600 x 1 ask 87\.6800 x 4 vol 0 venue-bars 0/);
    assert.match(line, /SPY\.ALPACA last - bid - ask - vol 0 venue-bars 1/);
    assert.match(line, /feed ALPACA .* malformed 0 \| invalid 0/);
  });

  it('takes its settings from --config FILE instead of the environment', async () => {
    const file = join(tempDir('qf-alpaca-config-'), 'alpaca.json');
    const { APCA_API_KEY_ID: keyId, APCA_API_SECRET_KEY: secretKey } = env;
    writeFileSync(
      file,
      JSON.stringify({ keyId, secretKey, streamUrl: server.streamUrl, dataUrl: server.dataUrl }),
    );
    const args = ['stream', '--venue', 'alpaca', '--config', file, '--symbols', 'aapl', '--duration', '2s'];
    const running = quantflowAsync(args);
    await server.waitFor(() => server.subscriptions().bars.includes('AAPL'), 'the subscriptions', 15_000);
    server.send(alpacaFixture<unknown[]>('stream/trades-before-drop.json'));
    const run = await running;
    assertOk(run);
    assert.match(lastLine(run), /AAPL\.ALPACA last 126\.5501 /);
  });

  it('exits 1 when Alpaca refuses the keys', async () => {
    const run = await quantflowAsync(
      ['stream', '--venue', 'alpaca', '--symbols', 'AAPL', '--duration', '2s'],
      {
        ...env,
        APCA_API_SECRET_KEY: 'wrong',
      },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /cannot connect to ALPACA: .*402/);
  });
});

describe('stream: network venues that cannot start exit 1 without connecting', () => {
  it('Alpaca without keys names the variables', async () => {
    const run = await quantflowAsync([
      'stream',
      '--venue',
      'alpaca',
      '--symbols',
      'AAPL',
      '--duration',
      '2s',
    ]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /APCA_API_KEY_ID and APCA_API_SECRET_KEY/);
  });

  it('an id ccxt does not know, or one without a WebSocket API, is refused', async () => {
    const unknown = await quantflowAsync(['stream', '--venue', 'nosuchexchange', '--duration', '2s']);
    assert.equal(unknown.status, 1, unknown.stderr);
    assert.match(unknown.stderr, /unknown venue 'nosuchexchange'/);
    const restOnly = await quantflowAsync(['stream', '--venue', 'bit2c', '--duration', '2s']);
    assert.equal(restOnly.status, 1, restOnly.stderr);
    assert.match(restOnly.stderr, /bit2c has no WebSocket API/);
  });

  it('--config is for alpaca only', async () => {
    const run = await quantflowAsync(['stream', '--venue', 'sim', '--config', 'x.json', '--duration', '2s']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /--config applies to --venue alpaca only/);
  });
});
