import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { lintRuleSet, RULESET_FILE, type BaseRuleSet } from './lint';
import { lintedAtBuild, type LintedEntry } from './linted';
import type { RuleSet, RuleSetFile, RuleSetLoad } from './model';
import type { TestFolder } from './rule-tests';

/**
 * Reads a rule set folder (`ruleset.yaml` and `rules/*.yaml`; `tests/` is not part of the rules)
 * and lints it. The only I/O of the rules: everything after it works on the texts.
 */
export function readRuleSetFiles(dir: string): RuleSetFile[] {
  const files: RuleSetFile[] = [];
  const main = join(dir, RULESET_FILE);
  try {
    files.push({ path: RULESET_FILE, text: readFileSync(main, 'utf8') });
  } catch {
    // lintRuleSet reports the missing file with its name.
  }
  const rulesDir = join(dir, 'rules');
  let names: string[];
  try {
    names = readdirSync(rulesDir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch {
    names = [];
  }
  for (const n of names) files.push({ path: `rules/${n}`, text: readFileSync(join(rulesDir, n), 'utf8') });
  return files;
}

/**
 * The folder an `extends` of the rule set in `dir` names: a folder beside it (`extends:
 * "2020-2021"`), or a path from the folder that holds it.
 */
export function baseDir(dir: string, ref: string): string {
  return resolve(dir, '..', ref);
}

/**
 * Reads a rule set folder and, through `extends`, the folders it is built on, and lints the
 * whole. A base's files are named by their path from `dir` (`../2020-2021/rules/article-3.yaml`),
 * so that an error in one says where it is. `files`: the folder's own files as they would be
 * written (a draft's edit, linted before anything is written), instead of those on disk.
 */
export function loadRuleSet(dir: string, files?: readonly RuleSetFile[]): RuleSetLoad {
  const top = resolve(dir);
  const own = files ? [...files] : readRuleSetFiles(top);
  // The same texts, its bases' included, linted by the same code at build time: the same outcome (see linted.ts).
  return lintedAtBuild(basename(top), own, (path) => readBaseFolder(top, path)) ?? lintFolder(top, own).load;
}

/**
 * Lints the rule set in `top` (its `files` read), following `extends`; with the outcome, every
 * folder the lint looked for a base in (relative to `top`, with `/`), found or not: what the
 * outcome depends on besides `files`.
 */
export function lintFolder(top: string, files: readonly RuleSetFile[]): { load: RuleSetLoad; bases: string[] } {
  const bases: string[] = [];
  const findBase = (ref: string, from: string): BaseRuleSet | undefined => {
    const path = relative(top, baseDir(join(top, from), ref))
      .split(sep)
      .join('/');
    bases.push(path);
    const found = readBaseFolder(top, path);
    return found ? { name: basename(resolve(top, path)), path, files: found } : undefined;
  };
  return { load: lintRuleSet(basename(top), files, findBase), bases };
}

/** The lint of the rule set in `dir` as `npm run build` records it (see linted.ts): with its bases as it read them. */
export function lintedEntry(dir: string): LintedEntry {
  const top = resolve(dir);
  const files = readRuleSetFiles(top);
  const { load, bases } = lintFolder(top, files);
  return { name: basename(top), files, bases: bases.map((path) => [path, readBaseFolder(top, path)] as const), load };
}

/** The files of the base at `path` from `top`, or null when no rule set is there. */
export function readBaseFolder(top: string, path: string): RuleSetFile[] | null {
  const folder = resolve(top, path);
  return safeExists(join(folder, RULESET_FILE)) ? readRuleSetFiles(folder) : null;
}

/** The test files of the rule sets `ruleSet` (loaded from `dir`) extends, nearest first, for tests that inherit theirs. */
export function readBaseTestFolders(dir: string, ruleSet: Pick<RuleSet, 'bases'>): TestFolder[] {
  return ruleSet.bases.map((b) => ({ path: b.path, files: readTestFiles(join(dir, b.path)) }));
}

/** Rule set folders under `rulesDir`: every sub-folder holding a `ruleset.yaml`. */
export function ruleSetDirs(rulesDir: string): string[] {
  return readdirSync(rulesDir)
    .map((n) => join(rulesDir, n))
    .filter((d) => statSync(d).isDirectory() && safeExists(join(d, RULESET_FILE)))
    .sort();
}

function safeExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The YAML test cases beside a rule set (`tests/*.yaml`), in name order; none when the folder has no `tests/`. */
export function readTestFiles(dir: string): RuleSetFile[] {
  const testsDir = join(dir, 'tests');
  let names: string[];
  try {
    names = readdirSync(testsDir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch {
    return [];
  }
  return names.map((n) => ({ path: `tests/${n}`, text: readFileSync(join(testsDir, n), 'utf8') }));
}
