import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './db';
import { MIGRATIONS, type Migration } from './migrations';

/**
 * Opens the SQLite file and brings its schema up to date. The folder is created on first start,
 * so that `npm start` on a fresh clone needs no other step.
 *
 * - WAL: readers (the pages, the API) never wait for the writer, and a crash leaves the file whole.
 * - foreign_keys: SQLite leaves them off by default; a report without its submission is a fault.
 * - busy_timeout: another process on the same file (the CLI, a second server) makes us wait a
 *   little rather than fail at once with SQLITE_BUSY.
 */

export type { Db };

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** The schema this program writes: the last migration's version. */
export function currentSchema(migrations: readonly Migration[] = MIGRATIONS): number {
  return Math.max(0, ...migrations.map((m) => m.version));
}

/**
 * Opens an existing file to read it as it is, neither migrating nor writing anything (`verify`,
 * `backup` on a file a server may be using). Throws a MigrationError when its schema is not this
 * program's: read with another schema, it would be misread.
 */
export function openReadOnly(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const known = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
    const schema = known ? ((db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0) : 0;
    const current = currentSchema();
    if (schema > current)
      throw new MigrationError(`base de données au schéma ${schema}, plus récent que ce programme (schéma ${current}) : mettre le programme à jour`);
    if (schema < current) {
      throw new MigrationError(
        `base de données au schéma ${schema}, antérieur à celui de ce programme (schéma ${current}) : démarrez le serveur sur cette base (il la met à jour) puis recommencez`,
      );
    }
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

export interface OpenOptions {
  busyTimeoutMs?: number;
  migrations?: readonly Migration[];
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable under WAL except for the last transactions before a power loss.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    migrate(db, options.migrations ?? MIGRATIONS);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** Applies, in order and each in its own transaction, the migrations the file has not seen. Returns the versions applied. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const known = currentSchema(migrations);
  const newer = [...applied].filter((v) => v > known);
  if (newer.length > 0) {
    // A newer program wrote this file: running on it could misread what it stored.
    throw new MigrationError(`base de données au schéma ${Math.max(...newer)}, plus récent que ce programme (schéma ${known}) : mettre le programme à jour`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.data?.(db);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
    done.push(m.version);
  }
  return done;
}
