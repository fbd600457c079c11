import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { Stream, type SocketLike, type StreamMessage } from './stream.js';

/** A real WebSocket server on 127.0.0.1 that records what clients send. */
async function server(): Promise<{
  wss: WebSocketServer;
  url: string;
  nextClient: () => Promise<{ ws: WebSocket; first: Record<string, unknown> }>;
}> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/api/v1/stream`;
  const nextClient = async () => {
    const [ws] = (await once(wss, 'connection')) as [WebSocket];
    const [raw] = (await once(ws, 'message')) as [Buffer];
    return { ws, first: JSON.parse(raw.toString()) as Record<string, unknown> };
  };
  return { wss, url, nextClient };
}

function waitFor(pred: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const t = setInterval(() => {
      if (pred()) {
        clearInterval(t);
        resolve();
      }
    }, 5);
  });
}

describe('Stream', () => {
  it('subscribes, dispatches by topic, and resumes durable topics after a dropped connection', async () => {
    const { wss, url, nextClient } = await server();
    const stream = new Stream({
      url: () => url,
      createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
      minDelayMs: 10,
    });
    const orders: StreamMessage[] = [];
    const quotes: StreamMessage[] = [];
    const control: Record<string, unknown>[] = [];
    stream.on('orders', (m) => orders.push(m));
    stream.on('quotes:BTCUSD.SIM', (m) => quotes.push(m));
    stream.onControl((m) => control.push(m));
    stream.subscribe(['orders', 'quotes:BTCUSD.SIM']);
    const connected = nextClient();
    stream.start();

    const a = await connected;
    assert.deepEqual(a.first, { op: 'subscribe', topics: ['orders', 'quotes:BTCUSD.SIM'] });
    a.ws.send(JSON.stringify({ type: 'subscribed', topics: ['orders', 'quotes:BTCUSD.SIM'] }));
    a.ws.send(JSON.stringify({ seq: 1, topic: 'orders', type: 'OrderAccepted', ts: 1, data: { id: 1 } }));
    a.ws.send(JSON.stringify({ seq: 0, topic: 'quotes:BTCUSD.SIM', type: 'QuoteTick', ts: 2, data: {} }));
    a.ws.send(JSON.stringify({ seq: 2, topic: 'orders', type: 'OrderFilled', ts: 3, data: { id: 2 } }));
    await waitFor(() => orders.length === 2 && quotes.length === 1);
    assert.equal(stream.lastSeq, 2);
    assert.equal(control[0].type, 'subscribed');

    // A topic added while connected is subscribed on the open socket.
    stream.subscribe(['fills']);
    const [raw] = (await once(a.ws, 'message')) as [Buffer];
    assert.deepEqual(JSON.parse(raw.toString()), { op: 'subscribe', topics: ['fills'] });

    // The server drops the client: it reconnects and asks to resume after seq 2.
    const reconnected = nextClient();
    a.ws.terminate();
    const b = await reconnected;
    assert.deepEqual(b.first, {
      op: 'subscribe',
      topics: ['orders', 'quotes:BTCUSD.SIM', 'fills'],
      resumeFrom: 2,
    });
    // A repeat of seq 2 is delivered once only; seq 3 arrives.
    b.ws.send(JSON.stringify({ seq: 2, topic: 'orders', type: 'OrderFilled', ts: 3, data: { id: 2 } }));
    b.ws.send(JSON.stringify({ seq: 3, topic: 'orders', type: 'OrderCanceled', ts: 4, data: { id: 3 } }));
    await waitFor(() => orders.length === 3);
    assert.deepEqual(
      orders.map((m) => m.seq),
      [1, 2, 3],
    );
    assert.equal(orders[2].type, 'OrderCanceled');

    stream.stop();
    assert.equal(stream.state, 'closed');
    for (const c of wss.clients) c.terminate();
    wss.close();
  });

  it('keeps retrying while the server is down and connects once it is up', async () => {
    const probe = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    probe.close();
    await once(probe, 'close');

    const states: string[] = [];
    const stream = new Stream({
      url: () => `ws://127.0.0.1:${port}/`,
      createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
      minDelayMs: 10,
      maxDelayMs: 40,
    });
    stream.onState((s) => states.push(s));
    stream.subscribe(['risk']);
    stream.start();
    await waitFor(() => states.filter((s) => s === 'closed').length >= 2);

    const wss = new WebSocketServer({ host: '127.0.0.1', port });
    await once(wss, 'listening');
    const [ws] = (await once(wss, 'connection')) as [WebSocket];
    const [raw] = (await once(ws, 'message')) as [Buffer];
    assert.deepEqual(JSON.parse(raw.toString()), { op: 'subscribe', topics: ['risk'] });
    await waitFor(() => stream.state === 'open');
    stream.stop();
    ws.terminate();
    wss.close();
  });
});
