/**
 * The stream fed by a real TradingNode (paper, sandbox venue, SQLite journal): market data,
 * order events once durable, fills, risk changes and the periodic snapshots reach a `ws` client
 * with exact values.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Fastify from 'fastify';
import { WebSocket } from 'ws';
import { SandboxExecutionClient } from '../../src/adapters/sandbox/sandbox-execution-client.js';
import { TestClock } from '../../src/core/clock.js';
import { DataKind } from '../../src/data/feed/data-client.js';
import { TradingNode } from '../../src/live/trading-node.js';
import { BookUpdateAction } from '../../src/model/data/book-update.js';
import { QuoteTick } from '../../src/model/data/quote-tick.js';
import { TradeTick } from '../../src/model/data/trade-tick.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';
import type { TradeId } from '../../src/model/identifiers/order-ids.js';
import { simpleInstrument } from '../../src/model/instruments/instrument.js';
import { currency } from '../../src/model/types/currency.js';
import { Money } from '../../src/model/types/money.js';
import { Price } from '../../src/model/types/price.js';
import { Quantity } from '../../src/model/types/quantity.js';
import { SqliteJournal } from '../../src/persistence/sqlite-journal.js';
import { Strategy } from '../../src/strategy/strategy.js';
import { attachNode, publishSnapshots } from '../../src/server/ws/node-source.js';
import { registerStream } from '../../src/server/ws/stream.js';
import { StreamHub } from '../../src/server/ws/stream-hub.js';
import { bookUpdate } from '../support/book-updates.js';
import { ManualDataClient } from '../support/manual-data-client.js';

const USD = currency('USD');
const ID = instrumentId('BTCUSD', 'SIM');
const T0 = 1_800_000_000_000_000;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Msg = any;

const dir = mkdtempSync(join(tmpdir(), 'qf-stream-node-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Buys one unit at market on each trade print. */
class Buyer extends Strategy<{ qty: number }> {
  override onTrade(): void {
    this.buy(ID, this.params.qty);
  }
}

