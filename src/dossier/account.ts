import type { RuleSetRef } from '../domain/finding';
import type { School, Submission } from '../domain/submission';
import { compareSchoolYears, nextSchoolYear } from '../dates/calendar';
import { formatDate } from '../wording/format';
import { ruleSetFor, type RuleRegistry } from '../rules/registry';
import type { CompiledRuleSet } from '../rules/compile';
import { ruleSetRef } from '../rules/check';
import { amountFor, duesFor, enrolmentFor, latestConvention, terminationOf, type Dues, type DuesBasis } from '../contract/dues';
import { schoolDepartement } from '../identifiers/departements';

/**
 * What a dossier is and owes, from its accepted submissions and the rule sets: the convention in
 * force or terminated, the schools enrolled each school year and the dues of each year. Pure; all
 * the arithmetic is state.ts's (`duesFor`, `enrolmentFor`), this only picks the parameters.
 */

/** An accepted submission with what the store knows of it. */
export interface AcceptedEntry {
  id: string;
  /** The rule set that accepted it. */
  ruleSet: RuleSetRef | null;
  document: Submission;
}

export type DossierStatus = 'no_convention' | 'in_force' | 'terminated';

export interface DossierState {
  status: DossierStatus;
  /** French, one sentence. */
  label: string;
  convention: { id: string; schoolYear: string; signedOn: string; schoolCount: number } | null;
  termination: { id: string; ground: 'notice' | 'breach'; effectiveOn: string } | null;
  /** Art. 3: the date the convention ends by its term, from the rules that accepted it. */
  termEnd: string | null;
}

export interface YearEnrolment {
  schoolYear: string;
  schoolCount: number;
  schools: School[];
  basis: DuesBasis;
}

export interface YearDues extends Dues {
  /** The rule set whose parameters (fee, window, term) computed this. */
  ruleSet: RuleSetRef;
}

export interface DossierAccount {
  state: DossierState;
  enrolments: YearEnrolment[];
  dues: YearDues[];
}

/** A bound on the years listed, against a corrupt school year; the convention runs a few years at most. */
const MAX_YEARS = 30;

function idOf(entries: readonly AcceptedEntry[], doc: Submission | undefined): string | undefined {
  return doc && entries.find((e) => e.document === doc)?.id;
}

/**
 * The rule set whose parameters apply to `schoolYear`: that year's own rules, which fix its fee,
 * its amendment window and the years billed (art. 5, 6, 6.2), and are the ones its invoice is
 * checked against, so that the dues shown here are the dues an invoice of that year must match;
 * failing those, the rules that accepted the dossier's convention, because a year without rules
 * of its own can only be read under the contract the commune signed (art. 6.1: the list carries
 * over; art. 6: the years billed end with its term). Undefined when neither is known.
 */
export function billingRuleSet(registry: RuleRegistry, entries: readonly AcceptedEntry[], schoolYear: string): CompiledRuleSet | undefined {
  const own = ruleSetFor(registry, schoolYear);
  if (own) return own;
  const convention = latestConvention(entries.map((e) => e.document));
  const judgedBy = convention && entries.find((e) => e.document === convention)?.ruleSet;
  if (!judgedBy) return undefined;
  return registry.ruleSets.find((r) => r.version === judgedBy.version) ?? ruleSetFor(registry, judgedBy.schoolYear);
}

/**
 * `duesFor` under the given rules. Rules in draft compute what their invoice rules would check,
 * but bind nobody yet: the explanation says the amount is indicative.
 */
function duesUnder(rules: CompiledRuleSet, history: readonly Submission[], schoolYear: string): YearDues {
  const dues = duesFor(history, schoolYear, rules.params);
  const explanation = rules.status === 'draft' ? `${dues.explanation} ; règles ${rules.schoolYear} en projet : montant indicatif` : dues.explanation;
  return { ...dues, explanation, ruleSet: ruleSetRef(rules) };
}

/** Dues of one school year, or undefined when no rule set gives its parameters. */
export function yearDues(registry: RuleRegistry, entries: readonly AcceptedEntry[], schoolYear: string): YearDues | undefined {
  const rules = billingRuleSet(registry, entries, schoolYear);
  return (
    rules &&
    duesUnder(
      rules,
      entries.map((e) => e.document),
      schoolYear,
    )
  );
}

