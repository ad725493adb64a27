import { basename } from 'node:path';
import type { Convention, Kind, Submission } from '../domain/submission';
import { compareDates } from '../dates/calendar';
import { actDate } from '../contract/acts';
import { latestConvention } from '../contract/dues';
import { compileRuleSet, type CompiledRuleSet } from './compile';
import { loadRuleSet, ruleSetDirs } from './load';
import { formatLintError, type LintError } from './model';

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

/**
 * Why a document cannot be judged for filing, so that nothing is kept:
 *  - `rules_unavailable`: the rule set of a school year whose rules may judge it failed to load
 *    (at start-up, or at a reload with no earlier version of it to keep serving); judging by
 *    another rule set, or storing « Non conforme » for want of rules, would put a false decision in
 *    the dossier for ever;
 *  - `no_rule_set_in_force`: no rule set judges it, or only a draft, which never accepts.
 * Which folder is "for" a year when it could not be read: its name, by the convention of RULES_DIR
 * (one folder per school year, `rules/2020-2021`); a failed folder named otherwise is for no year.
 */
export type FilingRefusal =
  | {
      reason: 'rules_unavailable';
      schoolYear: string;
      /** The folder's name under RULES_DIR. */
      ruleSet: string;
      /** Its first error, `2020-2021/rules/article-5.yaml:4:13: …`, and how many there are. */
      firstError: string;
      errorCount: number;
      /** French: what is wrong with the rules, said also by a check that keeps nothing. */
      problem: string;
      /** French: the refusal of a deposit, which says that nothing was kept. */
      message: string;
    }
  | {
      reason: 'no_rule_set_in_force';
      schoolYear: string;
      /** The version of the draft that applies to the year, if any: it still gives indicative findings. */
      draft: { schoolYear: string; version: string } | null;
      message: string;
    };

/**
 * The rules that may judge a document but could not be read: those of the year it declares, and
 * for a letter or a meeting under a convention, those of the convention's year (they decide
 * whether the act falls within its term). Unless the convention's rules, loaded, were chosen.
 */
export function unavailableRules(
  registry: RuleRegistry,
  submission: Submission,
  history: readonly Submission[],
  judging: Judging = judgingRuleSet(registry, submission, history),
): Extract<FilingRefusal, { reason: 'rules_unavailable' }> | undefined {
  if (judging.inForce) return undefined;
  const years = [submission.schoolYear];
  const convention = ACTS_UNDER_A_CONVENTION.includes(submission.kind) ? latestConvention(history) : undefined;
  if (convention) years.push(convention.schoolYear);
  const failed = registry.failures.find((f) => f.serving === null && years.includes(f.name));
  if (!failed) return undefined;
  const first = failed.errors[0];
  const firstError = first ? `${failed.name}/${formatLintError(first)}` : failed.name;
  const others = failed.errors.length - 1;
  const more = others > 0 ? ` (et ${others} ${others > 1 ? 'autres erreurs' : 'autre erreur'})` : '';
  const problem =
    `Le jeu de règles « ${failed.name} » de l'année scolaire ${failed.name} n'a pas pu être chargé : ${firstError}${more}. ` +
    `Aucune pièce qui en relève ne peut être jugée tant qu'il n'est pas corrigé et rechargé`;
  return {
    reason: 'rules_unavailable',
    schoolYear: failed.name,
    ruleSet: failed.name,
    firstError,
    errorCount: failed.errors.length,
    problem,
    message: `${problem} ; rien n'a été enregistré.`,
  };
}

/** The rules in force that judge a document for filing against its dossier's accepted history, or why there are none. */
export function ruleSetForFiling(
  registry: RuleRegistry,
  submission: Submission,
  history: readonly Submission[],
): { ok: true; ruleSet: CompiledRuleSet } | { ok: false; refusal: FilingRefusal } {
  const judging = judgingRuleSet(registry, submission, history);
  const unavailable = unavailableRules(registry, submission, history, judging);
  if (unavailable) return { ok: false, refusal: unavailable };
  const ruleSet = judging.ruleSet;
  if (ruleSet?.status === 'in_force') return { ok: true, ruleSet };
  const schoolYear = submission.schoolYear;
  const draft = ruleSet ? { schoolYear: ruleSet.schoolYear, version: ruleSet.version } : null;
  return {
    ok: false,
    refusal: {
      reason: 'no_rule_set_in_force',
      schoolYear,
      draft,
      message: draft
        ? `Les règles ${draft.schoolYear} de l'année scolaire ${schoolYear} sont en projet, pas en vigueur : aucune pièce ne peut être déposée sur leur fondement ; rien n'a été enregistré. Un contrôle sans dépôt donne leurs constats à titre indicatif.`
        : `Aucun jeu de règles en vigueur pour l'année scolaire ${schoolYear} : la pièce ne peut pas être jugée ni déposée ; rien n'a été enregistré.`,
    },
  };
}