describe('stream fed by a TradingNode', () => {
  it('streams quotes, trades, durable order events, fills, risk and snapshots with exact values', async () => {
    const clock = new TestClock(T0);
    const client = new ManualDataClient();
    const journal = SqliteJournal.open(join(dir, 'journal.sqlite'));
    const node = new TradingNode({
      environment: 'paper',
      clock,
      accountCurrency: USD,
      startingCash: Money.fromNumber(10_000, USD),
      instruments: [simpleInstrument(ID, USD, 2, 0)],
      data: { client, kinds: [DataKind.TRADES, DataKind.QUOTES, DataKind.BOOK] },
      execution: (kernel) => new SandboxExecutionClient({ venue: 'SIM', clock, instruments: kernel.cache }),
      bars: 'none',
      journal,
      pumpIntervalMs: 3_600_000,
      tickIntervalMs: 3_600_000,
    });
    node.addStrategy(new Buyer({ qty: 1 }, 'buyer'));
    await node.start();

    const hub = new StreamHub({ clock });
    const detach = attachNode(hub, node, { snapshotIntervalMs: 3_600_000 });
    const app = Fastify();
    registerStream(app, { hub, heartbeatMs: 0 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;

    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/stream`);
    const messages: Msg[] = [];
    const waiters: { pred: (m: Msg) => boolean; resolve: (m: Msg) => void }[] = [];
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as Msg;
      messages.push(m);
      for (const w of waiters.splice(0))
        if (w.pred(m)) w.resolve(m);
        else waiters.push(w);
    });
    const waitFor = (pred: (m: Msg) => boolean): Promise<Msg> =>
      messages.find(pred) ?? new Promise((resolve) => waiters.push({ pred, resolve }));
    await new Promise((resolve) => ws.once('open', resolve));

    ws.send(JSON.stringify({ op: 'subscribe', topics: ['quotes:ETHUSD.SIM'] }));
    const unknown = await waitFor((m) => m.type === 'error');
    assert.equal(unknown.code, 'UNKNOWN_TOPIC', 'only the node’s instruments are topics');

    ws.send(
      JSON.stringify({
        op: 'subscribe',
        topics: [
          'quotes:BTCUSD.SIM',
          'trades:BTCUSD.SIM',
          'orders',
          'fills',
          'risk',
          'positions',
          'pnl',
          'health',
        ],
      }),
    );
    await waitFor((m) => m.type === 'subscribed');

    clock.setTime(T0 + 1_000_000);
    const now = clock.timestampUs();
    client.sink!.onQuote(
      new QuoteTick(
        ID,
        Price.fromRaw(9_999, 2),
        Price.fromRaw(10_001, 2),
        Quantity.fromRaw(50, 0),
        Quantity.fromRaw(50, 0),
        now,
        now,
      ),
    );
    client.sink!.onTrade(
      new TradeTick(ID, Price.fromRaw(10_000, 2), Quantity.fromRaw(1, 0), 'BUYER', 'T1' as TradeId, now, now),
    );
    node.pump();

    const quote = await waitFor((m) => m.topic === 'quotes:BTCUSD.SIM');
    assert.deepEqual(
      [quote.data.bidPrice, quote.data.askPrice, quote.data.bidSize, quote.seq],
      ['99.99', '100.01', '50', 0],
    );
    const trade = await waitFor((m) => m.topic === 'trades:BTCUSD.SIM');
    assert.equal(trade.data.price, '100.00');
    const fill = await waitFor((m) => m.topic === 'fills');
    assert.equal(fill.data.price, '100.01');
    assert.equal(fill.data.quantity, '1');
    assert.equal(fill.data.clientOrderId, 'O-000001');
    const orderFilled = await waitFor((m) => m.topic === 'orders' && m.type === 'OrderFilled');
    assert.equal(orderFilled.data.lastPx, '100.01');
    const orderTypes = messages.filter((m) => m.topic === 'orders').map((m) => m.type);
    assert.equal(orderTypes[0], 'OrderSubmitted');
    assert.ok(orderTypes.includes('OrderFilled'));
    // Seqs of durable events increase one by one across orders and fills.
    const seqs = messages.filter((m) => m.seq > 0).map((m) => m.seq);
    assert.deepEqual(
      seqs,
      Array.from({ length: seqs.length }, (_, i) => i + 1),
    );

    node.halt('stream test');
    const risk = await waitFor((m) => m.topic === 'risk');
    assert.equal(risk.data.state, 'HALTED');
    assert.equal(risk.data.reason, 'stream test');

    publishSnapshots(hub, node);
    const positions = await waitFor((m) => m.topic === 'positions');
    assert.deepEqual(
      positions.data.positions.map((p: Msg) => [p.instrumentId, p.quantity]),
      [['BTCUSD.SIM', '1']],
    );
    const pnl = await waitFor((m) => m.topic === 'pnl');
    assert.equal(pnl.data.currency, 'USD');
    assert.match(pnl.data.equity, /^\d+\.\d{2}$/);
    const health = await waitFor((m) => m.topic === 'health');
    assert.equal(health.data.venue, 'SIM');
    assert.equal(typeof health.data.lastMessageAgeUs, 'object');

    // The book topic: the top levels after each update, best first, exact.
    ws.send(JSON.stringify({ op: 'subscribe', topics: ['book:BTCUSD.SIM'] }));
    await waitFor((m) => m.type === 'subscribed' && m.topics.includes('book:BTCUSD.SIM'));
    const t = clock.timestampUs();
    client.sink!.onBookUpdate(
      bookUpdate(
        ID,
        BookUpdateAction.SNAPSHOT,
        [
          ['99.98', '5'],
          ['99.99', '2'],
        ],
        [['100.01', '3']],
        1,
        t,
      ),
    );
    client.sink!.onBookUpdate(bookUpdate(ID, BookUpdateAction.DELTA, [['99.99', '0']], [], 2, t));
    node.pump();
    const book = await waitFor((m) => m.topic === 'book:BTCUSD.SIM' && m.data.sequence === 2);
    assert.equal(book.type, 'OrderBook');
    assert.deepEqual(book.data.bids, [{ price: '99.98', size: '5' }]);
    assert.deepEqual(book.data.asks, [{ price: '100.01', size: '3' }]);

    detach();
    ws.close();
    await app.close();
    await node.stop();
    journal.close();
  });
});
