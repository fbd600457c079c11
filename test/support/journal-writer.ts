/**
 * The child process of the journal crash test (test/integration/journal-crash.test.ts):
 *
 *   node dist/test/support/journal-writer.js <journal path> <seed>
 *
 * Opens the journal, prints `ready <lastSeq>`, then appends records forever: the record numbered
 * n is always `journalRecord(n)`, so a reader can check every row by its seq. It appends one
 * record at a time or, now and then, a batch of a few, and prints each seq on its own line only
 * after the append (or batch) has returned, i.e. after the commit: every printed seq is a
 * promise that the record survives the SIGKILL the test sends at a random moment.
 */
import { writeSync } from 'node:fs';
import { SeededRandom } from '../../src/core/random.js';
import { SqliteJournal } from '../../src/persistence/sqlite-journal.js';
import { journalRecord } from './journal-records.js';

/** Writes to stdout synchronously, so nothing is left in a buffer when the process dies. */
function print(text: string): void {
  const bytes = Buffer.from(text);
  for (let offset = 0; offset < bytes.length;) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      // A non-blocking pipe the parent has not drained yet: try again.
      if ((error as { code?: string }).code !== 'EAGAIN') throw error;
    }
  }
}

const [path, seedText] = process.argv.slice(2);
if (path === undefined) {
  process.stderr.write('usage: journal-writer <journal path> [seed]\n');
  process.exit(2);
}
const random = new SeededRandom(Number(seedText ?? 1));
const journal = SqliteJournal.open(path);
let next = journal.lastSeq + 1;
print(`ready ${next - 1}\n`);
for (;;) {
  const size = random.next() < 0.8 ? 1 : 2 + Math.floor(random.next() * 20);
  const records = Array.from({ length: size }, (_, i) => journalRecord(next + i));
  const seqs = size === 1 ? [journal.append(records[0])] : journal.appendMany(records);
  if (seqs[0] !== next || seqs[size - 1] !== next + size - 1) {
    process.stderr.write(`expected seqs ${next}..${next + size - 1}, got ${seqs.join(',')}\n`);
    process.exit(3);
  }
  next += size;
  if (random.next() < 0.05)
    journal.audit({ actor: 'test:writer', action: 'checkpoint', detail: `seq ${next - 1}`, tsUs: next });
  print(seqs.join('\n') + '\n');
}
