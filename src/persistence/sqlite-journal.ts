/**
 * The node's write-ahead journal on SQLite: every command and event is appended before the node
 * acts on it, and on restart the node rebuilds its state by reading the journal from the start
 * (docs/persistence.md).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '../core/input-error.js';
import { decodeRecord, encodeRecord } from './journal-codec.js';
import type { JournalRecord, JournalRecordKind } from './journal-record.js';
import { ensureSchema } from './journal-schema.js';

/**
 * WAL frames between automatic checkpoints (SQLite's default: 1,000). A checkpoint copies the WAL
 * into the database file and, in both modes, fsyncs twice: at the disk's 2–4 ms per fsync measured
 * here, that was several µs per event at 1,000 frames (one frame per one-event commit). 4,000
 * frames (a WAL of up to 16 MB, replayed in milliseconds on open) makes it a quarter of that; the
 * pause at each checkpoint stays the same, a few ms.
 */
const CHECKPOINT_PAGES = 4_000;

/**
 * How hard a commit pushes to disk. With WAL:
 * - `normal`: the commit is written to the WAL file (the OS page cache) before `append` returns,
 *   and the WAL is fsynced at checkpoints. Survives a crash or SIGKILL of the process; the last
 *   commits may be lost on power loss or a kernel crash (never corrupted: SQLite rolls the WAL
 *   back to the last intact commit).
 * - `full`: the WAL is also fsynced at every commit. Survives power loss too, at the disk's
 *   fsync rate.
 */
export type JournalSync = 'normal' | 'full';

export interface JournalOptions {
  /** Default `normal` (see {@link JournalSync}). */
  readonly synchronous?: JournalSync;
}

/** One stored record. */
export interface JournalEntry {
  /** Position in the journal: 1, 2, 3, … with no gaps. */
  readonly seq: number;
  /** The record's time, µs (`tsUs` of commands and snapshots, `tsInit` of events). */
  readonly tsUs: number;
  readonly kind: JournalRecordKind;
  readonly record: JournalRecord;
}

/** Who did what, when: an operator, a strategy or the system acting on the node. */
export interface AuditEntry {
  /** Who: e.g. `user:alice`, `strategy:sma-cross-001`, `system`. */
  readonly actor: string;
  /** What: e.g. `submit-order`, `kill-switch`, `config-change`. */
  readonly action: string;
  /** Free text (or JSON) with the particulars. */
  readonly detail: string;
  /** When, µs, from the caller's clock. */
  readonly tsUs: number;
}

/** An audit entry as stored, with its id (1, 2, 3, …). */
export interface StoredAuditEntry extends AuditEntry {
  readonly id: number;
}

interface JournalRow {
  seq: number;
  ts_us: number;
  kind: string;
  payload: string;
}

interface AuditRow {
  id: number;
  ts_us: number;
  actor: string;
  action: string;
  detail: string;
}

/**
 * An append-only journal in one SQLite file (WAL mode). One connection at a time: the open
 * journal holds the file's lock until {@link close}, and a second open (in any process) fails with
 * an {@link InputError} saying the journal is in use. Appends are synchronous; when {@link append} returns, the record is committed
 * (durable as {@link JournalSync} says) and the node may act on it.
 *
 * ```ts
 * const journal = SqliteJournal.open('state/node.journal');
 * for (const { record } of journal.read()) rebuild(record); // restart: replay first
 * journal.append(submitOrder); // then: journal, then act
 * journal.batch(() => { for (const e of burst) journal.append(e); }); // one commit for a burst
 * ```
 */
export class SqliteJournal {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<[number, string, string]>;
  readonly #readFrom: Database.Statement<[number], JournalRow>;
  readonly #last: Database.Statement<[], number>;
  readonly #insertAudit: Database.Statement<[number, string, string, string]>;
  readonly #readAudit: Database.Statement<[number], AuditRow>;
  readonly #inTransaction: (fn: () => unknown) => unknown;

