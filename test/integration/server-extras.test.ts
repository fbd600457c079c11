/**
 * The server without a node and its surroundings: 503 for node routes, the OpenAPI document and
 * the docs page, rate limiting, keys required for reads, no keys configured, CORS, static files,
 * and backtests run in worker threads over the sample data.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { QuantflowApiError, QuantflowClient } from '../../src/client/rest-client.js';
import { TestClock } from '../../src/core/clock.js';
import { buildServer, type ServerOptions } from '../../src/server/app.js';
import { BarCatalog } from '../../src/data/catalog/bar-catalog.js';
import { Bar } from '../../src/model/data/bar.js';
import type { InstrumentId } from '../../src/model/identifiers/instrument-id.js';
import { simpleInstrument } from '../../src/model/instruments/instrument.js';
import { currency } from '../../src/model/types/currency.js';
import { InProcessBacktestService } from '../../src/server/backtests/backtest-service.js';
import { workerBacktestRunner } from '../../src/server/backtests/worker-backtest-runner.js';

const TRADER = 'trader-key-123';
const servers: FastifyInstance[] = [];
const dirs: string[] = [];
after(async () => {
  for (const app of servers) await app.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function serve(options: Partial<ServerOptions> = {}): Promise<string> {
  const app = await buildServer({
    auth: { keys: [{ key: TRADER, role: 'trader' }] },
    version: '1.2.3',
    clock: new TestClock(1_800_000_000_000_000),
    ...options,
  });
  servers.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function code(promise: Promise<unknown>): Promise<[number, string]> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof QuantflowApiError);
    return [error.status, error.code];
  }
  return [200, 'OK'];
}

/** Every route of the API (method and OpenAPI path). */
const ROUTES = [
  ['get', '/api/v1/health'],
  ['get', '/api/v1/node'],
  ['get', '/api/v1/portfolio'],
  ['get', '/api/v1/positions'],
  ['get', '/api/v1/account'],
  ['get', '/api/v1/portfolio/equity'],
  ['get', '/api/v1/orders'],
  ['post', '/api/v1/orders'],
  ['delete', '/api/v1/orders/{clientOrderId}'],
  ['get', '/api/v1/fills'],
  ['get', '/api/v1/strategies'],
  ['post', '/api/v1/strategies/{id}/start'],
  ['post', '/api/v1/strategies/{id}/stop'],
  ['put', '/api/v1/strategies/{id}/params'],
  ['get', '/api/v1/risk'],
  ['post', '/api/v1/risk/halt'],
  ['post', '/api/v1/risk/resume'],
  ['post', '/api/v1/risk/kill-switch'],
  ['get', '/api/v1/market/{instrumentId}/snapshot'],
  ['get', '/api/v1/market/{instrumentId}/bars'],
  ['get', '/api/v1/market/{instrumentId}/book'],
  ['get', '/api/v1/market/{instrumentId}/history'],
  ['post', '/api/v1/backtests'],
  ['get', '/api/v1/backtests'],
  ['get', '/api/v1/backtests/{id}'],
  ['get', '/api/v1/backtests/{id}/report'],
] as const;

