import type { Amendment, Conciliation, Convention, FormalNotice, Invoice, School, Submission, Termination } from '../domain/submission';
import { compareDates, compareSchoolYears, dateInSchoolYear, localDate, nextSchoolYear, nextWorkingDay, schoolYearFirstDay } from '../dates/calendar';
import type { ContractParameters } from './parameters';
import { DUES_BASIS_EXPLANATIONS as EXPLAIN, type DuesBasis } from './basis';

export type { DuesBasis };

/**
 * The state of a dossier, derived from its accepted submissions (oldest first) and nothing else,
 * so that the rules, the API and the reports all see one truth. Pure: no clock, no disk.
 */

export interface Enrolment {
  schoolYear: string;
  schools: School[];
  /** The article by which this list is the one in force for the year. */
  basis: DuesBasis;
}

export interface Dues {
  schoolYear: string;
  schoolCount: number;
  amount: number;
  schools: School[];
  basis: DuesBasis;
  /** French, one sentence: why this is owed. */
  explanation: string;
}

export function latestConvention(history: readonly Submission[]): Convention | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const s = history[i];
    if (s.kind === 'convention') return s;
  }
  return undefined;
}

function after<T extends Submission['kind']>(history: readonly Submission[], kind: T, from: Convention | undefined) {
  const start = from ? history.indexOf(from) : 0;
  return history.slice(start).filter((s): s is Extract<Submission, { kind: T }> => s.kind === kind);
}

export function terminationOf(history: readonly Submission[]): Termination | undefined {
  return after(history, 'termination', latestConvention(history))[0];
}

export function latestFormalNotice(history: readonly Submission[]): FormalNotice | undefined {
  return after(history, 'formal_notice', latestConvention(history)).at(-1);
}

/** The latest conciliation that follows the latest formal notice. */
export function latestConciliation(history: readonly Submission[]): Conciliation | undefined {
  const notice = latestFormalNotice(history);
  if (!notice) return undefined;
  return history
    .slice(history.indexOf(notice))
    .filter((s): s is Conciliation => s.kind === 'conciliation')
    .at(-1);
}

export function invoicesFor(history: readonly Submission[], schoolYear: string): Invoice[] {
  return after(history, 'invoice', latestConvention(history)).filter((s) => s.schoolYear === schoolYear);
}

export interface Window {
  start: string;
  end: string;
}

/** Art. 6.2 and 8: 1 Sept – 15 Oct of the school year concerned, the end moved past a non-working day where the year's rules say so. */
export function amendmentWindow(schoolYear: string, p: ContractParameters): Window {
  const start = dateInSchoolYear(schoolYear, p.amendmentWindowStart);
  const end = dateInSchoolYear(schoolYear, p.amendmentWindowEnd);
  return { start, end: p.deadlineMovesToNextWorkingDay ? nextWorkingDay(end) : end };
}

export type Timing = 'early' | 'on_time' | 'late';

export function amendmentTiming(a: Amendment, p: ContractParameters): Timing {
  const day = localDate(a.transmittedAt, p.timeZone);
  const w = amendmentWindow(a.schoolYear, p);
  if (compareDates(day, w.start) < 0) return 'early';
  return compareDates(day, w.end) > 0 ? 'late' : 'on_time';
}

function sameSchools(a: readonly School[], b: readonly School[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a.map((s) => s.uai));
  return b.every((s) => set.has(s.uai));
}

/**
 * The schools enrolled for each school year from the convention's up to `until`, by 7, 6.1, 6.2
 * and 6.3: an in-time amendment sets the list for its year and the next ones; a late one leaves
 * the list as it was (a decrease still pays the old count, an increase enrols nobody). A late swap
 * of schools at the same number, and one sent before the window, are cases the text does not
 * settle: they change nothing until a person decides, and a late swap says so in its basis.
 */
