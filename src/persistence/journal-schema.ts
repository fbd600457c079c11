/**
 * The journal's SQLite schema and its version check. The version lives in the `meta` table
 * (`schema_version`), beside a `format` marker that tells a journal from any other SQLite file.
 */
import type Database from 'better-sqlite3';
import { InputError } from '../core/input-error.js';

/** The schema version this build writes and reads. */
export const SCHEMA_VERSION = 1;

/** The `format` value in `meta` of every QuantFlow journal. */
export const JOURNAL_FORMAT = 'quantflow-journal';

/**
 * Version 1. `seq` is the rowid alias: SQLite gives each new row max(seq) + 1, and nothing ever
 * deletes, so sequence numbers are contiguous from 1 (a rolled-back insert consumes none).
 */
const SCHEMA_V1 = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
CREATE TABLE journal (
  seq     INTEGER PRIMARY KEY,
  ts_us   INTEGER NOT NULL,
  kind    TEXT    NOT NULL,
  payload TEXT    NOT NULL
) STRICT;
CREATE TABLE audit (
  id     INTEGER PRIMARY KEY,
  ts_us  INTEGER NOT NULL,
  actor  TEXT    NOT NULL,
  action TEXT    NOT NULL,
  detail TEXT    NOT NULL
) STRICT;
`;

/**
 * Creates the schema in an empty database, or checks the version of an existing journal.
 * Creation is one transaction, so a crash mid-way leaves an empty database that the next open
 * initializes again. Throws an {@link InputError} naming `path` for a file that is not a journal
 * or was written by a newer schema.
 */
export function ensureSchema(db: Database.Database, path: string): void {
  db.transaction(() => {
    const tables = db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
      .pluck()
      .all() as string[];
    if (tables.length === 0) {
      db.exec(SCHEMA_V1);
      const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      put.run('format', JOURNAL_FORMAT);
      put.run('schema_version', String(SCHEMA_VERSION));
      return;
    }
    if (!tables.includes('meta')) throw notAJournal(path);
    const meta = new Map(
      (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [
        r.key,
        r.value,
      ]),
    );
    if (meta.get('format') !== JOURNAL_FORMAT) throw notAJournal(path);
    const version = Number(meta.get('schema_version'));
    if (!Number.isInteger(version) || version < 1) {
      throw new InputError(
        `journal schema_version ${JSON.stringify(meta.get('schema_version'))} is invalid`,
        {
          file: path,
        },
      );
    }
    if (version > SCHEMA_VERSION) {
      throw new InputError(
        `journal was written by schema version ${version}; this build reads versions up to ${SCHEMA_VERSION} (upgrade QuantFlow)`,
        { file: path },
      );
    }
    // version === SCHEMA_VERSION: nothing to migrate yet. Migrations from older versions go here.
  }).immediate();
}

function notAJournal(path: string): InputError {
  return new InputError('a SQLite database but not a QuantFlow journal (no meta table with its format)', {
    file: path,
  });
}
