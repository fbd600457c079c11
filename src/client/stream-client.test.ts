import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import { StreamClient, type StreamClientState, type StreamEvent } from './stream-client.js';
import type { StreamReply, StreamTopic } from './stream-protocol.js';

/** One connection the test server accepted: its URL and every frame the client sent. */
interface Connection {
  readonly ws: WebSocket;
  readonly url: string;
  readonly frames: Record<string, unknown>[];
  closed: boolean;
}

const servers: WebSocketServer[] = [];
const clients: StreamClient[] = [];
after(() => {
  for (const client of clients) client.close(); // a failed test must not leave one reconnecting
  for (const wss of servers) {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
  }
});

/**
 * A real WebSocket server on 127.0.0.1 that records connections and frames; `pong(connection)`
 * says whether to answer a `ping` op.
 */
async function server(port = 0, pong: (c: Connection) => boolean = () => true) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  servers.push(wss);
  await once(wss, 'listening');
  const connections: Connection[] = [];
  wss.on('connection', (ws, req) => {
    const c: Connection = { ws, url: req.url ?? '', frames: [], closed: false };
    connections.push(c);
    ws.on('message', (raw: Buffer) => {
      const frame = JSON.parse(raw.toString()) as Record<string, unknown>;
      c.frames.push(frame);
      if (frame.op === 'ping' && pong(c)) ws.send(JSON.stringify({ type: 'pong' }));
    });
    ws.on('close', () => (c.closed = true));
  });
  const address = wss.address() as AddressInfo;
  return { wss, connections, url: `ws://127.0.0.1:${address.port}/api/v1/stream`, port: address.port };
}

const send = (c: Connection, message: unknown): void => c.ws.send(JSON.stringify(message));
const subscribed = (topics: string[], epoch: string, lastSeq: number): StreamReply => ({
  type: 'subscribed',
  topics: topics as StreamTopic[],
  epoch,
  lastSeq,
  replayed: 0,
});
const event = (seq: number, topic: string, type = 'OrderAccepted'): StreamEvent =>
  ({ seq, topic, type, ts: seq, data: { n: seq } }) as StreamEvent;

/** A client closed after the tests whatever happens. */
function stream(options: ConstructorParameters<typeof StreamClient>[0]): StreamClient {
  const client = new StreamClient(options);
  clients.push(client);
  return client;
}

