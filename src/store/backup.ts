import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './database';

/**
 * A consistent copy of the file while a server may be writing to it: SQLite's online backup
 * (better-sqlite3's `backup`), which copies the pages a few at a time and starts again if another
 * connection writes meanwhile, so that the copy is the file as of one moment. The copy is then
 * turned from WAL to a rollback journal: one self-contained file, with no `-wal` beside it to
 * forget. The server sets WAL again when it opens it.
 */
export async function backupDatabase(source: Db, destination: string): Promise<{ pages: number }> {
  mkdirSync(dirname(destination), { recursive: true });
  const { totalPages } = await source.backup(destination);
  const copy = new Database(destination);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return { pages: totalPages };
}
