/**
 * One order-book benchmark case in this process (`node --expose-gc dist/bench/order-book/main.js
 * <case>`, one of ours, ours-listener, ours-resting-100k, nodejs-order-book, hft-limit-order-book;
 * all of them, one after the other, without an argument — but child.ts runs each in a fresh
 * process): prints `{ machine, benchmarks }` on stdout, progress on stderr.
 */
import { log, machineInfo } from '../measure.js';
import type { BenchReport } from '../report.js';
import { ORDER_BOOK_CASES, benchOrderBookCase, type OrderBookCase } from './cases.js';

const machine = machineInfo();
log(`node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}`);
if (typeof (globalThis as { gc?: unknown }).gc !== 'function')
  log('warning: run with node --expose-gc for steadier timings and memory figures');
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(ORDER_BOOK_CASES as readonly string[]).includes(name));
if (unknown.length > 0)
  throw new Error(`unknown order-book case ${unknown.join(', ')}: one of ${ORDER_BOOK_CASES.join(', ')}`);
const cases = wanted.length > 0 ? (wanted as OrderBookCase[]) : [...ORDER_BOOK_CASES];
const report: BenchReport = { machine, benchmarks: cases.map((name) => benchOrderBookCase(name)) };
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
