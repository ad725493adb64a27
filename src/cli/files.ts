import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultRulesDir } from '../config';
import { decodeDocument } from '../documents/utf8';
import { buildRegistry, type RuleRegistry } from '../rules/registry';
import type { CommandIO } from './commands/types';
import { databaseProblem, fileProblem } from '../wording/file-errors';

/**
 * The files the commands read and write, each problem said in French with the path as typed
 * (see wording/file-errors.ts): never `ENOENT`. Reading a document distinguishes a file that
 * could not be read (a usage or system error: exit code 2) from one that was read but is no
 * document (a PDF, a text not in UTF-8: a refused document, like a syntax error).
 */

export type DocumentFile =
  | { ok: true; text: string }
  /** `unreadable`: the file could not be read at all; `not-a-document`: it was, but is no JSON or YAML text. */
  | { ok: false; problem: 'unreadable'; message: string }
  | { ok: false; problem: 'not-a-document'; message: string; bytes: Buffer };

export function readDocumentFile(cwd: string, shown: string): DocumentFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(cwd, shown));
  } catch (e) {
    return { ok: false, problem: 'unreadable', message: fileProblem(e, shown, 'read') };
  }
  const decoded = decodeDocument(bytes);
  return decoded.ok ? decoded : { ok: false, problem: 'not-a-document', message: decoded.message, bytes };
}

/**
 * The rule sets of RULES_DIR (the project's `rules/` by default), or the sentence that says why
 * the folder cannot be read.
 */
export function loadRegistry(io: Pick<CommandIO, 'cwd' | 'env'>): RuleRegistry | string {
  const dir = defaultRulesDir(io.env, io.cwd);
  try {
    return buildRegistry(dir);
  } catch (e) {
    return `${fileProblem(e, io.env.RULES_DIR ?? dir, 'read-dir')}${io.env.RULES_DIR ? ' (variable RULES_DIR)' : ''}`;
  }
}

/** Writes `text` to the file; the French sentence of the problem, or undefined when written. */
export function writeTextFile(cwd: string, shown: string, text: string): string | undefined {
  try {
    writeFileSync(resolve(cwd, shown), text);
    return undefined;
  } catch (e) {
    return fileProblem(e, shown, 'write');
  }
}

/** Creates the folder and its parents; the French sentence of the problem, or undefined when it exists. */
export function makeFolder(cwd: string, shown: string): string | undefined {
  try {
    mkdirSync(resolve(cwd, shown), { recursive: true });
    return undefined;
  } catch (e) {
    return fileProblem(e, shown, 'create-dir');
  }
}

/**
 * Opens the database file, created with its folder when missing; `shown` is its path as the person
 * gave it. SQLite says only « unable to open » of a folder given in place of the file: told here.
 */
export function openDatabaseFile<T>(cwd: string, shown: string, open: (path: string) => T): T | { problem: string } {
  const path = resolve(cwd, shown);
  try {
    if (statSync(path).isDirectory()) return { problem: `base de données ${shown} inutilisable : c’est un dossier, donnez le chemin d’un fichier` };
  } catch {
    // Missing: it is created.
  }
  try {
    return open(path);
  } catch (e) {
    return { problem: databaseProblem(e, shown) };
  }
}
