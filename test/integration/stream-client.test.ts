import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import { TestClock } from '../../src/core/clock.js';
import type { OrderDenied } from '../../src/model/events/order-events.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId } from '../../src/model/identifiers/order-ids.js';
import { registerStream, streamKey } from '../../src/server/ws/stream.js';
import { StreamHub } from '../../src/server/ws/stream-hub.js';
import { StreamClient, type StreamEvent, type WebSocketLike } from '../../src/client/stream-client.js';

const ID = instrumentId('BTCUSD', 'SIM');
const apps: FastifyInstance[] = [];
const clients: StreamClient[] = [];
after(async () => {
  for (const client of clients) client.close(); // a failed test must not leave one reconnecting
  for (const app of apps) await app.close();
});

/** A client closed after the tests whatever happens. */
function streamClient(options: ConstructorParameters<typeof StreamClient>[0]): StreamClient {
  const client = new StreamClient(options);
  clients.push(client);
  return client;
}

async function serve(authenticate?: Parameters<typeof registerStream>[1]['authenticate']) {
  const app = Fastify();
  apps.push(app);
  const hub = new StreamHub({ clock: new TestClock(1), closeGraceMs: 50 });
  registerStream(app, { hub, heartbeatMs: 0, ...(authenticate === undefined ? {} : { authenticate }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  return { hub, url: `ws://127.0.0.1:${port}/api/v1/stream` };
}

function denied(n: number): OrderDenied {
  return {
    type: 'OrderDenied',
    clientOrderId: `O-${n}` as ClientOrderId,
    strategyId: 'S' as StrategyId,
    instrumentId: ID,
    code: 'RISK_HALTED',
    reason: 'halted',
    tsEvent: n,
    tsInit: n,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (let waited = 0; !cond(); waited += 5) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe('StreamClient', () => {
  it('reconnects after the server drops it and resumes: every durable event once, in order', async () => {
    const { hub, url } = await serve();
    const client = streamClient({ url, reconnectDelayMs: 10, maxReconnectDelayMs: 40 });
    const seqs: number[] = [];
    const closes: number[] = [];
    client.onEvent((e) => seqs.push(e.seq));
    client.onState((s) => {
      if (s.state === 'closed') closes.push(s.code);
    });
    await client.connect();
    client.subscribe(['orders', 'fills']);
    await until(() => client.epoch !== undefined, 'subscribed');
    let n = 0;
    for (let drop = 0; drop < 3; drop++) {
      for (let i = 0; i < 20; i++) {
        for (let j = 0; j < 10; j++) hub.publishOrderEvent(denied(++n));
        await sleep(1);
      }
      hub.stop(); // every connection closed (1001); events go on while the client is away
      for (let j = 0; j < 25; j++) hub.publishOrderEvent(denied(++n));
      await until(() => client.connected, 'reconnected');
    }
    for (let j = 0; j < 10; j++) hub.publishOrderEvent(denied(++n));
    await until(() => client.lastSeq === hub.lastSeq, 'the last seq');
    assert.equal(hub.lastSeq, n);
    assert.deepEqual(
      seqs,
      Array.from({ length: n }, (_, i) => i + 1),
    );
    assert.equal(client.duplicates, 0);
    assert.equal(closes.length, 3);
    client.close();
  });

  it('sends the key as ?key= through an injected socket factory; unsubscribe stops a topic', async () => {
    const { hub, url } = await serve((req) => (streamKey(req) === 'k 1' ? 'viewer' : undefined));
    const urls: string[] = [];
    const client = streamClient({
      url,
      key: 'k 1',
      socketFactory: (u) => {
        urls.push(u);
        return new WebSocket(u) as unknown as WebSocketLike;
      },
    });
    const events: StreamEvent[] = [];
    client.onEvent((e) => events.push(e));
    await client.connect();
    assert.deepEqual(urls, [`${url}?batch=1&key=k%201`]);
    client.subscribe(['orders', 'logs']);
    await until(() => hub.hasSubscribers('logs'), 'subscribed');
    hub.log('hello');
    hub.publishOrderEvent(denied(1));
    await until(() => events.length === 2, 'two events');
    client.unsubscribe(['logs']);
    await until(() => !hub.hasSubscribers('logs'), 'unsubscribed');
    hub.log('unheard');
    hub.publishOrderEvent(denied(2));
    await until(() => events.length === 3, 'the third event');
    assert.deepEqual(
      events.map((e) => [e.topic, e.type]),
      [
        ['logs', 'Log'],
        ['orders', 'OrderDenied'],
        ['orders', 'OrderDenied'],
      ],
    );
    client.close();
  });

  it('a refused first connection rejects connect()', async () => {
    const { url } = await serve(() => undefined);
    const client = streamClient({ url, key: 'nope', reconnect: false });
    await assert.rejects(client.connect(), /stream connection failed/);
  });
});
