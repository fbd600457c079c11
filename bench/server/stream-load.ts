/**
 * Stream load benchmark: a Fastify server with the stream route on 127.0.0.1, N `ws` clients in
 * a child process (stream-clients.ts) each subscribed to the quotes of I instruments plus
 * `orders` and `fills`; the hub publishes quotes at a combined rate (paced every millisecond)
 * and order/fill events alongside, for a fixed time. Measures delivered messages/s, delivery
 * latency (p50/p99, quotes and durable events apart), the server's RSS growth and CPU, and
 * checks that every client received every order and fill event once, in order.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { QuoteTick } from '../../src/model/data/quote-tick.js';
import type { OrderDenied, OrderFilled } from '../../src/model/events/order-events.js';
import { instrumentId, type InstrumentId } from '../../src/model/identifiers/instrument-id.js';
import type {
  ClientOrderId,
  StrategyId,
  TradeId,
  VenueOrderId,
} from '../../src/model/identifiers/order-ids.js';
import { currency } from '../../src/model/types/currency.js';
import { Money } from '../../src/model/types/money.js';
import { Price } from '../../src/model/types/price.js';
import { Quantity } from '../../src/model/types/quantity.js';
import { registerStream } from '../../src/server/ws/stream.js';
import { StreamHub } from '../../src/server/ws/stream-hub.js';
import { log, round } from '../measure.js';
import { LatencyHistogram, monotonicUs } from './latency-histogram.js';
import type { ClientsReport } from './stream-clients.js';

export interface StreamLoadOptions {
  readonly clients: number;
  readonly instruments: number;
  /** Quotes per second over all instruments. */
  readonly quotesPerSecond: number;
  /** Order events per second (every other one is a fill, published on `orders` and `fills`). */
  readonly orderEventsPerSecond: number;
  readonly seconds: number;
  /**
   * Every client subscribes to every instrument's quotes (`all`), or client i to instrument
   * i mod instruments only (`one`).
   */
  readonly quotesPerClient: 'all' | 'one';
  /** Clients ask for batched frames (`?batch=1`: arrays of the messages pending at a flush). */
  readonly batch: boolean;
}

export interface StreamLoadResult {
  readonly options: StreamLoadOptions;
  readonly published: { quotes: number; orderEvents: number; durableSeqs: number };
  readonly publishSeconds: number;
  /** Publishing plus the wait until every client had the last durable event. */
  readonly totalSeconds: number;
  readonly delivered: { messages: number; quotes: number; durable: number; messagesPerSecond: number };
  /** Share of the quotes offered to clients that reached them (the rest were conflated). */
  readonly quoteDeliveryRatio: number;
  readonly latencyUs: {
    quotes: { p50: number; p99: number; max: number };
    durable: { p50: number; p99: number; max: number };
  };
  /** Every client got every durable event once, in order, and none was dropped. */
  readonly noDurableLoss: boolean;
  readonly seqErrors: number;
  readonly clientsClosed: number;
  readonly hub: ReturnType<StreamHub['stats']>;
  readonly serverRssMb: { start: number; max: number; end: number; growth: number };
  /** Server process CPU (user + system) over the publishing window, as a share of one core. */
  readonly serverCpuShare: number;
  /** Largest lag of the publishing timer behind its schedule, ms. */
  readonly maxPublishLagMs: number;
}

const USD = currency('USD');
const STRATEGY = 'bench' as StrategyId;

/** The hub's `ts` on the monotonic clock, so the client process can subtract it from its own. */
const monotonicClock = { timestampUs: monotonicUs };

