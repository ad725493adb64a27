import type { Invoice } from '../domain/submission';
import { invoicesFor, type DuesBasis } from '../contract/dues';
import type { RuleRegistry } from '../rules/registry';
import { dossierState, yearDues, type AcceptedEntry, type DossierStatus } from './account';

/**
 * What every dossier owes for one school year, beside the titre de perception accepted for it:
 * the list finance staff issue titres from. Pure; the amounts are `yearDues`'s, the same as the
 * dossier's page and the invoice rules.
 */

export interface DuesLine {
  siret: string;
  name: string;
  /** The party's type as its latest accepted submission gives it. */
  type: 'commune' | 'rpi';
  schoolCount: number;
  amount: number;
  basis: DuesBasis;
  /** French, one sentence: why this is owed. */
  explanation: string;
  convention: DossierStatus;
  /** Whether a titre de perception of that year was accepted in the dossier. */
  invoiced: boolean;
  /** The latest accepted titre's amount; null without one. */
  invoicedAmount: number | null;
  /** Titre minus what is owed, to the cent; null without a titre. */
  difference: number | null;
}

export interface DuesTotal {
  schoolCount: number;
  amount: number;
}

/** Filters of the list: the convention's state, and titres missing or not matching what is owed. */
export interface DuesFilter {
  convention?: DossierStatus;
  titre?: 'missing' | 'different';
}

export function duesLine(
  registry: RuleRegistry,
  dossier: { siret: string; name: string },
  entries: readonly AcceptedEntry[],
  schoolYear: string,
): DuesLine | undefined {
  const dues = yearDues(registry, entries, schoolYear);
  if (!dues) return undefined;
  const history = entries.map((e) => e.document);
  const titre: Invoice | undefined = invoicesFor(history, schoolYear).at(-1);
  const latest = history.at(-1);
  return {
    siret: dossier.siret,
    name: dossier.name,
    type: latest?.party.type ?? 'commune',
    schoolCount: dues.schoolCount,
    amount: dues.amount,
    basis: dues.basis,
    explanation: dues.explanation,
    convention: dossierState(registry, entries).status,
    invoiced: titre !== undefined,
    invoicedAmount: titre?.amount ?? null,
    difference: titre ? Math.round((titre.amount - dues.amount) * 100) / 100 : null,
  };
}

export function matchesDuesFilter(line: DuesLine, filter: DuesFilter): boolean {
  if (filter.convention && line.convention !== filter.convention) return false;
  if (filter.titre === 'missing' && (line.invoiced || line.amount === 0)) return false;
  if (filter.titre === 'different' && (line.difference === null || line.difference === 0)) return false;
  return true;
}

export function duesTotal(lines: readonly DuesLine[]): DuesTotal {
  let cents = 0;
  let schoolCount = 0;
  for (const l of lines) {
    cents += Math.round(l.amount * 100);
    schoolCount += l.schoolCount;
  }
  return { schoolCount, amount: cents / 100 };
}

/**
 * The school year the lists of dues show when none is asked for: today's (`todaysYear`, by the
 * service's clock) when a rule set is written for it, else the latest year in force (else the
 * latest written), so that a list opens on figures rather than on an error.
 */
export function shownSchoolYear(registry: RuleRegistry, todaysYear: string): string {
  const years = registry.ruleSets.map((r) => r.schoolYear);
  if (years.includes(todaysYear)) return todaysYear;
  const inForce = registry.ruleSets.filter((r) => r.status === 'in_force').map((r) => r.schoolYear);
  return [...(inForce.length ? inForce : years)].sort().at(-1) ?? todaysYear;
}
