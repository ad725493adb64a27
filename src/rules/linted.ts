import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSetFile, RuleSetLoad } from './model';

/**
 * Rule sets linted at build time. Reading the YAML of the rules was, with the rule sets grown,
 * the largest part of a start (the `yaml` package reads a few hundred kilobytes a second), and the
 * project's own rules are the same at every start. So `npm run build` lints them once and writes
 * the outcome next to this module (`linted.generated.js`); a start whose rule files are those very
 * texts, read by that very code, takes the outcome from there, and lints otherwise (another
 * RULES_DIR, an edited rule, code compiled since without the last step of the build, the tests run
 * from the sources).
 *
 * Both are checked: the texts by a hash of every file's path and text, the code by a hash of every
 * compiled module of the project (the generated files aside), so that an outcome is never taken
 * from code that would lint otherwise. A rule set that extends another is read with its bases
 * (load.ts): the build records every folder its lint looked for a base in, and the hash covers
 * each such folder's files as they are now, or its absence — a base edited, removed or put back
 * lints again, with the years built on it.
 */

/** The compiled modules of the project, `dist/src` once built: what lints, and everything it calls. */
const CODE_DIR = join(__dirname, '..');

/** A hash of every JavaScript module under `dir`, in a fixed order; the generated ones aside. */
export function codeDigest(dir: string = CODE_DIR): string {
  const hash = createHash('sha256');
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else if (e.isFile() && e.name.endsWith('.js') && !e.name.endsWith('.generated.js')) {
        hash
          .update(`${prefix}${e.name}\0`)
          .update(readFileSync(join(d, e.name)))
          .update('\0');
      }
    }
  };
  walk(dir, '');
  return hash.digest('hex');
}

/** The files of a base folder (relative to the rule set's, with `/`), or null when no rule set is there. */
export type ReadBase = (path: string) => readonly RuleSetFile[] | null;

/** Each base folder the lint looked in, with its files, or null when no rule set was there. */
export type BaseFolders = ReadonlyArray<readonly [string, readonly RuleSetFile[] | null]>;

/** A hash of a rule set's name and every file, path and text; with `bases`, of each base folder's files too, or its absence. */
export function lintKey(name: string, files: readonly RuleSetFile[], bases: BaseFolders = []): string {
  return createHash('sha256')
    .update(JSON.stringify([name, files, bases]))
    .digest('hex');
}

export interface LintedEntry {
  name: string;
  files: readonly RuleSetFile[];
  /** Every folder the lint looked for a base in, in order (load.ts, lintFolder), as the lint read it. */
  bases: BaseFolders;
  load: RuleSetLoad;
}

/** The module `npm run build` writes: each outcome as JSON text, read back afresh at each use. */
export function generatedLintedSource(entries: readonly LintedEntry[], digest: string = codeDigest()): string {
  const lines = entries.map((e) => {
    const entry = { bases: e.bases.map(([path]) => path), key: lintKey(e.name, e.files, e.bases), load: JSON.stringify(e.load) };
    return `  ${JSON.stringify(lintKey(e.name, e.files))}: ${JSON.stringify(entry)},`;
  });
  return `exports.codeDigest = ${JSON.stringify(digest)};\nexports.entries = {\n${lines.join('\n')}\n};\n`;
}

/** What `linted.generated.js` exports: by the hash of a rule set's own files, the bases it read, the hash of all, the outcome. */
export interface GeneratedLinted {
  codeDigest?: string;
  entries?: Record<string, { bases: string[]; key: string; load: string }>;
}

/**
 * The outcome `generated` holds for these files and the bases as `readBase` reads them now, if
 * it was made by code of this digest; undefined otherwise.
 */
export function outcomeIn(
  generated: GeneratedLinted,
  digest: string,
  name: string,
  files: readonly RuleSetFile[],
  readBase: ReadBase,
): RuleSetLoad | undefined {
  if (generated.codeDigest !== digest) return undefined;
  const entry = generated.entries?.[lintKey(name, files)];
  if (
    !entry ||
    entry.key !==
      lintKey(
        name,
        files,
        entry.bases.map((b) => [b, readBase(b)] as const),
      )
  )
    return undefined;
  // Parsed afresh: each caller gets objects of its own, as from the lint itself.
  return JSON.parse(entry.load) as RuleSetLoad;
}

let loaded: { generated: GeneratedLinted; digest: string } | null | undefined;

/** The outcome of linting these files, when the build linted the same with the same code; undefined otherwise. */
export function lintedAtBuild(name: string, files: readonly RuleSetFile[], readBase: ReadBase): RuleSetLoad | undefined {
  if (loaded === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file the build writes, absent from the sources
      loaded = { generated: require('./linted.generated.js') as GeneratedLinted, digest: codeDigest() };
    } catch {
      // No generated file: running from the sources.
      loaded = null;
    }
  }
  return loaded ? outcomeIn(loaded.generated, loaded.digest, name, files, readBase) : undefined;
}