/** From the convention's school year to the last one billed by its rules, or the latest one of an accepted submission. */
export function accountYears(registry: RuleRegistry, entries: readonly AcceptedEntry[]): string[] {
  const history = entries.map((e) => e.document);
  const convention = latestConvention(history);
  if (!convention) return [];
  let last = billingRuleSet(registry, entries, convention.schoolYear)?.params.lastSchoolYearBilled ?? convention.schoolYear;
  for (const s of history) if (compareSchoolYears(s.schoolYear, last) > 0) last = s.schoolYear;
  const years: string[] = [];
  for (let y = convention.schoolYear; compareSchoolYears(y, last) <= 0 && years.length < MAX_YEARS; y = nextSchoolYear(y)) years.push(y);
  return years;
}

export function dossierState(registry: RuleRegistry, entries: readonly AcceptedEntry[]): DossierState {
  const history = entries.map((e) => e.document);
  const convention = latestConvention(history);
  if (!convention) return { status: 'no_convention', label: 'Aucune convention acceptée au dossier', convention: null, termination: null, termEnd: null };
  const conventionView = {
    id: idOf(entries, convention)!,
    schoolYear: convention.schoolYear,
    signedOn: convention.signedOn,
    schoolCount: convention.schools.length,
  };
  const termEnd = billingRuleSet(registry, entries, convention.schoolYear)?.params.termEnd ?? null;
  const termination = terminationOf(history);
  if (termination) {
    const article = termination.ground === 'breach' ? 'article 10, de plein droit' : 'article 9';
    return {
      status: 'terminated',
      label: `Convention résiliée à compter du ${formatDate(termination.effectiveOn)} (${article})`,
      convention: conventionView,
      termination: { id: idOf(entries, termination)!, ground: termination.ground, effectiveOn: termination.effectiveOn },
      termEnd,
    };
  }
  const until = termEnd ? `, jusqu'au ${formatDate(termEnd)} (article 3)` : '';
  return {
    status: 'in_force',
    label: `Convention signée le ${formatDate(convention.signedOn)}, en vigueur${until}`,
    convention: conventionView,
    termination: null,
    termEnd,
  };
}

export function dossierAccount(registry: RuleRegistry, entries: readonly AcceptedEntry[]): DossierAccount {
  const history = entries.map((e) => e.document);
  const enrolments: YearEnrolment[] = [];
  const dues: YearDues[] = [];
  for (const year of accountYears(registry, entries)) {
    const rules = billingRuleSet(registry, entries, year);
    if (!rules) continue;
    const e = enrolmentFor(history, year, rules.params);
    if (e) enrolments.push({ schoolYear: year, schoolCount: e.schools.length, schools: e.schools, basis: e.basis });
    dues.push(duesUnder(rules, history, year));
  }
  return { state: dossierState(registry, entries), enrolments, dues };
}

/** What a dossier owes for a school year in one département: its schools there and their share. */
export interface DepartementDues {
  /** Official code: `34`. */
  departement: string;
  schoolCount: number;
  amount: number;
}

/**
 * A year's dues split by the département of each school enrolled (the UAI says it): the fee is
 * owed per school (art. 5 and 7), so each school's share is exact, and the shares add up to the
 * year's amount. Empty when no rule set gives the year's parameters or nothing is owed.
 */
export function yearDuesByDepartement(registry: RuleRegistry, entries: readonly AcceptedEntry[], schoolYear: string): DepartementDues[] {
  const rules = billingRuleSet(registry, entries, schoolYear);
  if (!rules) return [];
  const dues = duesFor(
    entries.map((e) => e.document),
    schoolYear,
    rules.params,
  );
  const counts = new Map<string, number>();
  for (const school of dues.schools) counts.set(schoolDepartement(school.uai), (counts.get(schoolDepartement(school.uai)) ?? 0) + 1);
  return [...counts].map(([departement, schoolCount]) => ({ departement, schoolCount, amount: amountFor(schoolCount, rules.params) }));
}
