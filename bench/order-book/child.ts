/**
 * The order-book benchmarks (cases.ts), each case in a fresh node process
 * (dist/bench/order-book/main.js): a peer's multi-second replays leave a heap and background GC
 * work behind, and our book with and without a listener would share type feedback in one process
 * (see ../child-process.ts). Once all have run, the ratios between them are added here: ours over
 * each peer (operations/s, and p99 the other way round), with listener over without, with 100,000
 * resting orders over without, and an `order-book-memory-100k` entry with bytes per resting order.
 */
import { entriesFromChild } from '../child-process.js';
import { log, round } from '../measure.js';
import type { BenchEntry } from '../report.js';
import { ENTRY_NAMES, ORDER_BOOK_CASES, type OrderBookCase } from './cases.js';
import type { MemoryFigures } from './memory-per-order.js';
import { ORDERS_CSV, missingStreamFiles } from './stream-file.js';

/** Ratio keys, by peer. */
const PEER_KEYS: Record<'nodejs-order-book' | 'hft-limit-order-book', string> = {
  'nodejs-order-book': 'NodejsOrderBook',
  'hft-limit-order-book': 'HftLimitOrderBook',
};

export function benchOrderBookInChild(): BenchEntry[] {
  const missing = missingStreamFiles();
  if (missing !== undefined) {
    log(`order-book: skipped (${missing})`);
    return [skippedEntry(missing)];
  }
  const byCase = new Map<OrderBookCase, BenchEntry>();
  for (const name of ORDER_BOOK_CASES) {
    const [entry] = entriesFromChild('./order-book/main.js', [name]);
    byCase.set(name, entry);
  }
  return withRatios(byCase);
}

function withRatios(byCase: Map<OrderBookCase, BenchEntry>): BenchEntry[] {
  const ours = byCase.get('ours')!;
  const oursRate = ours.barsPerSecond!;
  const oursP99 = p99(ours);
  const ratios: Record<string, number> = {};
  const memory: Record<string, MemoryFigures> = { ours: memoryOf(ours) };
  const memoryRatios: Record<string, number> = {};
  for (const [peer, key] of Object.entries(PEER_KEYS) as [keyof typeof PEER_KEYS, string][]) {
    const entry = byCase.get(peer)!;
    ratios[`oursOver${key}`] = round(oursRate / entry.barsPerSecond!, 3);
    ratios[`p99${key}OverOurs`] = round(p99(entry) / Math.max(oursP99, 1), 3);
    memory[peer] = memoryOf(entry);
    memoryRatios[`bytes${key}OverOurs`] = round(
      memory[peer].bytesPerRestingOrder / memory.ours.bytesPerRestingOrder,
      3,
    );
  }
  const listener = byCase.get('ours-listener')!;
  const resting = byCase.get('ours-resting-100k')!;
  const listenerOverPlain = round(listener.barsPerSecond! / oursRate, 3);
  const restingOverPlain = round(resting.barsPerSecond! / oursRate, 3);
  ratios.listenerOverPlain = listenerOverPlain;
  ratios.resting100kOverPlain = restingOverPlain;
  log(
    `order-book: ours/nodejs-order-book ×${ratios.oursOverNodejsOrderBook}, ours/hft-limit-order-book ×${ratios.oursOverHftLimitOrderBook}, listener/plain ${listenerOverPlain}, 100k resting/plain ${restingOverPlain}`,
  );
  return [
    { ...ours, ratios: { ...ours.ratios, ...ratios } },
    { ...listener, ratios: { ...listener.ratios, listenerOverPlain } },
    { ...resting, ratios: { ...resting.ratios, resting100kOverPlain: restingOverPlain } },
    byCase.get('nodejs-order-book')!,
    byCase.get('hft-limit-order-book')!,
    {
      name: 'order-book-memory-100k',
      measures:
        "bytes per resting order: memory in use (V8 heap + external, which holds typed-array buffers) with 100,000 resting limit orders minus the empty book, after full GCs, for ours and each peer (measured in each one's own process); report only",
      bars: null,
      bestSeconds: null,
      barsPerSecond: null,
      target: null,
      pass: null,
      ratios: memoryRatios,
      details: memory,
    },
  ];
}

function p99(entry: BenchEntry): number {
  return (entry.details.latency as { p99Ns: number }).p99Ns;
}

function memoryOf(entry: BenchEntry): MemoryFigures {
  return entry.details.memory as MemoryFigures;
}

function skippedEntry(reason: string): BenchEntry {
  return {
    name: ENTRY_NAMES.ours,
    measures: `orders.csv replayed through OrderBook and its peers; needs ${ORDERS_CSV}`,
    bars: null,
    bestSeconds: null,
    barsPerSecond: null,
    target: null,
    pass: null,
    ratios: {},
    details: { skipped: reason },
  };
}
