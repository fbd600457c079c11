import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { journalRecord, orderFilled } from '../../test/support/journal-records.js';
import { InputError } from '../core/input-error.js';
import { encodeRecord } from './journal-codec.js';
import { JournalCorruptError } from './journal-corrupt-error.js';
import { SCHEMA_VERSION } from './journal-schema.js';
import { SqliteJournal } from './sqlite-journal.js';

const root = mkdtempSync(join(tmpdir(), 'qf-journal-'));
after(() => rmSync(root, { recursive: true, force: true }));
let files = 0;
/** A fresh journal path in the test folder. */
const freshPath = (): string => join(root, `j${++files}.sqlite`);

/** Opens `path` with a plain SQLite connection, runs `fn`, closes. */
function withRaw(path: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

/** Asserts an InputError whose message names `path` and matches `pattern`. */
function assertInputError(fn: () => unknown, path: string, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof InputError, String(error));
    assert.ok(error.message.includes(path), error.message);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('SqliteJournal: append and read', () => {
  test('records come back in order with seq 1, 2, 3, …, kind, time and equal values', () => {
    const journal = SqliteJournal.open(freshPath());
    assert.equal(journal.lastSeq, 0);
    const records = Array.from({ length: 30 }, (_, i) => journalRecord(i + 1));
    const seqs = records.map((r) => journal.append(r));
    assert.deepEqual(
      seqs,
      records.map((_, i) => i + 1),
    );
    assert.equal(journal.lastSeq, 30);
    const entries = [...journal.read()];
    assert.deepEqual(
      entries.map((e) => e.record),
      records,
    );
    assert.deepEqual(
      entries.map((e) => [e.seq, e.kind, e.tsUs]),
      records.map((r, i) => [i + 1, r.type, encodeRecord(r).tsUs]),
    );
    assert.deepEqual(
      [...journal.read(28)].map((e) => e.seq),
      [28, 29, 30],
    );
    assert.deepEqual([...journal.read(31)], []);
    journal.close();
  });

  test('appendMany returns contiguous seqs after earlier appends', () => {
    const journal = SqliteJournal.open(freshPath());
    journal.append(orderFilled(1));
    assert.deepEqual(journal.appendMany([orderFilled(2), orderFilled(3), orderFilled(4)]), [2, 3, 4]);
    assert.deepEqual(journal.appendMany([]), []);
    assert.equal(journal.lastSeq, 4);
    journal.close();
  });

  test('a batch that throws stores nothing and later seqs stay contiguous', () => {
    const path = freshPath();
    const journal = SqliteJournal.open(path);
    journal.append(orderFilled(1));
    assert.throws(
      () =>
        journal.batch(() => {
          journal.append(orderFilled(2));
          journal.append(orderFilled(3));
          throw new Error('venue gone');
        }),
      /venue gone/,
    );
    // A record that cannot be journaled aborts appendMany as a whole, too.
    const bad = { ...orderFilled(9), lastPx: Number.NaN } as unknown as ReturnType<typeof orderFilled>;
    assert.throws(() => journal.appendMany([orderFilled(4), bad]), /lastPx must be price/);
    assert.equal(journal.lastSeq, 1);
    assert.equal(journal.append(orderFilled(5)), 2);
    const nested = journal.batch(() => [
      journal.append(orderFilled(6)),
      journal.batch(() => journal.append(orderFilled(7))),
    ]);
    assert.deepEqual(nested, [3, 4]);
    journal.close();
    const reopened = SqliteJournal.open(path);
    assert.deepEqual(
      [...reopened.read()].map((e) => [e.seq, (e.record as { clientOrderId?: string }).clientOrderId]),
      [
        [1, 'O-1'],
        [2, 'O-5'],
        [3, 'O-6'],
        [4, 'O-7'],
      ],
    );
    reopened.close();
  });

  test('a journal reopened after close has every record and continues the sequence', () => {
    const path = freshPath();
    const first = SqliteJournal.open(path);
    for (let n = 1; n <= 12; n++) first.append(journalRecord(n));
    first.close();
    first.close(); // idempotent
    const second = SqliteJournal.open(path, { synchronous: 'full' });
    assert.equal(second.synchronous, 'full');
    assert.equal(second.lastSeq, 12);
    assert.equal(second.append(journalRecord(13)), 13);
    assert.deepEqual(
      [...second.read()].map((e) => e.record),
      Array.from({ length: 13 }, (_, i) => journalRecord(i + 1)),
    );
    second.close();
    withRaw(path, (db) => assert.equal(db.pragma('journal_mode', { simple: true }), 'wal'));
  });

  test('a second open of a journal in use fails at once; after close it opens', () => {
    const path = freshPath();
    const owner = SqliteJournal.open(path);
    owner.append(orderFilled(1));
    assertInputError(() => SqliteJournal.open(path), path, /in use by another connection/);
    owner.append(orderFilled(2));
    owner.close();
    const next = SqliteJournal.open(path);
    assert.equal(next.lastSeq, 2);
    next.close();
  });
});

describe('SqliteJournal: audit log', () => {
  test('who did what when, in order, kept across reopen', () => {
    const path = freshPath();
    const journal = SqliteJournal.open(path);
    const entries = [
      { actor: 'user:alice', action: 'submit-order', detail: 'O-1 BUY 0.5 BTCUSDT', tsUs: 1_000 },
      { actor: 'system', action: 'kill-switch', detail: '{"reason":"drawdown 5%"}', tsUs: 2_000 },
    ];
    assert.deepEqual(
      entries.map((e) => journal.audit(e)),
      [1, 2],
    );
    journal.append(orderFilled(1));
    journal.close();
    const reopened = SqliteJournal.open(path);
    assert.deepEqual(
      reopened.readAudit(),
      entries.map((e, i) => ({ id: i + 1, ...e })),
    );
    assert.deepEqual(
      reopened.readAudit(2).map((e) => e.action),
      ['kill-switch'],
    );
    assert.equal(reopened.lastSeq, 1, 'audit entries do not take journal seqs');
    assert.throws(() => reopened.audit({ actor: 'a', action: 'b', detail: '', tsUs: 1.5 }), /safe integer/);
    reopened.close();
  });
});

describe('SqliteJournal: bad files', () => {
  test('a corrupt payload fails the read with the seq of the bad record', () => {
    const path = freshPath();
    const journal = SqliteJournal.open(path);
    for (let n = 1; n <= 5; n++) journal.append(orderFilled(n));
    journal.close();
    withRaw(path, (db) => db.prepare(`UPDATE journal SET payload = '{"type":"OrderFil' WHERE seq = 4`).run());
    const reopened = SqliteJournal.open(path);
    const seen: number[] = [];
    assert.throws(
      () => {
        for (const entry of reopened.read()) seen.push(entry.seq);
      },
      (error: unknown) =>
        error instanceof JournalCorruptError && error.seq === 4 && /seq 4: /.test(error.message),
    );
    assert.deepEqual(seen, [1, 2, 3]);
    assert.deepEqual(
      [...reopened.read(5)].map((e) => e.seq),
      [5],
    );
    reopened.close();
  });

  test('a journal written by a newer schema version is refused, naming the path and versions', () => {
    const path = freshPath();
    SqliteJournal.open(path).close();
    withRaw(path, (db) =>
      db.prepare(`UPDATE meta SET value = ? WHERE key = 'schema_version'`).run(String(SCHEMA_VERSION + 1)),
    );
    assertInputError(
      () => SqliteJournal.open(path),
      path,
      new RegExp(`schema version ${SCHEMA_VERSION + 1}; this build reads versions up to ${SCHEMA_VERSION}`),
    );
  });

  test('a path whose folder does not exist is refused, naming the path', () => {
    const path = join(root, 'no-such-folder', 'node.journal');
    assertInputError(() => SqliteJournal.open(path), path, /folder .*no-such-folder does not exist/);
    assert.ok(!existsSync(join(root, 'no-such-folder')));
  });

  test('a file that is not a journal is refused', () => {
    const text = freshPath();
    writeFileSync(text, 'timestamp,open,high,low,close,volume\n'.repeat(200));
    assertInputError(() => SqliteJournal.open(text), text, /cannot open the journal: file is not a database/);
    const other = freshPath();
    withRaw(other, (db) => db.exec('CREATE TABLE bars (ts INTEGER)'));
    assertInputError(() => SqliteJournal.open(other), other, /not a QuantFlow journal/);
    const folder = join(root, 'a-folder');
    mkdirSync(folder);
    assertInputError(() => SqliteJournal.open(folder), folder, /cannot open the journal/);
  });

  test('an unknown synchronous mode is refused', () => {
    const path = freshPath();
    assertInputError(
      () => SqliteJournal.open(path, { synchronous: 'off' as 'full' }),
      path,
      /synchronous must be "normal" or "full"/,
    );
  });
});
