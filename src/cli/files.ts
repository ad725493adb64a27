import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultRulesDir } from '../config';
import { decodeDocument } from '../documents/utf8';
import { sizeWords } from '../limits';
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
  /** Not read: missing, not allowed…; or larger than BODY_LIMIT (`too-large`). */
  | { ok: false; problem: 'unreadable' | 'too-large'; message: string }
  /** Read, but no JSON or YAML text (a PDF, a Latin-1 text): refused as a document. */
  | { ok: false; problem: 'refused'; message: string; bytes: Buffer };

/** `limit`: the largest document in bytes (BODY_LIMIT, the API's). */
export function readDocumentFile(cwd: string, shown: string, limit: number): DocumentFile {
  const path = resolve(cwd, shown);
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    // Said before reading it all: the same bound as the API's 413.
    if (size > limit)
      return {
        ok: false,
        problem: 'too-large',
        message: `document trop volumineux (${sizeWords(size)}) : ${sizeWords(limit)} au plus, comme pour l’API (variable BODY_LIMIT)`,
      };
    bytes = readFileSync(path);
  } catch (e) {
    return { ok: false, problem: 'unreadable', message: fileProblem(e, shown, 'read') };
  }
  const decoded = decodeDocument(bytes);
  return decoded.ok ? decoded : { ok: false, problem: 'refused', message: decoded.message, bytes };
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
