import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { databasePathOf } from '../config';
import type { ParsedArgs } from './args';
import type { CommandIO } from './commands/types';

/**
 * The database a command works on: `--database F`, else DATABASE_PATH, else the server's
 * `./data/ent-compliance.sqlite`. Commands on the register never create one: a path that names no
 * file is a mistake to say, not an empty register to report on.
 */
export function databaseArg(p: ParsedArgs, io: CommandIO): string {
  const given = p.options.get('database');
  return given === undefined ? databasePathOf(io.env, io.cwd) : resolve(io.cwd, given);
}

/** A French sentence when there is no file at `path`. */
export function missingDatabase(path: string): string | undefined {
  return existsSync(path) ? undefined : `aucune base de données à ${path} (option --database ou variable DATABASE_PATH)`;
}