  private constructor(
    db: Database.Database,
    /** The journal file. */
    readonly path: string,
    /** The durability of each commit. */
    readonly synchronous: JournalSync,
  ) {
    this.#db = db;
    this.#insert = db.prepare('INSERT INTO journal (ts_us, kind, payload) VALUES (?, ?, ?)');
    this.#readFrom = db.prepare('SELECT seq, ts_us, kind, payload FROM journal WHERE seq >= ? ORDER BY seq');
    this.#last = db.prepare<[], number>('SELECT seq FROM journal ORDER BY seq DESC LIMIT 1').pluck();
    this.#insertAudit = db.prepare('INSERT INTO audit (ts_us, actor, action, detail) VALUES (?, ?, ?, ?)');
    this.#readAudit = db.prepare(
      'SELECT id, ts_us, actor, action, detail FROM audit WHERE id >= ? ORDER BY id',
    );
    // One transaction wrapper for every batch; nested batches become savepoints.
    this.#inTransaction = db.transaction((fn: () => unknown) => fn());
  }

  /**
   * Opens the journal at `path`, creating the file and its schema if needed. Throws an
   * {@link InputError} naming the path when its folder does not exist, the file is not a SQLite
   * journal, or it was written by a newer schema version.
   */
  static open(path: string, options: JournalOptions = {}): SqliteJournal {
    const synchronous = options.synchronous ?? 'normal';
    if (synchronous !== 'normal' && synchronous !== 'full') {
      throw new InputError(
        `journal synchronous must be "normal" or "full", got ${JSON.stringify(synchronous)}`,
        {
          file: path,
        },
      );
    }
    const folder = dirname(resolve(path));
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new InputError(`cannot open the journal: folder ${folder} does not exist`, { file: path });
    }
    let db: Database.Database;
    try {
      // No busy wait: the lock is held for the owner's whole life, so waiting cannot help.
      db = new Database(path, { timeout: 0 });
    } catch (error) {
      throw new InputError(`cannot open the journal: ${(error as Error).message}`, { file: path });
    }
    try {
      // Before the first access (order matters): the connection takes the file's lock at its first
      // write and keeps it until close, and the WAL index lives in its heap instead of a shared
      // memory file. One writer is enforced (a second open fails at once, below), and each
      // commit saves the shared-memory locking (about a quarter of a commit's cost, measured).
      db.pragma('locking_mode = EXCLUSIVE');
      const mode = readPragma(db, 'journal_mode = WAL', path);
      if (mode !== 'wal') {
        throw new InputError(`the journal needs WAL mode, SQLite gave "${String(mode)}"`, { file: path });
      }
      db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
      db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
      ensureSchema(db, path);
      return new SqliteJournal(db, path, synchronous);
    } catch (error) {
      db.close();
      throw inUse(error, path);
    }
  }

  /**
   * Appends one record and returns its sequence number. Outside {@link batch} the record is
   * committed when this returns; inside, when the outermost batch returns.
   * Throws (a bug) if the record is not journalable (unknown kind, missing field, a value JSON
   * cannot hold exactly).
   */
  append(record: JournalRecord): number {
    const { kind, tsUs, payload } = encodeRecord(record);
    return Number(this.#insert.run(tsUs, kind, payload).lastInsertRowid);
  }

  /** Appends several records in one transaction (one commit) and returns their sequence numbers. */
  appendMany(records: readonly JournalRecord[]): number[] {
    return this.batch(() => records.map((record) => this.append(record)));
  }

  /**
   * Runs `fn` in one transaction: every append inside commits together when `fn` returns, or not
   * at all if it throws (the error is rethrown). Group commit for bursts: many records, one
   * commit. Sequence numbers returned inside are durable only once `batch` has returned.
   */
  batch<T>(fn: () => T): T {
    return this.#inTransaction(fn) as T;
  }

  /**
   * The stored records with `seq >= fromSeq`, in order, decoded lazily. Throws a
   * JournalCorruptError naming the seq of the first record that cannot be read. The connection is
   * busy while the iteration runs: finish reading before appending.
   */
  *read(fromSeq = 1): IterableIterator<JournalEntry> {
    for (const row of this.#readFrom.iterate(fromSeq)) {
      yield {
        seq: row.seq,
        tsUs: row.ts_us,
        kind: row.kind as JournalRecordKind,
        record: decodeRecord(row.seq, row.kind, row.payload),
      };
    }
  }

  /** The last sequence number written (0 for an empty journal). */
  get lastSeq(): number {
    return this.#last.get() ?? 0;
  }

  /** Appends an audit entry (committed like {@link append}) and returns its id. */
  audit(entry: AuditEntry): number {
    if (!Number.isSafeInteger(entry.tsUs))
      throw new RangeError(`audit tsUs must be a safe integer, got ${entry.tsUs}`);
    return Number(this.#insertAudit.run(entry.tsUs, entry.actor, entry.action, entry.detail).lastInsertRowid);
  }

  /** The audit entries with `id >= fromId`, in order. */
  readAudit(fromId = 1): StoredAuditEntry[] {
    return this.#readAudit.all(fromId).map((r) => ({
      id: r.id,
      actor: r.actor,
      action: r.action,
      detail: r.detail,
      tsUs: r.ts_us,
    }));
  }

  /** Closes the file (checkpointing the WAL into it). Further calls do nothing. */
  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

/** SQLite's "database is locked" as the error an operator can act on; any other error unchanged. */
function inUse(error: unknown, path: string): unknown {
  if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') return error;
  return new InputError(
    'the journal is in use by another connection (one writer at a time: close it first)',
    {
      file: path,
    },
  );
}

function readPragma(db: Database.Database, pragma: string, path: string): unknown {
  try {
    return db.pragma(pragma, { simple: true });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw error;
    // SQLite reads the header on first use: "file is not a database" surfaces here, not in the constructor.
    throw new InputError(`cannot open the journal: ${(error as Error).message}`, { file: path });
  }
}
