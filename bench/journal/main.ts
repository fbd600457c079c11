/**
 * Journal benchmarks (docs/persistence.md, "Figures"): prints a BenchReport on stdout, progress on
 * stderr. `node --expose-gc dist/bench/journal/main.js [folder]`; the journal files go to a fresh
 * folder under `folder` (default: the OS temp folder), which must be on a real disk for the FULL
 * figures to mean anything (tmpfs ignores fsync).
 *
 * Events are OrderFilled records of realistic size (about 360 bytes of JSON: ids, two exact
 * values, a commission), each different, built before timing; the time covers encoding, the
 * SQLite insert and the commit. Every repetition starts from a new journal file.
 *
 * - **One commit per event**, `synchronous` NORMAL (the default: durable against a crash or
 *   SIGKILL of the process) and FULL (an fsync per commit: durable against power loss).
 * - **Batches of 100** (`appendMany`, one commit per batch), NORMAL and FULL.
 * - **Replay**: reading and decoding the whole journal back, as a restart does.
 *
 * Target: ≥ 50,000 events/s durable. It is set on the NORMAL runs and the batched FULL run; the
 * FULL one-commit-per-event run is report-only: it measures the disk's fsync rate, which no
 * journal that fsyncs every event can beat (details.fsyncPerSecond measures that rate directly).
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeRecord } from '../../src/persistence/journal-codec.js';
import type { JournalRecord } from '../../src/persistence/journal-record.js';
import { SqliteJournal, type JournalSync } from '../../src/persistence/sqlite-journal.js';
import { orderFilled } from '../../test/support/journal-records.js';
import { bestOf, log, machineInfo, round } from '../measure.js';
import { throughputEntry, type BenchEntry, type BenchReport } from '../report.js';

const TARGET = 50_000;
const BATCH = 100;
const REPETITIONS = 3;
const WARMUPS = 1;
/** Events per timed repetition, by run: FULL per event is fsync-bound (about 1 ms each). */
const EVENTS = { eachNormal: 50_000, eachFull: 2_000, batched: 100_000 } as const;

const folder = mkdtempSync(join(process.argv[2] ?? tmpdir(), 'qf-bench-journal-'));
let files = 0;
let open: SqliteJournal | undefined;

/** A journal on a new file; the previous one is closed and deleted (not timed). */
function freshJournal(synchronous: JournalSync): SqliteJournal {
  closeOpen();
  open = SqliteJournal.open(join(folder, `j${++files}.sqlite`), { synchronous });
  return open;
}

function closeOpen(): void {
  if (open === undefined) return;
  open.close();
  rmSync(open.path, { force: true });
  open = undefined;
}

function appendRun(args: {
  name: string;
  synchronous: JournalSync;
  records: readonly JournalRecord[];
  batch: number;
  target: number | null;
  note: string;
}): BenchEntry {
  const { records, batch } = args;
  const timing = bestOf(
    {
      repetitions: REPETITIONS,
      warmups: WARMUPS,
      label: args.name,
      setup: () => freshJournal(args.synchronous),
    },
    (journal) => {
      if (batch === 1) {
        for (let i = 0; i < records.length; i++) journal.append(records[i]);
      } else {
        for (let i = 0; i < records.length; i += batch) journal.appendMany(records.slice(i, i + batch));
      }
      return journal.lastSeq;
    },
  );
  const stored = timing.bestResult;
  const fileBytes = open === undefined ? 0 : statSync(open.path).size;
  closeOpen();
  const entry = throughputEntry({
    name: args.name,
    measures: `events/s (in the barsPerSecond field) appended to a SqliteJournal (WAL, synchronous ${args.synchronous.toUpperCase()}), ${batch === 1 ? 'one commit per event (append)' : `one commit per ${batch} events (appendMany)`}, OrderFilled records of about 360 bytes, encoding included; ${args.note}`,
    bars: records.length,
    timing,
    target: args.target,
    details: {
      events: records.length,
      eventsPerCommit: batch,
      synchronous: args.synchronous,
      usPerEvent: round((timing.bestSeconds * 1e6) / records.length, 3),
      stored,
      lastFileBytes: fileBytes,
      loadAverage: loadavg().map((l) => round(l, 3)),
    },
  });
  return { ...entry, pass: entry.pass === null ? null : entry.pass && stored === records.length };
}

