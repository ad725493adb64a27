import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Submission } from '../domain/submission';

/**
 * The accepted history of each dossier as a batch builds it. Kept in a scratch SQLite file rather
 * than in memory, so that a campaign of 100,000 submissions runs in flat memory: only the dossier
 * at hand is read back.
 */
export interface DossierHistories {
  history(siret: string): Submission[];
  append(siret: string, submission: Submission): void;
  close(): void;
}

export function scratchHistories(): DossierHistories {
  const dir = mkdtempSync(join(tmpdir(), 'ent-compliance-batch-'));
  const db = new Database(join(dir, 'histories.sqlite'));
  // A scratch file nobody else opens, thrown away at the end: no journal on disk, no locks taken
  // and released per statement, no waiting for the disk. (better-sqlite3 runs SQLite in its
  // defensive mode, which refuses journal_mode = OFF: asked for, it silently kept a journal
  // file, created and deleted at every append — ten system calls per accepted document.)
  db.pragma('journal_mode = MEMORY');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('synchronous = OFF');
  db.exec('CREATE TABLE accepted (siret TEXT NOT NULL, seq INTEGER PRIMARY KEY, doc TEXT NOT NULL); CREATE INDEX accepted_siret ON accepted (siret, seq);');
  const select = db.prepare<[string], { doc: string }>('SELECT doc FROM accepted WHERE siret = ? ORDER BY seq');
  const insert = db.prepare('INSERT INTO accepted (siret, doc) VALUES (?, ?)');
  return {
    history: (siret) => select.all(siret).map((r) => JSON.parse(r.doc) as Submission),
    append: (siret, s) => void insert.run(siret, JSON.stringify(s)),
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
