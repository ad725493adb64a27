import { basename } from 'node:path';
import type { Convention, Kind, Submission } from '../domain/submission';
import { compareDates } from '../dates/calendar';
import { actDate } from '../contract/acts';
import { latestConvention } from '../contract/dues';
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

/** Letters and meetings under a convention, rather than documents of a school year (its list, its dues). */
const ACTS_UNDER_A_CONVENTION: readonly Kind[] = ['formal_notice', 'conciliation', 'termination'];

export interface Judging {
  ruleSet: CompiledRuleSet | undefined;
  /**
   * Present when the convention in force on the day of the act chose the rules rather than the
   * school year the document declares: the convention, that day, and the rules of the label.
   */
  inForce?: { convention: Convention; actDate: string; labelled: CompiledRuleSet | undefined };
}

/**
 * The rule set that judges a submission. A formal notice, a conciliation or a termination is an
 * act under the convention in force on its day, whatever school year it declares: from 1 September
 * to 31 October 2021 the 2020-2021 convention still runs (art. 3), and a letter labelled 2021-2022
 * in those weeks is judged by its rules, not blocked by next year's draft. So when the dossier's
 * convention was accepted under rules in force whose term has not ended on that day, those rules
 * judge it. Everything else (a convention, an avenant, a titre: documents of a school year) is
 * judged by the rules of the year it declares.
 */
export function judgingRuleSet(registry: RuleRegistry, submission: Submission, history: readonly Submission[]): Judging {
  const labelled = selectRuleSet(registry, submission.schoolYear);
  if (!ACTS_UNDER_A_CONVENTION.includes(submission.kind)) return { ruleSet: labelled };
  const convention = latestConvention(history);
  const rules = convention && selectRuleSet(registry, convention.schoolYear);
  if (!convention || !rules || rules === labelled || rules.status !== 'in_force') return { ruleSet: labelled };
  const day = actDate(submission, rules.params.timeZone);
  if (compareDates(day, rules.params.termEnd) > 0) return { ruleSet: labelled };
  return { ruleSet: rules, inForce: { convention, actDate: day, labelled } };
}

export function ruleSetFor(registry: RuleRegistry, schoolYear: string): CompiledRuleSet | undefined {
  return registry.ruleSets.find((r) => r.schoolYear === schoolYear);
}
