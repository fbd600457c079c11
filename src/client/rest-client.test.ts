import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { QuantflowApiError, QuantflowClient } from './rest-client.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server that records each request and answers what the test queued. */
describe('QuantflowClient', () => {
  let server: Server;
  let baseUrl: string;
  const seen: Seen[] = [];
  let answer: { status: number; body: string; type?: string } = { status: 200, body: '{}' };

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends method, path under /api/v1, bearer key and JSON body', async () => {
    answer = { status: 201, body: '{"clientOrderId":"O-000001","status":"SUBMITTED"}' };
    const client = new QuantflowClient({ baseUrl, apiKey: 'k-12345678' });
    const ack = await client.submitOrder({
      instrumentId: 'BTCUSD.SIM',
      side: 'BUY',
      type: 'LIMIT',
      quantity: '1.5',
      price: '100.25',
    });
    assert.deepEqual(ack, { clientOrderId: 'O-000001', status: 'SUBMITTED' });
    const req = seen.at(-1)!;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/api/v1/orders');
    assert.equal(req.headers.authorization, 'Bearer k-12345678');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(req.body), {
      instrumentId: 'BTCUSD.SIM',
      side: 'BUY',
      type: 'LIMIT',
      quantity: '1.5',
      price: '100.25',
    });
  });

  it('encodes path segments and query parameters; no body and no content type without one', async () => {
    answer = { status: 200, body: '[]' };
    const client = new QuantflowClient({ baseUrl });
    await client.orders({ status: 'open', limit: 5 });
    assert.equal(seen.at(-1)!.url, '/api/v1/orders?status=open&limit=5');
    await client.bars('A/B.SIM');
    assert.equal(seen.at(-1)!.url, '/api/v1/market/A%2FB.SIM/bars');
    await client.stopStrategy('s 1');
    const stop = seen.at(-1)!;
    assert.equal(stop.url, '/api/v1/strategies/s%201/stop');
    assert.equal(stop.headers['content-type'], undefined);
    assert.equal(stop.headers.authorization, undefined);
    assert.equal(stop.body, '');
  });

  it('throws QuantflowApiError with status, code, message and details', async () => {
    answer = {
      status: 422,
      body: JSON.stringify({
        error: { code: 'ORDER_DENIED', message: 'too big', details: { denialCode: 'RISK_MAX_ORDER_QTY' } },
      }),
    };
    const client = new QuantflowClient({ baseUrl });
    await assert.rejects(
      client.submitOrder({ instrumentId: 'X.SIM', side: 'SELL', type: 'MARKET', quantity: '9' }),
      (error: unknown) =>
        error instanceof QuantflowApiError &&
        error.status === 422 &&
        error.code === 'ORDER_DENIED' &&
        error.message === 'too big' &&
        error.details?.denialCode === 'RISK_MAX_ORDER_QTY',
    );
  });

  it('an error answer that is not the API shape still throws, with HTTP_ERROR', async () => {
    answer = { status: 502, body: '<html>bad gateway</html>', type: 'text/html' };
    await assert.rejects(new QuantflowClient({ baseUrl }).health(), (error: unknown) => {
      assert.ok(error instanceof QuantflowApiError);
      assert.equal(error.status, 502);
      assert.equal(error.code, 'HTTP_ERROR');
      assert.match(error.message, /bad gateway/);
      return true;
    });
  });

  it('reads a key function at every request; an empty key sends none', async () => {
    answer = { status: 200, body: '[]' };
    let key: string | undefined = 'first-key';
    const client = new QuantflowClient({ baseUrl, apiKey: () => key });
    await client.positions();
    assert.equal(seen.at(-1)!.headers.authorization, 'Bearer first-key');
    key = 'second-key';
    await client.positions();
    assert.equal(seen.at(-1)!.headers.authorization, 'Bearer second-key');
    key = '';
    await client.positions();
    assert.equal(seen.at(-1)!.headers.authorization, undefined);
  });

  it('a server that cannot be reached gives status 0 and NOT_CONNECTED', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(
      new QuantflowClient({ baseUrl: `http://127.0.0.1:${port}` }).health(),
      (error: unknown) =>
        error instanceof QuantflowApiError &&
        error.status === 0 &&
        error.code === 'NOT_CONNECTED' &&
        error.message.includes(`127.0.0.1:${port}/api/v1/health`),
    );
  });

  it('a success answer that is not JSON (not the API) gives BAD_RESPONSE', async () => {
    answer = { status: 200, body: '<!doctype html><p>some other site</p>', type: 'text/html' };
    await assert.rejects(new QuantflowClient({ baseUrl }).node(), (error: unknown) => {
      assert.ok(error instanceof QuantflowApiError);
      assert.equal(error.status, 200);
      assert.equal(error.code, 'BAD_RESPONSE');
      assert.match(error.message, /GET .*\/api\/v1\/node answered 200 with no JSON: <!doctype/);
      return true;
    });
  });

  it('calls the global fetch as a plain function (browsers refuse it as a method)', async () => {
    answer = { status: 200, body: '{"status":"ok"}' };
    const realFetch = globalThis.fetch;
    const receivers: unknown[] = [];
    globalThis.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
      receivers.push(this);
      return realFetch(...args);
    };
    try {
      await new QuantflowClient({ baseUrl }).health();
    } finally {
      globalThis.fetch = realFetch;
    }
    assert.deepEqual(receivers, [undefined]);
  });

  it('reads the backtest report as text', async () => {
    answer = { status: 200, body: '<!doctype html><p>report</p>', type: 'text/html' };
    assert.equal(
      await new QuantflowClient({ baseUrl }).backtestReport('BT-000001'),
      '<!doctype html><p>report</p>',
    );
    assert.equal(seen.at(-1)!.headers.accept, 'text/html');
    const url = new QuantflowClient({ baseUrl }).backtestReportUrl('BT 1');
    assert.equal(url, `${baseUrl}api/v1/backtests/BT%201/report`);
    assert.equal(await (await fetch(url)).text(), '<!doctype html><p>report</p>');
    assert.equal(seen.at(-1)!.url, '/api/v1/backtests/BT%201/report');
  });
});
