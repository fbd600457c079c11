import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SandboxExecutionClient } from '../adapters/sandbox/sandbox-execution-client.js';
import { TestClock } from '../core/clock.js';
import { DataKind } from '../data/feed/data-client.js';
import type { L2Book } from '../model/book/l2-book.js';
import { BookUpdateAction } from '../model/data/book-update.js';
import { QuoteTick } from '../model/data/quote-tick.js';
import { TradeTick } from '../model/data/trade-tick.js';
import type { OrderEvent } from '../model/events/order-events.js';
import { instrumentId } from '../model/identifiers/instrument-id.js';
import type { TradeId } from '../model/identifiers/order-ids.js';
import { simpleInstrument } from '../model/instruments/instrument.js';
import { currency } from '../model/types/currency.js';
import { Money } from '../model/types/money.js';
import { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';
import { SqliteJournal } from '../persistence/sqlite-journal.js';
import { RiskState } from '../risk/risk-codes.js';
import { parseRiskConfig, type RiskConfig } from '../risk/risk-limits.js';
import { Strategy } from '../strategy/strategy.js';
import { TradingNode } from './trading-node.js';
import { bookUpdate } from '../../test/support/book-updates.js';
import { ManualDataClient } from '../../test/support/manual-data-client.js';

const USD = currency('USD');
const ID = instrumentId('BTCUSD', 'SIM');
const T0 = 1_800_000_000_000_000;
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Buys `qty` at market on each trade print while `active`; records its order events. */
class Buyer extends Strategy<{ qty: number }> {
  active = true;
  readonly events: OrderEvent[] = [];
  override onTrade(): void {
    if (this.active) this.buy(ID, this.params.qty);
  }
  override onOrderEvent(event: OrderEvent): void {
    this.events.push(event);
  }
}

async function startNode(options: { risk?: RiskConfig; journal?: SqliteJournal; qty?: number } = {}) {
  const clock = new TestClock(T0);
  const client = new ManualDataClient();
  const strategy = new Buyer({ qty: options.qty ?? 1 }, 'buyer');
  const node = new TradingNode({
    environment: 'paper',
    clock,
    accountCurrency: USD,
    startingCash: Money.fromNumber(10_000, USD),
    instruments: [simpleInstrument(ID, USD, 2, 0)],
    data: { client, kinds: [DataKind.TRADES, DataKind.QUOTES] },
    execution: (kernel) => new SandboxExecutionClient({ venue: 'SIM', clock, instruments: kernel.cache }),
    bars: 'none',
    ...(options.risk === undefined ? {} : { risk: options.risk }),
    ...(options.journal === undefined ? {} : { journal: options.journal }),
    pumpIntervalMs: 3_600_000, // the test pumps by hand
    tickIntervalMs: 3_600_000,
  });
  node.addStrategy(strategy);
  await node.start();
  let n = 0;
  /** One quote and one trade at `price` (a market order fills at the touch: the ask when buying). */
  const market = (price: number): void => {
    clock.setTime(clock.timestampUs() + 1_000_000);
    const now = clock.timestampUs();
    const px = (p: number): Price => Price.fromNumber(p, 2);
    client.sink!.onQuote(
      new QuoteTick(
        ID,
        px(price - 0.01),
        px(price + 0.01),
        Quantity.fromRaw(50, 0),
        Quantity.fromRaw(50, 0),
        now,
        now,
      ),
    );
    client.sink!.onTrade(
      new TradeTick(ID, px(price), Quantity.fromRaw(1, 0), 'BUYER', `T${++n}` as TradeId, now, now),
    );
    node.pump();
  };
  return { node, strategy, market, clock };
}

describe('TradingNode', () => {
  it('trades on pumped market data through the sandbox venue', async () => {
    const { node, strategy, market } = await startNode();
    market(100);
    market(101);
    assert.equal(node.kernel.portfolio.position(ID).qtyRaw, 2);
    assert.deepEqual(
      strategy.events
        .filter((e) => e.type === 'OrderFilled')
        .map((e) => e.type === 'OrderFilled' && e.lastPx.toString()),
      ['100.01', '101.01'],
    );
    await node.stop();
  });

  it('a strategy reads the L2 book: onBook after each update, and cache.book(id)', async () => {
    const clock = new TestClock(T0);
    const client = new ManualDataClient();
    const seen: string[] = [];
    class BookReader extends Strategy<Record<string, never>> {
      override onBook(book: L2Book): void {
        seen.push(
          `${book.bestBid()?.price.toString()}/${book.bestAsk()?.price.toString()} x${book.depth.bids}`,
        );
      }
    }
    const node = new TradingNode({
      environment: 'paper',
      clock,
      accountCurrency: USD,
      startingCash: Money.fromNumber(10_000, USD),
      instruments: [simpleInstrument(ID, USD, 2, 0)],
      data: { client, kinds: [DataKind.BOOK] },
      execution: (kernel) => new SandboxExecutionClient({ venue: 'SIM', clock, instruments: kernel.cache }),
      bars: 'none',
      pumpIntervalMs: 3_600_000,
      tickIntervalMs: 3_600_000,
    });
    node.addStrategy(new BookReader({}, 'book-reader'));
    await node.start();
    const t = clock.timestampUs();
    client.sink!.onBookUpdate(
      bookUpdate(
        ID,
        BookUpdateAction.SNAPSHOT,
        [
          ['99.99', '3'],
          ['99.98', '1'],
        ],
        [['100.01', '2']],
        1,
        t,
      ),
    );
    node.pump();
    client.sink!.onBookUpdate(bookUpdate(ID, BookUpdateAction.DELTA, [['99.99', '0']], [], 2, t));
    node.pump();
    assert.deepEqual(seen, ['99.99/100.01 x2', '99.98/100.01 x1']);
    assert.equal(node.kernel.cache.book(ID)?.sequence, 2);
    await node.stop();
  });

  it('a risk rejection reaches the strategy as OrderDenied with its code; the node goes on', async () => {
    const { node, strategy, market } = await startNode({
      qty: 3,
      risk: parseRiskConfig({ node: { maxOrderQuantity: 2 } }),
    });
    market(100);
    const denied = strategy.events.find((e) => e.type === 'OrderDenied');
    assert.ok(denied !== undefined && denied.type === 'OrderDenied');
    assert.equal(denied.code, 'RISK_MAX_ORDER_QTY');
    assert.match(denied.reason, /3/);
    assert.equal(node.kernel.portfolio.position(ID).qtyRaw, 0);
    await node.stop();
  });

  it('the kill switch halts trading and flattens every position', async () => {
    const { node, strategy, market } = await startNode();
    market(100);
    market(100);
    assert.equal(node.kernel.portfolio.position(ID).qtyRaw, 2);
    node.killSwitch('test');
    market(100); // the flatten order fills at this quote; the strategy's new order is refused
    assert.equal(node.risk.state, RiskState.HALTED);
    assert.equal(node.kernel.portfolio.position(ID).qtyRaw, 0);
    assert.equal(node.kernel.strategyPortfolio(strategy.id).position(ID).qtyRaw, 0);
    const last = strategy.events.at(-1);
    assert.ok(last?.type === 'OrderDenied' && last.code === 'RISK_HALTED');
    node.resume();
    market(100);
    assert.equal(node.kernel.portfolio.position(ID).qtyRaw, 1);
    await node.stop();
  });

  it('a daily loss past the limit trips the circuit breaker at the next tick', async () => {
    const { node, strategy, market } = await startNode({
      qty: 10,
      risk: parseRiskConfig({ node: { maxDailyLoss: 50 } }),
    });
    market(100);
    node.tick(); // equity baseline
    strategy.active = false;
    market(94); // 10 units lose about 60
    node.tick();
    assert.equal(node.risk.state, RiskState.HALTED);
    await node.stop();
  });

  it('a restarted node rebuilds orders, positions and cash from its journal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-node-'));
    dirs.push(dir);
    const path = join(dir, 'journal.sqlite');
    const firstJournal = SqliteJournal.open(path);
    const first = await startNode({ journal: firstJournal });
    first.market(100);
    first.market(102);
    const cash = first.node.kernel.portfolio.cashRaw;
    await first.node.stop();
    firstJournal.close();
    const secondJournal = SqliteJournal.open(path);
    const second = await startNode({ journal: secondJournal });
    assert.equal(second.node.restored?.fills, 2);
    assert.equal(second.node.kernel.portfolio.position(ID).qtyRaw, 2);
    assert.equal(second.node.kernel.portfolio.cashRaw, cash);
    assert.equal(second.node.kernel.strategyPortfolio(second.strategy.id).position(ID).qtyRaw, 2);
    second.market(103);
    assert.equal(
      second.strategy.events.at(-1)?.clientOrderId,
      'O-000003',
      'ids continue after the restored ones',
    );
    await second.node.stop();
    secondJournal.close();
  });
});