export function enrolments(history: readonly Submission[], until: string, p: ContractParameters): Enrolment[] {
  const convention = latestConvention(history);
  if (!convention) return [];
  const amendments = after(history, 'amendment', convention);
  const out: Enrolment[] = [];
  let schools = convention.schools;
  for (let year = convention.schoolYear; compareSchoolYears(year, until) <= 0; year = nextSchoolYear(year)) {
    let basis: DuesBasis = year === convention.schoolYear ? '7' : '6.1';
    let lateCount = false;
    let latePermutation = false;
    for (const a of amendments) {
      if (a.schoolYear !== year) continue;
      const timing = amendmentTiming(a, p);
      if (timing === 'on_time') {
        schools = a.schools;
        basis = '6.2';
      } else if (timing === 'late' && !sameSchools(a.schools, schools)) {
        if (a.schools.length === schools.length) latePermutation = true;
        else lateCount = true;
      }
    }
    if (basis !== '6.2' && lateCount) basis = '6.3';
    else if (basis !== '6.2' && latePermutation) basis = 'late_permutation';
    out.push({ schoolYear: year, schools, basis });
  }
  return out;
}

export function enrolmentFor(history: readonly Submission[], schoolYear: string, p: ContractParameters): Enrolment | undefined {
  return enrolments(history, schoolYear, p).find((e) => e.schoolYear === schoolYear);
}

/** What the dossier owes for `schoolYear` under art. 6–6.3: one function for the rules and the API. */
export function duesFor(history: readonly Submission[], schoolYear: string, p: ContractParameters): Dues {
  const nothing = (basis: DuesBasis): Dues => ({ schoolYear, schoolCount: 0, amount: 0, schools: [], basis, explanation: EXPLAIN[basis] });
  const convention = latestConvention(history);
  if (!convention) return nothing('none');
  if (compareSchoolYears(schoolYear, p.firstSchoolYear) < 0 || compareSchoolYears(schoolYear, p.lastSchoolYearBilled) > 0) return nothing('6');
  if (compareSchoolYears(schoolYear, convention.schoolYear) < 0) return nothing('6');
  const termination = terminationOf(history);
  // The year is owed when the convention was still running on its first day: no refund (9, 10).
  if (termination && compareDates(termination.effectiveOn, schoolYearFirstDay(schoolYear)) <= 0) {
    return nothing(termination.ground === 'breach' ? '10' : '9');
  }
  const e = enrolmentFor(history, schoolYear, p)!;
  const schoolCount = e.schools.length;
  const explanation = paysPerCommune(history) ? `${EXPLAIN[e.basis]} ; ${PER_COMMUNE_NOTE}` : EXPLAIN[e.basis];
  return { schoolYear, schoolCount, amount: amountFor(schoolCount, p), schools: e.schools, basis: e.basis, explanation };
}

/**
 * The préambule's NB: « En cas de paiement des participations financières par chaque commune du
 * regroupement, une convention doit être établie pour chaque commune ». The rules reject an
 * avenant that switches an RPI to it; a dossier that holds one all the same (accepted before that
 * rule) does not have its dues quietly computed as if the RPI still paid for all.
 */
const PER_COMMUNE_NOTE =
  'le dossier déclare un paiement par chaque commune du RPI, qui exige une convention pour chaque commune (préambule) : montant du RPI à examiner';

function paysPerCommune(history: readonly Submission[]): boolean {
  for (let i = history.length - 1; i >= 0; i--) {
    const s = history[i];
    if (s.kind === 'convention' || s.kind === 'amendment') return s.party.type === 'rpi' && s.party.paymentMode === 'per_commune';
  }
  return false;
}

/** Art. 5 and 7: the number of schools × the fee per school, in euros TTC to the cent. The only place the product is made. */
export function amountFor(schoolCount: number, p: Pick<ContractParameters, 'feePerSchool'>): number {
  return Math.round(schoolCount * p.feePerSchool * 100) / 100;
}
