/**
 * The standard order stream of the order-book benchmark: `../shared/bench/orders.csv` beside the
 * clone (1,000,000 operations, see ORDER-STREAM.md there) and the final state any correct book
 * reaches (`orders.expected.json`). Benchmarks may depend on ../shared; the product may not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseOrderStream, type OrderStream } from '../../src/matching/replay/order-stream.js';
import type { ReplayChecks } from '../../src/matching/replay/replay.js';
import { log, round } from '../measure.js';

/** What orders.expected.json holds (the fields the benchmark uses). */
export interface ExpectedState {
  readonly sha256: string;
  readonly checks: ReplayChecks;
  readonly stats: { readonly n: number; readonly trades: number; readonly tradedVol: number };
}

/** The repo root: the first folder above this file with QuantFlow's package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'quantflow')
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the quantflow package.json above ' + dir);
    dir = parent;
  }
}

/** `../shared/bench` beside the repo. */
export const SHARED_BENCH = join(repoRoot(), '..', 'shared', 'bench');
export const ORDERS_CSV = join(SHARED_BENCH, 'orders.csv');
export const ORDERS_EXPECTED = join(SHARED_BENCH, 'orders.expected.json');

/** Why the benchmark cannot run here, or undefined when both files are present. */
export function missingStreamFiles(): string | undefined {
  const missing = [ORDERS_CSV, ORDERS_EXPECTED].filter((path) => !existsSync(path));
  return missing.length === 0 ? undefined : `missing ${missing.join(' and ')}`;
}

export function loadExpected(): ExpectedState {
  return JSON.parse(readFileSync(ORDERS_EXPECTED, 'utf8')) as ExpectedState;
}

/** The parsed stream, and how long reading and parsing took (best of `repetitions` parses). */
export interface LoadedStream {
  readonly stream: OrderStream;
  readonly bytes: number;
  readonly readSeconds: number;
  readonly parse: { readonly bestSeconds: number; readonly allSeconds: readonly number[] };
}

/**
 * Reads orders.csv and parses it `repetitions` times (the first parse is a cold one, as in the
 * CLI; later ones run optimized code), keeping the last stream.
 */
export function loadStream(repetitions = 1): LoadedStream {
  const t0 = performance.now();
  const bytes = readFileSync(ORDERS_CSV);
  const readSeconds = (performance.now() - t0) / 1000;
  const allSeconds: number[] = [];
  let stream: OrderStream | undefined;
  for (let i = 0; i < repetitions; i++) {
    const t1 = performance.now();
    stream = parseOrderStream(bytes, ORDERS_CSV);
    allSeconds.push((performance.now() - t1) / 1000);
  }
  if (stream === undefined) throw new RangeError('repetitions must be at least 1');
  log(
    `order-book: read ${(bytes.length / 1e6).toFixed(1)} MB in ${readSeconds.toFixed(3)} s, parsed ${stream.length} operations in ${allSeconds.map((s) => s.toFixed(3)).join(', ')} s`,
  );
  return {
    stream,
    bytes: bytes.length,
    readSeconds: round(readSeconds),
    parse: { bestSeconds: round(Math.min(...allSeconds)), allSeconds: allSeconds.map((s) => round(s)) },
  };
}
