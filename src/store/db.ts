import type Database from 'better-sqlite3';

/**
 * A connection to the file, as every module of the store names it. On its own, so that the
 * migrations and the register's chain, which the opening of the file runs, can name it without
 * importing the module that opens it.
 */
export type Db = Database.Database;