export async function runStreamLoad(options: StreamLoadOptions): Promise<StreamLoadResult> {
  const app = Fastify();
  const hub = new StreamHub({ clock: monotonicClock });
  registerStream(app, { hub, heartbeatMs: 0 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  const ids: InstrumentId[] = Array.from({ length: options.instruments }, (_, i) =>
    instrumentId(`SYM${i}`, 'SIM'),
  );
  const topics =
    options.quotesPerClient === 'all'
      ? [...ids.map((id) => `quotes:${id}`), 'orders', 'fills']
      : ids.map((id) => [`quotes:${id}`, 'orders', 'fills']);

  const child = fork(
    fileURLToPath(new URL('./stream-clients.js', import.meta.url)),
    [
      `ws://127.0.0.1:${port}/api/v1/stream${options.batch ? '?batch=1' : ''}`,
      String(options.clients),
      JSON.stringify(topics),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const replies: ((msg: { type: string } & Record<string, unknown>) => void)[] = [];
  child.on('message', (msg: { type: string } & Record<string, unknown>) => replies.shift()?.(msg));
  const next = <T>(): Promise<T> => new Promise((resolve) => replies.push(resolve as never));
  await next();
  log(
    `stream load: ${options.clients} clients subscribed (${options.quotesPerClient === 'all' ? 'all instruments' : 'one instrument each'})`,
  );

  const rssStart = process.memoryUsage().rss;
  let rssMax = rssStart;
  const rssTimer = setInterval(() => {
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
  }, 100);

  // Paced publishing: every ms, publish what the schedule says should be out by now.
  const quotesTotal = Math.round(options.quotesPerSecond * options.seconds);
  const eventsTotal = Math.round(options.orderEventsPerSecond * options.seconds);
  let quotes = 0;
  let events = 0;
  let maxLagMs = 0;
  const cpu0 = process.cpuUsage();
  const t0 = monotonicUs();
  await new Promise<void>((resolve) => {
    const step = (): void => {
      const elapsedUs = monotonicUs() - t0;
      const fraction = Math.min(1, elapsedUs / (options.seconds * 1e6));
      const quotesDue = Math.floor(quotesTotal * fraction);
      const eventsDue = Math.floor(eventsTotal * fraction);
      maxLagMs = Math.max(maxLagMs, (quotesDue - quotes) / (options.quotesPerSecond / 1000));
      const now = monotonicUs();
      while (quotes < quotesDue) {
        const id = ids[quotes % ids.length]!;
        const bid = 1_000_000 + (quotes % 1000);
        hub.publishQuote(
          new QuoteTick(
            id,
            Price.fromRaw(bid, 2),
            Price.fromRaw(bid + 5, 2),
            Quantity.fromRaw(150, 3),
            Quantity.fromRaw(275, 3),
            now,
            now,
          ),
        );
        quotes++;
      }
      while (events < eventsDue) hub.publishOrderEvent(orderEvent(++events, ids[events % ids.length]!, now));
      if (fraction >= 1) resolve();
      else setTimeout(step, 1);
    };
    step();
  });
  const publishSeconds = (monotonicUs() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const lastSeq = hub.lastSeq;
  log(
    `stream load: published ${quotes} quotes and ${events} order events in ${publishSeconds.toFixed(2)} s; draining`,
  );

  // Wait for every client to reach the last seq (or give up after 30 s).
  for (let waited = 0; waited < 30_000; waited += 50) {
    child.send({ type: 'status' });
    const status = await next<{ minSeq: number }>();
    if (status.minSeq >= lastSeq) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const totalSeconds = (monotonicUs() - t0) / 1e6;
  clearInterval(rssTimer);
  const rssEnd = process.memoryUsage().rss;
  child.send({ type: 'finish' });
  const { report } = await next<{ report: ClientsReport }>();
  const hubStats = hub.stats();
  await app.close();

  const quoteLatency = new LatencyHistogram();
  quoteLatency.merge(report.quoteLatency);
  const durableLatency = new LatencyHistogram();
  durableLatency.merge(report.durableLatency);
  const mb = (bytes: number): number => round(bytes / 1024 / 1024, 4);
  const quotesOffered =
    options.quotesPerClient === 'all'
      ? quotes * options.clients
      : (quotes / options.instruments) * options.clients;
  return {
    options,
    published: { quotes, orderEvents: events, durableSeqs: lastSeq },
    publishSeconds: round(publishSeconds),
    totalSeconds: round(totalSeconds),
    delivered: {
      messages: report.messages,
      quotes: report.quotes,
      durable: report.durable,
      messagesPerSecond: Math.round(report.messages / totalSeconds),
    },
    quoteDeliveryRatio: round(report.quotes / quotesOffered),
    latencyUs: {
      quotes: {
        p50: quoteLatency.quantile(0.5),
        p99: quoteLatency.quantile(0.99),
        max: round(quoteLatency.maxUs),
      },
      durable: {
        p50: durableLatency.quantile(0.5),
        p99: durableLatency.quantile(0.99),
        max: round(durableLatency.maxUs),
      },
    },
    noDurableLoss:
      report.seqErrors === 0 &&
      report.lastSeqs.every((s) => s === lastSeq) &&
      report.durable === lastSeq * options.clients &&
      report.closes.length === 0,
    seqErrors: report.seqErrors,
    clientsClosed: report.closes.length,
    hub: hubStats,
    serverRssMb: { start: mb(rssStart), max: mb(rssMax), end: mb(rssEnd), growth: mb(rssMax - rssStart) },
    serverCpuShare: round((cpu.user + cpu.system) / 1e6 / publishSeconds, 3),
    maxPublishLagMs: round(maxLagMs, 3),
  };
}

/** Order event `n`: every other one a fill (published on `orders` and `fills`), else a denial. */
function orderEvent(n: number, id: InstrumentId, now: number): OrderFilled | OrderDenied {
  const base = {
    clientOrderId: `O-${n}` as ClientOrderId,
    strategyId: STRATEGY,
    instrumentId: id,
    tsEvent: now,
    tsInit: now,
  };
  if (n % 2 === 1)
    return { ...base, type: 'OrderDenied', code: 'RISK_MAX_NOTIONAL', reason: 'notional 12000 over 10000' };
  return {
    ...base,
    type: 'OrderFilled',
    venueOrderId: `V-${n}` as VenueOrderId,
    tradeId: `T-${n}` as TradeId,
    side: 'BUY',
    lastQty: Quantity.fromRaw(125, 3),
    lastPx: Price.fromRaw(1_000_005, 2),
    commission: Money.fromRaw(25, USD),
    liquiditySide: 'TAKER',
  };
}
