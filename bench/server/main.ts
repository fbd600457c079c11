/**
 * Server load benchmarks (docs/streaming.md, "Figures"): prints a BenchReport on stdout,
 * progress on stderr. `node --expose-gc dist/bench/server/main.js [seconds] [rest]` (`rest`: the REST load only).
 *
 * - **Stream**: 100 `ws` clients (one child process) on 127.0.0.1, each subscribed to the quotes
 *   of 10 instruments plus orders and fills; the hub publishes 10,000 quotes/s combined plus
 *   200 order events/s (half of them fills, on both topics) for 5 s. Pass: no order or fill
 *   event lost, repeated or reordered on any client, no client dropped, server RSS growth
 *   under 200 MB. Delivered messages/s and p99 latency are reported (quotes are conflated for
 *   clients that fall behind, by design). Clients ask for batched frames (`?batch=1`); the same
 *   load with one message a frame runs next, for the ratio. A last run subscribes each client to
 *   one instrument's quotes only (100k messages/s to deliver instead of 1M).
 * - **REST**: 1,000 GET/s for 5 s over the read routes in turn, on the real server in front of a
 *   paper node on the simulated market, in a child process (rest-target.ts); target p99 < 5 ms.
 *   The same load on a bare Fastify app (bare-fastify-target.ts) is the peer.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { log, machineInfo, round } from '../measure.js';
import type { BenchEntry, BenchReport } from '../report.js';
import { runRestLoad } from './rest-load.js';
import { runStreamLoad } from './stream-load.js';

const SECONDS = Number(process.argv[2] ?? 5);
const RSS_GROWTH_LIMIT_MB = 200;
const REST_P99_TARGET_US = 5_000;

function streamLoad(quotesPerClient: 'all' | 'one', batch: boolean) {
  return runStreamLoad({
    clients: 100,
    instruments: 10,
    quotesPerSecond: 10_000,
    orderEventsPerSecond: 200,
    seconds: SECONDS,
    quotesPerClient,
    batch,
  });
}

/**
 * The stream with batched frames (what the typed client asks for); with `compare`, the same load
 * again with one message per frame, for the ratio.
 */
async function streamEntry(quotesPerClient: 'all' | 'one', compare: boolean): Promise<BenchEntry> {
  const r = await streamLoad(quotesPerClient, true);
  log(
    `stream: delivered ${r.delivered.messagesPerSecond} msg/s, quotes p99 ${r.latencyUs.quotes.p99} µs, durable p99 ${r.latencyUs.durable.p99} µs, no loss ${r.noDurableLoss}, RSS +${r.serverRssMb.growth} MB`,
  );
  const single = compare ? await streamLoad(quotesPerClient, false) : undefined;
  if (single !== undefined)
    log(
      `stream, one message a frame: delivered ${single.delivered.messagesPerSecond} msg/s, no loss ${single.noDurableLoss}`,
    );
  const ratios: Record<string, number> = { quoteDeliveryRatio: r.quoteDeliveryRatio };
  if (single !== undefined)
    ratios['deliveredVsOneMessageFrames'] = round(
      r.delivered.messagesPerSecond / single.delivered.messagesPerSecond,
    );
  return {
    name: quotesPerClient === 'all' ? 'server-stream-100-clients' : 'server-stream-100-clients-1-instrument',
    measures: `WebSocket stream, batched frames: 100 clients × (${quotesPerClient === 'all' ? '10 instruments’' : 'one instrument’s'} quotes + orders + fills), 10,000 quotes/s over 10 instruments + 200 order events/s published; delivered messages/s (in barsPerSecond), latency publish → client receipt`,
    bars: null,
    bestSeconds: null,
    barsPerSecond: r.delivered.messagesPerSecond,
    target: null,
    pass:
      r.noDurableLoss &&
      r.serverRssMb.growth < RSS_GROWTH_LIMIT_MB &&
      (single === undefined || (single.noDurableLoss && single.serverRssMb.growth < RSS_GROWTH_LIMIT_MB)),
    ratios,
    details: {
      ...r,
      ...(single === undefined ? {} : { oneMessageFrames: single }),
      targets: { noDurableLoss: true, rssGrowthMb: RSS_GROWTH_LIMIT_MB },
    },
  };
}

/** The read routes the REST load takes in turn: each walks some of the node's state. */
const READ_ROUTES = [
  '/api/v1/health',
  '/api/v1/node',
  '/api/v1/portfolio',
  '/api/v1/positions',
  '/api/v1/orders',
  '/api/v1/fills?limit=100',
  '/api/v1/account',
];

/** Starts a target script in a child process; resolves with its base URL and a stop function. */
async function startTarget(script: string): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { baseUrl: `http://127.0.0.1:${String(chunk).trim()}`, stop: () => child.kill() };
}

async function loadAt(baseUrl: string, routes: readonly string[]) {
  await runRestLoad({ baseUrl, routes, ratePerSecond: 500, seconds: 2 }); // warm-up (JIT)
  return runRestLoad({ baseUrl, routes, ratePerSecond: 1_000, seconds: SECONDS });
}

async function restEntry(): Promise<BenchEntry> {
  const ours = await startTarget('./rest-target.js');
  const r = await loadAt(ours.baseUrl, READ_ROUTES).finally(ours.stop);
  // The peer: Fastify alone answering a constant on the same machine with the same load, which
  // is the floor any Fastify server can reach here.
  const bare = await startTarget('./bare-fastify-target.js');
  const peer = await loadAt(bare.baseUrl, ['/api/v1/health']).finally(bare.stop);
  log(`rest: ${r.achievedRatePerSecond} req/s, p50 ${r.latencyUs.p50} µs, p99 ${r.latencyUs.p99} µs`);
  log(`rest peer (bare Fastify): p50 ${peer.latencyUs.p50} µs, p99 ${peer.latencyUs.p99} µs`);
  return {
    name: 'server-rest-1000rps',
    measures: `REST GET at 1,000 req/s (open loop, keep-alive) over ${READ_ROUTES.length} read routes in turn, on the real server in front of a paper node (another process); p99 µs. Peer: a bare Fastify app answering a constant under the same load`,
    bars: null,
    bestSeconds: null,
    barsPerSecond: null,
    target: null,
    pass: r.latencyUs.p99 < REST_P99_TARGET_US && r.statuses['200'] === r.requests,
    ratios: { p99VsBareFastify: Math.round((r.latencyUs.p99 / peer.latencyUs.p99) * 100) / 100 },
    details: { ...r, peerBareFastify: peer, targets: { p99Us: REST_P99_TARGET_US } },
  };
}

const machine = machineInfo();
log(`node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}`);
const only = process.argv[3];
const benchmarks =
  only === 'rest'
    ? [await restEntry()]
    : [await streamEntry('all', true), await streamEntry('one', false), await restEntry()];
const report: BenchReport = { machine, benchmarks };
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
