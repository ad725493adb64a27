import { basename, posix } from 'node:path';
import { compileRuleSet, type CompiledRuleSet } from './compile';
import { loadRuleSet, ruleSetDirs } from './load';
import { formatLintError, type LintError } from './model';
import type { RuleRegistry, RuleSetFailure } from './registry';

/**
 * Reading the rule sets again while the server runs (`POST /api/rules/reload`, or the watcher of
 * RULES_WATCH), rule set by rule set:
 *  - a folder that lints is compiled and serves from now on (reused as it was if unchanged);
 *  - a folder that fails lint is refused: the version of it that served before keeps serving, and
 *    the failure, each error with its file:line:column, is listed in `registry.failures` with the
 *    version still serving, for the rule set page and the JSON answer;
 *  - a folder gone from RULES_DIR stops serving.
 * The registry is changed in place, in one synchronous step, so that every holder (the dossier
 * service, the routes) sees the new rule sets at once and no request sees half of them. A
 * submission being judged keeps the rule sets it started with (see DossierService.submit), and
 * every decision keeps the version and the texts that made it (store: rule_set_versions).
 */

export interface RuleSetChange {
  name: string;
  schoolYear: string;
  /** The version before and after; null for a rule set that appears or goes. */
  from: string | null;
  to: string | null;
}

export type ReloadOutcome =
  | { ok: true; changes: RuleSetChange[]; failures: RuleSetFailure[] }
  /** Some rule sets were refused: the others are reloaded all the same. */
  | { ok: false; reason: 'lint'; changes: RuleSetChange[]; failures: RuleSetFailure[] }
  /** RULES_DIR itself could not be read: nothing changed. */
  | { ok: false; reason: 'unreadable'; message: string; changes: []; failures: RuleSetFailure[] };

export function reloadRegistry(registry: RuleRegistry, rulesDir: string): ReloadOutcome {
  let dirs: string[];
  try {
    dirs = ruleSetDirs(rulesDir);
  } catch (e) {
    return {
      ok: false,
      reason: 'unreadable',
      message: `dossier des règles ${rulesDir} illisible : ${(e as Error).message}`,
      changes: [],
      failures: registry.failures,
    };
  }
  const before = new Map(registry.ruleSets.map((r) => [r.name, r]));
  const ruleSets: CompiledRuleSet[] = [];
  const failures: RuleSetFailure[] = [];
  const changes: RuleSetChange[] = [];
  for (const dir of dirs) {
    const name = basename(dir);
    const previous = before.get(name);
    before.delete(name);
    let load;
    try {
      load = loadRuleSet(dir);
    } catch (e) {
      // A file removed or unreadable between the listing and the reading: a failure of this folder only.
      load = { ok: false as const, errors: [{ file: name, line: 1, column: 1, message: `lecture impossible : ${(e as Error).message}` }] };
    }
    if (load.ok) {
      const next = previous && previous.version === load.ruleSet.version ? previous : compileRuleSet(load.ruleSet);
      ruleSets.push(next);
      if (next !== previous) changes.push({ name, schoolYear: next.schoolYear, from: previous?.version ?? null, to: next.version });
    } else {
      if (previous) ruleSets.push(previous);
      failures.push({ name, errors: load.errors, serving: previous ? { version: previous.version, schoolYear: previous.schoolYear } : null });
    }
  }
  for (const [name, gone] of before) changes.push({ name, schoolYear: gone.schoolYear, from: gone.version, to: null });
  registry.ruleSets = ruleSets;
  registry.failures = failures;
  return failures.length === 0 ? { ok: true, changes, failures } : { ok: false, reason: 'lint', changes, failures };
}

/** One line per error, `name/file:line:column: message`, for the journal and the console. */
export function failureLines(failures: readonly RuleSetFailure[]): string[] {
  return failures.flatMap((f) => f.errors.map((e) => failureLine(f, e)));
}

/**
 * `2020-2021/rules/article-5.yaml:4:13: …`: an error with its path from RULES_DIR. An error in the
 * base of a rule set that extends it is named by its own path (`2021-2022/../2020-2021/…` is
 * `2020-2021/…`), so that the same file is written the same way whichever year reports it.
 */
export function failureLine(f: Pick<RuleSetFailure, 'name'>, e: LintError): string {
  return formatLintError({ ...e, file: posix.normalize(`${f.name}/${e.file}`) });
}
