/**
 * Crash safety of the SQLite journal with real processes: a child (test/support/journal-writer.ts)
 * appends records to one journal file and prints each seq once its append has returned; the test
 * SIGKILLs it at a random moment, reopens the file and checks that every printed seq is there
 * exactly once, that seqs run 1..lastSeq without a gap, and that every payload decodes to the
 * record written. The next child then continues the same file, so each trial also recovers from
 * the previous kill. Some kills land during node's startup or the journal's open and schema
 * creation, most in the middle of appending.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SeededRandom } from '../../src/core/random.js';
import { SqliteJournal } from '../../src/persistence/sqlite-journal.js';
import { journalRecord } from '../support/journal-records.js';

const WRITER = fileURLToPath(new URL('../support/journal-writer.js', import.meta.url));
const TRIALS = 24;
/** Kill this long after spawn (startup, open, first appends) in a quarter of the trials. */
const MAX_EARLY_KILL_MS = 400;
/** Otherwise, kill this long after the child reported `ready` (appending all the while). */
const MAX_KILL_AFTER_READY_MS = 250;

const dir = mkdtempSync(join(tmpdir(), 'qf-journal-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Trial {
  /** The lastSeq the child saw on open, if it got that far. */
  readonly readySeq: number | undefined;
  /** Every seq the child printed: acknowledged, so it must survive. */
  readonly acknowledged: number[];
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs one child on `path` and SIGKILLs it after a random delay. */
function runAndKill(path: string, seed: number, random: SeededRandom): Promise<Trial> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, path, String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = (): void => {
      child.kill('SIGKILL');
    };
    const early = random.next() < 0.25;
    if (early) timer = setTimeout(kill, random.next() * MAX_EARLY_KILL_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (!early && timer === undefined && (stdout + chunk).includes('\n')) {
        timer = setTimeout(kill, random.next() * MAX_KILL_AFTER_READY_MS);
      }
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      // Only whole lines: a line cut by the kill was never fully acknowledged.
      const lines = stdout.split('\n').slice(0, -1);
      const ready = lines[0]?.startsWith('ready ') ? Number(lines[0].slice(6)) : undefined;
      const acknowledged = lines.slice(ready === undefined ? 0 : 1).map(Number);
      resolve({ readySeq: ready, acknowledged, signal, stderr });
    });
  });
}

/** Reads the journal from `fromSeq`; checks seqs are contiguous and payloads are the records written. */
function verify(path: string, fromSeq: number): { lastSeq: number; auditIds: number[] } {
  const journal = SqliteJournal.open(path);
  try {
    let expected = fromSeq;
    for (const entry of journal.read(fromSeq)) {
      assert.equal(entry.seq, expected, `gap or disorder: expected seq ${expected}, found ${entry.seq}`);
      assert.deepEqual(entry.record, journalRecord(entry.seq), `payload of seq ${entry.seq}`);
      expected++;
    }
    assert.equal(journal.lastSeq, expected - 1);
    return { lastSeq: journal.lastSeq, auditIds: journal.readAudit().map((a) => a.id) };
  } finally {
    journal.close();
  }
}

describe('journal crash safety (SIGKILL at random moments)', () => {
  it(`keeps every acknowledged record exactly once over ${TRIALS} kills`, { timeout: 120_000 }, async (t) => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const random = new SeededRandom(seed);
    const path = join(dir, 'node.journal');
    const context = `(seed ${seed})`;
    let verified = 0;
    let totalAcknowledged = 0;
    let trialsWithAppends = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const run = await runAndKill(path, trial + 1, random);
      const where = `trial ${trial + 1} ${context}`;
      assert.equal(run.signal, 'SIGKILL', `${where}: the writer ended by itself: ${run.stderr}`);
      if (run.readySeq !== undefined) {
        assert.equal(run.readySeq, verified, `${where}: the writer reopened at the wrong place`);
      }
      const { lastSeq } = verify(path, verified + 1);
      // Seqs are a primary key and contiguous: each acknowledged seq at most lastSeq is there exactly once.
      const maxAcknowledged = Math.max(verified, ...run.acknowledged);
      assert.ok(
        lastSeq >= maxAcknowledged,
        `${where}: acknowledged up to ${maxAcknowledged}, journal ends at ${lastSeq}`,
      );
      assert.deepEqual(
        run.acknowledged,
        Array.from({ length: run.acknowledged.length }, (_, i) => verified + 1 + i),
        `${where}: the writer acknowledged seqs out of order`,
      );
      totalAcknowledged += run.acknowledged.length;
      if (run.acknowledged.length > 0) trialsWithAppends++;
      verified = lastSeq;
    }
    // Once more from the start: nothing older changed under later crashes and recoveries.
    const { lastSeq, auditIds } = verify(path, 1);
    assert.equal(lastSeq, verified);
    assert.deepEqual(
      auditIds,
      auditIds.map((_, i) => i + 1),
    );
    t.diagnostic(
      `${TRIALS} kills ${context}: ${totalAcknowledged} records acknowledged in ${trialsWithAppends} trials, journal ends at seq ${lastSeq}`,
    );
    // The kills must have landed mid-append, or the test proved nothing.
    assert.ok(
      trialsWithAppends >= TRIALS / 2,
      `only ${trialsWithAppends} trials appended anything ${context}`,
    );
    assert.ok(totalAcknowledged >= 100, `only ${totalAcknowledged} records acknowledged ${context}`);
  });
});
