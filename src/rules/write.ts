import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, posix } from 'node:path';
import { readRuleSetFiles, readTestFiles } from './load';
import type { RuleSetFile } from './model';

/**
 * Writing a rule set folder under RULES_DIR, which stays the exchange format (read in git, by the
 * CLI, by a server reloading): each file is written whole to a temporary file beside it, flushed,
 * then renamed over the old one, so that a reader (a reload, another server) sees the old text or
 * the new one, never half of it, and a crash leaves no torn file.
 */

export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temporary, 'wx');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw e;
  }
}

/**
 * A path a juriste may write in a rule set folder: `ruleset.yaml`, `rules/NAME.yaml` or
 * `tests/NAME.yaml`, NAME of letters, digits, `.`, `-` and `_`; undefined for anything else (a path
 * that climbs out, another kind of file).
 */
export function folderFilePath(path: string): string | undefined {
  const p = posix.normalize(path);
  if (p === 'ruleset.yaml') return p;
  return /^(rules|tests)\/[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.ya?ml$/.test(p) && !p.includes('..') ? p : undefined;
}

/** The folder's own files as written: ruleset.yaml, rules/*.yaml, tests/*.yaml. */
export function readFolderSources(dir: string): RuleSetFile[] {
  return [...readRuleSetFiles(dir), ...readTestFiles(dir)];
}

/** Writes the given files of a folder, each atomically; the others are left as they are. */
export function writeFolderFiles(dir: string, files: readonly RuleSetFile[]): void {
  for (const f of files) {
    const path = folderFilePath(f.path);
    if (!path) throw new Error(`chemin refusé dans un jeu de règles : ${f.path}`);
    writeFileAtomic(join(dir, ...path.split('/')), f.text);
  }
}

/**
 * Removes the folder's own files (ruleset.yaml, rules/*.yaml, tests/*.yaml) that `kept` does not
 * name: what a correction published over a year drops, or an import that no longer has them.
 */
export function removeFolderFilesBut(dir: string, kept: readonly RuleSetFile[]): void {
  const names = new Set(kept.map((f) => f.path));
  for (const f of readFolderSources(dir)) if (!names.has(f.path)) rmSync(join(dir, ...f.path.split('/')), { force: true });
}
