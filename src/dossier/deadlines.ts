import { addDays, addMonths, compareDates, compareSchoolYears, nextSchoolYear } from '../dates/calendar';
import { amendmentWindow, latestConvention, latestFormalNotice, terminationOf } from '../contract/dues';
import type { RuleRegistry } from '../rules/registry';
import { billingRuleSet, type AcceptedEntry } from './account';

/**
 * The legal deadlines of a dossier, computed from its accepted submissions with the same date
 * rules and the same parameters as the checks (facts.ts: `earliestEffectiveOn`,
 * `conciliationDeadline`, `byRightEarliestOn`; dues.ts: `amendmentWindow`), so that a date shown
 * here is the one a document will be judged against. Pure: "today" is given.
 */

export type DeadlineKind = 'amendment_window' | 'notice_termination' | 'conciliation' | 'termination_by_right' | 'term_end';

export interface Deadline {
  kind: DeadlineKind;
  siret: string;
  dossierName: string;
  /** The article the date comes from: `6.2`, `9`, `10`, `3`. */
  article: string;
  /** `YYYY-MM-DD`: the day it falls (the last day allowed for a window, the day of effect otherwise). */
  date: string;
  /** The first day of a window; null for a single date. */
  opensOn: string | null;
  /** The school year concerned, for the avenant window. */
  schoolYear: string | null;
  /** Coming while today is not after the date (the date itself still counts). */
  state: 'coming' | 'past';
  /** French, one sentence. */
  label: string;
}

/** Today in `YYYY-MM-DD`, Europe/Paris: the caller's clock, so that tests fix it. */
export function deadlinesOf(registry: RuleRegistry, dossier: { siret: string; name: string }, entries: readonly AcceptedEntry[], today: string): Deadline[] {
  const history = entries.map((e) => e.document);
  const convention = latestConvention(history);
  if (!convention) return [];
  const params = (schoolYear: string) => billingRuleSet(registry, entries, schoolYear)?.params;
  const out: Deadline[] = [];
  const push = (d: Omit<Deadline, 'siret' | 'dossierName' | 'state'>) =>
    out.push({ ...d, siret: dossier.siret, dossierName: dossier.name, state: compareDates(today, d.date) > 0 ? 'past' : 'coming' });

  const termination = terminationOf(history);
  const conventionParams = params(convention.schoolYear);
  if (!termination && conventionParams) {
    for (let y = convention.schoolYear; compareSchoolYears(y, conventionParams.lastSchoolYearBilled) <= 0; y = nextSchoolYear(y)) {
      const p = params(y);
      if (!p) continue;
      const w = amendmentWindow(y, p);
      push({ kind: 'amendment_window', article: '6.2', date: w.end, opensOn: w.start, schoolYear: y, label: `Fenêtre des avenants de l’année scolaire ${y}` });
    }
    push({ kind: 'term_end', article: '3', date: conventionParams.termEnd, opensOn: null, schoolYear: null, label: 'Fin de la convention à son terme' });
  }

  const notice = latestFormalNotice(history);
  const noticeParams = notice && params(notice.schoolYear);
  if (notice?.letter.receivedOn && noticeParams) {
    push({
      kind: 'conciliation',
      article: '10',
      date: addMonths(notice.letter.receivedOn, noticeParams.conciliationDelayMonths),
      opensOn: null,
      schoolYear: null,
      label: 'Date limite de la conciliation après la mise en demeure',
    });
  }

  if (termination) {
    const p = params(termination.schoolYear);
    if (termination.ground === 'notice') {
      push({
        kind: 'notice_termination',
        article: '9',
        date: termination.effectiveOn,
        opensOn: null,
        schoolYear: null,
        label: 'Prise d’effet de la résiliation avec préavis',
      });
    } else if (p) {
      push({
        kind: 'termination_by_right',
        article: '10',
        date: addDays(termination.letter.sentOn, p.terminationByRightDelayDays),
        opensOn: null,
        schoolYear: null,
        label: 'Première date d’effet possible de la résiliation de plein droit',
      });
    }
  }
  return out;
}

/** Coming first (soonest first), then past (latest first); ties by dossier. */
export function sortDeadlines(list: readonly Deadline[]): Deadline[] {
  return [...list].sort((a, b) => {
    if (a.state !== b.state) return a.state === 'coming' ? -1 : 1;
    const byDate = a.state === 'coming' ? compareDates(a.date, b.date) : compareDates(b.date, a.date);
    return byDate || a.dossierName.localeCompare(b.dossierName, 'fr') || a.siret.localeCompare(b.siret);
  });
}

/** Whether the deadline's date lies within `from`..`to` (either bound may be absent). */
export function inRange(d: Deadline, from: string | undefined, to: string | undefined): boolean {
  return (!from || compareDates(d.date, from) >= 0) && (!to || compareDates(d.date, to) <= 0);
}
