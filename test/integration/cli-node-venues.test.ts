/**
 * `quantflow paper` and `quantflow live` on Alpaca, against local servers on 127.0.0.1 speaking
 * Alpaca's market data stream (test/support/alpaca-server.ts) and trading API
 * (test/support/alpaca-trading-server.ts). No real venue is contacted.
 *
 * Paper: Alpaca's data, fills from the sandbox venue. Live: the same data, the order goes to the
 * (local) Alpaca account and its fill comes back over the trade_updates stream.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AlpacaServer } from '../support/alpaca-server.js';
import { AlpacaTradingServer } from '../support/alpaca-trading-server.js';
import { BinanceServer, binanceFixture } from '../support/binance-server.js';
import { quantflowAsync, REPO_ROOT } from '../support/cli.js';

const STRATEGY = join(REPO_ROOT, 'test', 'fixtures', 'cli-strategies', 'first-trade-buyer.mjs');
const QUOTE = [
  {
    T: 'q',
    S: 'AAPL',
    bx: 'U',
    bp: 126.54,
    bs: 3,
    ax: 'Q',
    ap: 126.56,
    as: 5,
    t: '2021-02-22T15:51:44.100Z',
    c: ['R'],
    z: 'C',
  },
];
const TRADE = [
  { T: 't', i: 96921, S: 'AAPL', x: 'D', p: 126.55, s: 1, t: '2021-02-22T15:51:44.208Z', c: ['@'], z: 'C' },
];

describe('paper and live trading on a local Alpaca', { timeout: 90_000 }, () => {
  let data: AlpacaServer;
  let trading: AlpacaTradingServer;
  let env: Record<string, string>;
  before(async () => {
    data = await AlpacaServer.start();
    trading = await AlpacaTradingServer.start(1_700_000_000_000_000);
    env = {
      APCA_API_KEY_ID: 'test-key',
      APCA_API_SECRET_KEY: 'test-secret',
      APCA_API_STREAM_URL: data.streamUrl,
      APCA_API_DATA_URL: data.dataUrl,
      APCA_API_BASE_URL: trading.url,
    };
  });
  after(async () => {
    await data.close();
    await trading.close();
  });

  const args = (command: string): string[] => [
    command,
    '--venue',
    'alpaca',
    '--symbols',
    'AAPL',
    '--strategy',
    STRATEGY,
    '--bars',
    'none',
    '--no-journal',
    '--duration',
    '5s',
    '--print-events',
  ];

  it('paper: Alpaca data, the order filled by the sandbox at the touch', async () => {
    const running = quantflowAsync(args('paper'), env);
    await data.waitFor(() => data.subscriptions().quotes.includes('AAPL'), 'the subscriptions', 15_000);
    data.send(QUOTE);
    data.send(TRADE);
    const run = await running;
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /event OrderFilled O-000001 \S+ BUY 1 126\.5600/);
    assert.match(run.stdout.trim().split('\n').pop()!, /positions AAPL\.ALPACA 1 /);
    assert.equal(trading.orders.size, 0, 'paper trading sent nothing to the account');
  });

  it('live: refused without --confirm-live', async () => {
    const run = await quantflowAsync(args('live'), env);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /add --confirm-live/);
  });

  it('live: the order goes to the account, its fill comes back on the trade_updates stream', async () => {
    const running = quantflowAsync([...args('live'), '--confirm-live'], env);
    await data.waitFor(() => data.subscriptions().trades.includes('AAPL'), 'the subscriptions', 15_000);
    await trading.waitFor(() => trading.listeners > 0, 'the trade_updates listener', 15_000);
    data.send(TRADE);
    await trading.waitFor(() => trading.orders.size === 1, 'the order', 10_000);
    const order = [...trading.orders.values()][0];
    assert.equal(order.client_order_id, 'O-000001');
    assert.equal(order.symbol, 'AAPL');
    assert.equal(order.side, 'buy');
    trading.fill(order.id, '1', '126.57');
    const run = await running;
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /event OrderAccepted O-000001/);
    assert.match(run.stdout, /event OrderFilled O-000001 \S+ BUY 1 126\.5700/);
    assert.match(run.stdout.trim().split('\n').pop()!, /positions AAPL\.ALPACA 1 /);
  });
});

describe('paper trading on a local Binance (ccxt)', { timeout: 60_000 }, () => {
  let server: BinanceServer;
  let env: Record<string, string>;
  before(async () => {
    server = await BinanceServer.start();
    env = { QUANTFLOW_BINANCE_REST_URL: server.restUrl, QUANTFLOW_BINANCE_WS_URL: server.wsUrl };
  });
  after(async () => {
    await server.close();
  });

  it('instruments from the loaded markets; the order filled by the sandbox at the ask', async () => {
    // 0.5 BTC: within the 0.8 offered at the ask (a market order takes only what the touch shows).
    const args = [
      'paper',
      '--venue',
      'binance',
      '--symbols',
      'BTC/USDT',
      '--strategy',
      STRATEGY,
      '--param',
      'qty=0.5',
    ];
    const running = quantflowAsync(
      [...args, '--bars', 'none', '--no-journal', '--duration', '5s', '--print-events'],
      env,
    );
    await server.waitForSubscription('btcusdt@ticker', 15_000);
    await server.waitForSubscription('btcusdt@trade', 15_000);
    server.send('btcusdt@ticker', {
      ...binanceFixture<Record<string, unknown>>('ticker.json'),
      b: '42000.10000000',
      B: '1.50000000',
      a: '42000.20000000',
      A: '0.80000000',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.send('btcusdt@trade', binanceFixture<Record<string, unknown>>('trade.json'));
    const run = await running;
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /event OrderFilled O-000001 \S+ BUY 0\.50000 42000\.20/);
    assert.match(run.stdout.trim().split('\n').pop()!, /positions BTCUSDT\.BINANCE 0\.50000 /);
  });

  it('live: refused without credentials, naming the variables', async () => {
    const args = ['live', '--venue', 'binance', '--symbols', 'BTC/USDT', '--confirm-live', '--no-journal'];
    const run = await quantflowAsync([...args, '--duration', '2s'], env);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /needs credentials: set QUANTFLOW_BINANCE_API_KEY and QUANTFLOW_BINANCE_SECRET/);
  });
});