describe('server without a node', () => {
  it('health answers; node routes are 503 NODE_NOT_RUNNING; backtests 503 when not configured', async () => {
    const client = new QuantflowClient({ baseUrl: await serve(), apiKey: TRADER });
    assert.equal((await client.health()).node, false);
    for (const call of [
      client.node(),
      client.portfolio(),
      client.orders(),
      client.fills(),
      client.risk(),
      client.bars('X.SIM'),
      client.book('X.SIM'),
      client.equity(),
    ])
      assert.deepEqual(await code(call), [503, 'NODE_NOT_RUNNING']);
    assert.deepEqual(
      await code(client.submitOrder({ instrumentId: 'X.SIM', side: 'BUY', type: 'MARKET', quantity: '1' })),
      [503, 'NODE_NOT_RUNNING'],
    );
    assert.deepEqual(await code(client.backtests()), [503, 'BACKTESTS_DISABLED']);
  });

  it('the OpenAPI document lists every route with its schemas; /docs serves HTML', async () => {
    const url = await serve();
    const doc = await new QuantflowClient({ baseUrl: url }).openapi();
    assert.equal(doc.openapi, '3.0.3');
    const paths = doc.paths as Record<
      string,
      Record<string, { requestBody?: unknown; security?: unknown; parameters?: { name: string }[] }>
    >;
    for (const [method, path] of ROUTES) assert.ok(paths[path]?.[method], `${method} ${path} missing`);
    const documented = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    assert.equal(documented.length, ROUTES.length, documented.join('\n'));
    const submit = paths['/api/v1/orders'].post;
    assert.ok(submit.requestBody, 'the order body is documented');
    assert.ok(submit.security, 'protected routes name their security');
    assert.ok(paths['/api/v1/orders'].get.parameters?.some((p) => p.name === 'limit'));
    const docs = await fetch(`${url}/docs`, { redirect: 'follow' });
    assert.equal(docs.status, 200);
    assert.match(docs.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await docs.text(), /swagger/i);
  });

  it('rate limiting answers 429 RATE_LIMITED past the limit, for unknown routes and bad keys too', async () => {
    const url = await serve({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
    const client = new QuantflowClient({ baseUrl: url });
    for (let i = 0; i < 3; i++) await client.health();
    assert.deepEqual(await code(client.health()), [429, 'RATE_LIMITED']);
    const missing = await fetch(`${url}/api/v1/nothing`);
    assert.equal(missing.status, 429);
    assert.ok(missing.headers.get('retry-after') !== null);
    assert.deepEqual(await code(new QuantflowClient({ baseUrl: url, apiKey: 'guess-0000' }).health()), [
      429,
      'RATE_LIMITED',
    ]);
  });

  it('requireKeyForReads: reads need a key', async () => {
    const url = await serve({ auth: { keys: [{ key: TRADER, role: 'trader' }], requireKeyForReads: true } });
    assert.deepEqual(await code(new QuantflowClient({ baseUrl: url }).health()), [401, 'UNAUTHORIZED']);
    assert.equal((await new QuantflowClient({ baseUrl: url, apiKey: TRADER }).health()).status, 'ok');
  });

  it('with no keys configured, protected routes answer 401 and say why', async () => {
    const url = await serve({ auth: { keys: [] } });
    const response = await fetch(`${url}/api/v1/risk/halt`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"reason":"x"}',
    });
    assert.equal(response.status, 401);
    assert.match(
      ((await response.json()) as { error: { message: string } }).error.message,
      /none is configured/,
    );
  });

  it('CORS: only configured origins are allowed; off by default', async () => {
    const preflight = (url: string, origin: string) =>
      fetch(`${url}/api/v1/health`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    const url = await serve({ cors: { origins: ['http://dash.example'] } });
    assert.equal(
      (await preflight(url, 'http://dash.example')).headers.get('access-control-allow-origin'),
      'http://dash.example',
    );
    assert.equal(
      (await preflight(url, 'http://evil.example')).headers.get('access-control-allow-origin'),
      null,
    );
    const plain = await fetch(`${await serve()}/api/v1/health`, {
      headers: { origin: 'http://dash.example' },
    });
    assert.equal(plain.headers.get('access-control-allow-origin'), null);
  });

  it('serves the dashboard folder at /', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-web-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>dash</title>');
    const url = await serve({ webRoot: dir });
    const page = await fetch(`${url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>dash<\/title>/);
    const missing = await fetch(`${url}/nope.js`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
  });
});

describe('historical bars from the catalog', () => {
  it('pages [from, to) oldest first with a cursor; exact values; 404, 400 and 503 as documented', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-history-'));
    dirs.push(dir);
    const id = 'ETHUSD.SIM' as InstrumentId;
    const minute = 60_000_000;
    const start = Date.UTC(2024, 0, 31, 23, 55) * 1000; // crosses into February
    const catalog = await BarCatalog.open(join(dir, 'catalog'), { create: true });
    await catalog.writeBars(
      simpleInstrument(id, currency('USD'), 2, 3),
      Array.from({ length: 10 }, (_, i) => {
        const open = 250_000 + i;
        const t = start + i * minute;
        return new Bar(id, open, open + 7, open - 5, open + 3, 2, 1_500 + i, 3, t, t);
      }),
    );
    const url = await serve({ catalog });
    const client = new QuantflowClient({ baseUrl: url });
    const first = await client.history('ETHUSD.SIM', { from: start + minute, limit: 4 });
    assert.deepEqual(
      first.bars.map((b) => [b.tsEvent, b.open, b.close, b.volume]),
      [1, 2, 3, 4].map((i) => [
        start + i * minute,
        ((250_000 + i) / 100).toFixed(2),
        ((250_003 + i) / 100).toFixed(2),
        ((1_500 + i) / 1000).toFixed(3),
      ]),
    );
    assert.equal(first.next, start + 5 * minute);
    const rest = await client.history('ETHUSD.SIM', { from: first.next!, to: start + 8 * minute });
    assert.deepEqual(
      rest.bars.map((b) => b.tsEvent),
      [5, 6, 7].map((i) => start + i * minute),
    );
    assert.equal(rest.next, null);
    assert.deepEqual(await code(client.history('NOPE.SIM')), [404, 'NOT_FOUND']);
    const bad = await fetch(`${url}/api/v1/market/ETHUSD.SIM/history?from=${start + minute}&to=${start}`);
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /query field .from.: .*must be before/);
    const without = new QuantflowClient({ baseUrl: await serve() });
    assert.deepEqual(await code(without.history('ETHUSD.SIM')), [503, 'CATALOG_DISABLED']);
    catalog.close();
  });
});

describe('backtests through the API', () => {
  it('runs a built-in strategy on the sample data in a worker; status, metrics, report; failures are data', async () => {
    const clock = new TestClock(1_800_000_000_000_000);
    const dataDir = fileURLToPath(new URL('../../../data/sample', import.meta.url));
    const service = new InProcessBacktestService({
      clock,
      run: workerBacktestRunner({ dataDir, cash: 100_000 }),
    });
    const url = await serve({ backtests: service, clock });
    const trader = new QuantflowClient({ baseUrl: url, apiKey: TRADER });
    const anonymous = new QuantflowClient({ baseUrl: url });
    assert.deepEqual(await code(anonymous.submitBacktest({ strategy: 'sma-cross' })), [401, 'UNAUTHORIZED']);
    assert.deepEqual(
      await code(
        trader.submitBacktest({
          strategy: 'sma-cross',
          params: { fast: 5 },
          data: ['spy.csv'],
          colour: 1,
        } as never),
      ),
      [400, 'VALIDATION_FAILED'],
    );

    const { id } = await trader.submitBacktest({
      strategy: 'sma-cross',
      params: { fast: 5, slow: 20, qty: 10 },
      data: ['spy.csv'],
    });
    const escape = await trader.submitBacktest({ strategy: 'sma-cross', data: ['../../package.json'] });
    const unknown = await trader.submitBacktest({ strategy: 'martingale', data: ['spy.csv'] });
    assert.deepEqual(await code(trader.backtestReport(id)).then((c) => c[0] === 409 || c[0] === 200), true);
    await service.whenIdle();

    const done = await anonymous.backtest(id);
    assert.equal(done.status, 'done', done.error);
    assert.equal(done.request.strategy, 'sma-cross');
    assert.equal(typeof done.metrics?.sharpe === 'number' || done.metrics?.sharpe === null, true);
    assert.equal(done.summary?.bars, 504);
    assert.equal(done.summary?.startingCash, '100000.00');
    // The report of `quantflow backtest`: equity and drawdown, monthly returns, trades, metrics,
    // parameters, as one self-contained page; its data also comes with the job for the page.
    const html = await anonymous.backtestReport(id);
    assert.match(html, /^<!doctype html>/i);
    assert.match(html, /<svg/);
    for (const heading of ['Metrics', 'Parameters', 'Monthly returns'])
      assert.match(html, new RegExp(heading));
    assert.doesNotMatch(html, /<script|https?:\/\//);
    const report = (
      done as { report?: { trades: unknown[]; equity: unknown[]; parameters: Record<string, unknown> } }
    ).report;
    assert.ok(report !== undefined && report.trades.length > 0 && report.equity.length > 0, 'report data');
    assert.match(html, new RegExp(`Trades \\(${report.trades.length}\\)`));
    assert.deepEqual(report.parameters, {
      strategy: 'sma-cross',
      data: 'spy.csv',
      fast: 5,
      slow: 20,
      qty: 10,
    });

    const failed = await anonymous.backtest(escape.id);
    assert.equal(failed.status, 'failed');
    assert.match(failed.error ?? '', /inside the server's data folder/);
    assert.match((await anonymous.backtest(unknown.id)).error ?? '', /unknown strategy martingale/);
    assert.deepEqual(await code(anonymous.backtestReport(escape.id)), [409, 'BACKTEST_NOT_FINISHED']);
    assert.deepEqual(
      (await anonymous.backtests()).map((j) => j.id),
      [unknown.id, escape.id, id],
    );
    assert.deepEqual(await code(anonymous.backtest('BT-999999')), [404, 'NOT_FOUND']);
  });
});