async function until(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (let waited = 0; !cond(); waited += 5) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('StreamClient (against a raw WebSocket server)', () => {
  it('reads url and key at each connect; reconnect() replaces the connection and resumes', async () => {
    const { connections, url } = await server();
    let key = 'k 1';
    const client = stream({ url: () => url, key: () => key, pingIntervalMs: 0 });
    const all: number[] = [];
    const orders: number[] = [];
    const quotes: string[] = [];
    const states: string[] = [];
    client.onEvent((e) => all.push(e.seq));
    client.on('orders', (e) => orders.push(e.seq));
    const offQuotes = client.on('quotes:BTCUSD.SIM', (e) => quotes.push(e.type));
    client.onState((s) => states.push(s.state));
    client.subscribe(['orders', 'quotes:BTCUSD.SIM']);
    assert.equal(client.state, 'idle');
    await client.connect();

    await until(() => connections[0]?.frames.length === 1, 'the first subscribe');
    const a = connections[0]!;
    assert.equal(a.url, '/api/v1/stream?batch=1&key=k%201');
    assert.deepEqual(a.frames[0], { op: 'subscribe', topics: ['orders', 'quotes:BTCUSD.SIM'] });
    send(a, subscribed(['orders', 'quotes:BTCUSD.SIM'], 'E1', 0));
    send(a, event(1, 'orders'));
    send(a, event(0, 'quotes:BTCUSD.SIM', 'QuoteTick'));
    send(a, event(2, 'orders'));
    await until(() => orders.length === 2 && quotes.length === 1, 'the first events');
    assert.equal(client.lastSeq, 2);
    assert.equal(client.epoch, 'E1');

    // The key changes: reconnect() uses it at once and asks to resume after seq 2 of run E1.
    key = 'k2';
    client.reconnect();
    await until(() => connections[1]?.frames.length === 1, 'the resumed subscribe');
    const b = connections[1]!;
    assert.equal(b.url, '/api/v1/stream?batch=1&key=k2');
    assert.deepEqual(b.frames[0], {
      op: 'subscribe',
      topics: ['orders', 'quotes:BTCUSD.SIM'],
      resumeFrom: 2,
      epoch: 'E1',
    });
    await until(() => a.closed, 'the old connection closed');
    offQuotes();
    send(b, event(2, 'orders')); // replayed twice: delivered once
    send(b, subscribed(['orders', 'quotes:BTCUSD.SIM'], 'E1', 2));
    // A batched frame: its messages are handled one by one, in order.
    send(b, [event(0, 'quotes:BTCUSD.SIM', 'QuoteTick'), event(3, 'orders', 'OrderCanceled')]);
    await until(() => orders.length === 3, 'seq 3');
    assert.deepEqual(orders, [1, 2, 3]);
    assert.deepEqual(all, [1, 0, 2, 0, 3]);
    assert.equal(quotes.length, 1, 'a removed topic handler hears nothing more');
    assert.equal(client.duplicates, 1);
    assert.deepEqual(states, ['connecting', 'open', 'connecting', 'open']);

    client.close();
    assert.equal(client.state, 'closed');
    await until(() => b.closed, 'closed by the client');
  });

  it('batch: false asks for one message a frame', async () => {
    const { connections, url } = await server();
    const client = stream({ url, batch: false, pingIntervalMs: 0 });
    await client.connect();
    await until(() => connections.length === 1, 'the connection');
    assert.equal(connections[0]!.url, '/api/v1/stream');
    client.close();
  });

  it('start() keeps retrying while the server is down and connects once it is up', async () => {
    const probe = await server();
    probe.wss.close();
    await once(probe.wss, 'close');

    const states: StreamClientState[] = [];
    const client = stream({ url: probe.url, reconnectDelayMs: 10, maxReconnectDelayMs: 40 });
    client.onState((s) => states.push(s));
    client.subscribe(['risk']);
    client.start();
    await until(() => states.filter((s) => s.state === 'closed').length >= 2, 'two failed attempts');
    assert.ok(states.every((s) => s.state !== 'closed' || s.reconnectInMs !== undefined));

    const up = await server(probe.port);
    await until(() => up.connections[0]?.frames.length === 1, 'the subscribe');
    assert.deepEqual(up.connections[0]!.frames[0], { op: 'subscribe', topics: ['risk'] });
    await until(() => client.state === 'open', 'open');
    client.close();
    assert.deepEqual(states.at(-1), { state: 'closed', code: 1000, reason: 'client closed' });
  });

  it('pings while connected and replaces a connection on which nothing arrives', async () => {
    // The server answers the first two pings of the first connection, then goes silent on it.
    const { connections, url } = await server(0, (c) => c !== connections[0] || c.frames.length <= 2);
    const states: StreamClientState[] = [];
    const client = stream({ url, pingIntervalMs: 100, reconnectDelayMs: 10 });
    client.onState((s) => states.push(s));
    await client.connect();
    await until(() => connections.length === 2, 'the replacement connection');
    const first = connections[0]!;
    assert.ok(first.frames.length >= 3, 'kept while it answered');
    assert.ok(first.frames.every((f) => f.op === 'ping'));
    const lost = states.find((s) => s.state === 'closed');
    assert.deepEqual(lost, {
      state: 'closed',
      code: 1006,
      reason: 'no message for two ping periods',
      reconnectInMs: 10,
    });
    await until(() => client.state === 'open', 'open again');
    await until(() => first.closed, 'the silent connection closed');
    client.close();
  });

  it('a throwing handler does not keep the others from the event; onHandlerError gets it', async () => {
    const { connections, url } = await server();
    const errors: unknown[] = [];
    const client = stream({ url, pingIntervalMs: 0, onHandlerError: (e) => errors.push(e) });
    const seen: string[] = [];
    client.on('logs', () => {
      throw new Error('broken panel');
    });
    client.on('logs', (e) => seen.push(e.type));
    client.onEvent((e) => seen.push(`all ${e.type}`));
    client.subscribe(['logs']);
    await client.connect();
    await until(() => connections[0]?.frames.length === 1, 'subscribed');
    send(connections[0]!, event(0, 'logs', 'Log'));
    await until(() => seen.length === 2, 'both handlers');
    assert.deepEqual(seen, ['all Log', 'Log']);
    assert.equal((errors[0] as Error).message, 'broken panel');
    client.close();
  });

  it('close() stops for good until start(); a pending connect() is rejected', async () => {
    const { connections, url } = await server();
    const client = stream({ url, pingIntervalMs: 0, reconnectDelayMs: 10 });
    const pending = client.connect();
    client.close();
    await assert.rejects(pending, /closed before the connection opened/);
    assert.equal(client.state, 'closed');

    client.start();
    await until(() => client.state === 'open', 'open after start()');
    const live = connections.filter((c) => !c.closed);
    assert.equal(live.length, 1, 'one live connection');
    client.close();
    await until(() => live[0]!.closed, 'closed');
    assert.equal(client.connected, false);
  });
});