/** Encoding alone, ns per event: the codec's share of an append. */
function encodeNs(records: readonly JournalRecord[]): number {
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < records.length; i++) encodeRecord(records[i]);
    best = Math.min(best, performance.now() - t0);
  }
  return round((best * 1e6) / records.length, 3);
}

/** Small write + fsync, as many as fit in about a second: the disk's ceiling for FULL per event. */
function fsyncPerSecond(): number {
  const fd = openSync(join(folder, 'fsync-probe'), 'w');
  const page = Buffer.alloc(4_096, 1);
  let count = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 1_000) {
    writeSync(fd, page, 0, page.length, (count % 16) * page.length);
    fsyncSync(fd);
    count++;
  }
  const seconds = (performance.now() - t0) / 1_000;
  closeSync(fd);
  return Math.round(count / seconds);
}

function replay(records: readonly JournalRecord[]): BenchEntry {
  const journal = freshJournal('normal');
  for (let i = 0; i < records.length; i += 1_000) journal.appendMany(records.slice(i, i + 1_000));
  const timing = bestOf(
    { repetitions: REPETITIONS, warmups: WARMUPS, label: 'journal-replay', setup: () => journal },
    (j) => {
      let count = 0;
      for (const entry of j.read()) if (entry.seq > 0) count++;
      return count;
    },
  );
  closeOpen();
  return throughputEntry({
    name: 'journal-replay',
    measures: `events/s (in the barsPerSecond field) read back and decoded to records (Price/Quantity/Money rebuilt) from a journal of ${records.length} OrderFilled events, as a restart does`,
    bars: records.length,
    timing,
    target: null,
    details: {
      events: records.length,
      read: timing.bestResult,
      usPerEvent: round((timing.bestSeconds * 1e6) / records.length, 3),
    },
  });
}

const machine = machineInfo();
log(`node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}; journal files in ${folder}`);
if (typeof (globalThis as { gc?: unknown }).gc !== 'function')
  log('warning: run with node --expose-gc for steadier timings');
const records = Array.from({ length: EVENTS.batched }, (_, i) => orderFilled(i + 1));
const avgBytes = Math.round(
  records.slice(0, 1_000).reduce((sum, r) => sum + encodeRecord(r).payload.length, 0) / 1_000,
);
const fsyncRate = fsyncPerSecond();
log(`payload ${avgBytes} bytes/event; disk: ${fsyncRate} write+fsync/s`);
const benchmarks: BenchEntry[] = [
  appendRun({
    name: 'journal-append-each-normal',
    synchronous: 'normal',
    records: records.slice(0, EVENTS.eachNormal),
    batch: 1,
    target: TARGET,
    note: 'durable against a crash or SIGKILL of the process (not power loss) when append returns',
  }),
  appendRun({
    name: 'journal-append-each-full',
    synchronous: 'full',
    records: records.slice(0, EVENTS.eachFull),
    batch: 1,
    target: null,
    note: 'durable against power loss when append returns; report-only: bounded by the disk fsync rate (details.fsyncPerSecond)',
  }),
  appendRun({
    name: 'journal-append-batch100-normal',
    synchronous: 'normal',
    records,
    batch: BATCH,
    target: TARGET,
    note: 'durable against a process crash when appendMany returns',
  }),
  appendRun({
    name: 'journal-append-batch100-full',
    synchronous: 'full',
    records,
    batch: BATCH,
    target: TARGET,
    note: 'durable against power loss when appendMany returns',
  }),
  replay(records),
].map((entry) => ({
  ...entry,
  details: {
    ...entry.details,
    payloadBytes: avgBytes,
    encodeNsPerEvent: encodeNs(records.slice(0, 20_000)),
    fsyncPerSecond: fsyncRate,
  },
}));
rmSync(folder, { recursive: true, force: true });
const report: BenchReport = { machine, benchmarks };
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
