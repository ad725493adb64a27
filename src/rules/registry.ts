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
  failures: Array<{ name: string; errors: LintError[] }>;
}

export function buildRegistry(rulesDir: string): RuleRegistry {
  const registry: RuleRegistry = { ruleSets: [], failures: [] };
  for (const dir of ruleSetDirs(rulesDir)) {
    const load = loadRuleSet(dir);
    if (load.ok) registry.ruleSets.push(compileRuleSet(load.ruleSet));
    else registry.failures.push({ name: basename(dir), errors: load.errors });
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
