import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { lintRuleSet, RULESET_FILE } from './lint';
import type { RuleSetFile, RuleSetLoad } from './model';

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

export function loadRuleSet(dir: string): RuleSetLoad {
  return lintRuleSet(basename(dir), readRuleSetFiles(dir));
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
