import { basename } from 'node:path';
import { compileRuleSet, type CompiledRuleSet } from './compile';
import { loadRuleSet, ruleSetDirs } from './load';
import type { LintError } from './model';

/**
 * The rule sets of every school year, linted and compiled once. A folder that fails lint is kept
 * aside with its errors (the rule set pages show them) and judges nothing.
 */
export interface RuleRegistry {
  ruleSets: CompiledRuleSet[];
  failures: RuleSetFailure[];
}

/** A rule set folder refused at lint: its errors, each with file:line:column, and what still serves in its place. */
export interface RuleSetFailure {
  /** The folder's name under RULES_DIR. */
  name: string;
  errors: LintError[];
  /**
   * The version of this rule set that keeps serving, loaded before the folder was broken (see
   * reload.ts); null when none does (the folder failed at start-up or was never good).
   */
  serving: { version: string; schoolYear: string } | null;
}

export function buildRegistry(rulesDir: string): RuleRegistry {
  const registry: RuleRegistry = { ruleSets: [], failures: [] };
  for (const dir of ruleSetDirs(rulesDir)) {
    const load = loadRuleSet(dir);
    if (load.ok) registry.ruleSets.push(compileRuleSet(load.ruleSet));
    else registry.failures.push({ name: basename(dir), errors: load.errors, serving: null });
  }
  return registry;
}

/**
 * The rule set that judges a submission of `schoolYear`: the one in force that applies to it,
 * else a draft for it (which evaluates but never accepts), else none.
 */
export function selectRuleSet(registry: RuleRegistry, schoolYear: string): CompiledRuleSet | undefined {
  const candidates = registry.ruleSets.filter((r) => r.appliesTo.includes(schoolYear));
  return candidates.find((r) => r.status === 'in_force') ?? candidates.find((r) => r.status === 'draft');
}

export function ruleSetFor(registry: RuleRegistry, schoolYear: string): CompiledRuleSet | undefined {
  return registry.ruleSets.find((r) => r.schoolYear === schoolYear);
}
