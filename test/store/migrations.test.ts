import Database from 'better-sqlite3';
import { migrate, openDatabase, MigrationError } from '../../src/store/database';
import { MIGRATIONS } from '../../src/store/migrations';
import { tempDir } from '../support/api-fixtures';

describe('migrations', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('are numbered in order, from 1, without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('are applied once, and recorded in schema_migrations', () => {
    const db = openDatabase(tmp.dbPath);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(migrate(db)).toEqual([]);
    db.close();
    const again = openDatabase(tmp.dbPath);
    expect(again.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    again.close();
  });

  it('apply a new migration on an existing file', () => {
    const db = openDatabase(tmp.dbPath);
    const next = { version: MIGRATIONS.length + 1, name: 'essai', sql: 'CREATE TABLE essai (x INTEGER) STRICT;' };
    expect(migrate(db, [...MIGRATIONS, next])).toEqual([next.version]);
    db.close();
  });

  it('refuse a file written by a newer program', () => {
    // The previous test left the file at a schema this program does not know.
    expect(() => openDatabase(tmp.dbPath)).toThrow(MigrationError);
  });

  it('leave nothing behind when one fails', () => {
    const db = new Database(':memory:');
    const broken = { version: 1, name: 'cassée', sql: 'CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);' };
    expect(() => migrate(db, [broken])).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'a'").get()).toBeUndefined();
    expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(0);
    db.close();
  });
});
