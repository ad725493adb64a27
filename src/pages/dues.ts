import { DUES_BASIS_WORDS } from '../contract/basis';
import type { DuesFilter, DuesLine, DuesTotal } from '../dossier/dues-list';
import type { DossierStatus } from '../dossier/account';
import { renderTemplate } from '../reports/templates';
import { formatEuros } from '../wording/format';
import { DOSSIER_STATUS_WORDS } from '../wording/labels';
import { pageMeta, PAGE_LINKS } from './page';

/**
 * « Sommes dues »: what every dossier owes for a school year, its basis, the titre accepted and
 * the difference, with the totals and the CSV export of the same list.
 */

export interface DuesPageData {
  schoolYear: string;
  /** The years a rule set is written for, newest first. */
  years: string[];
  filter: DuesFilter;
  lines: DuesLine[];
  total: DuesTotal;
}

const CONVENTION_CHOICES: Array<{ value: DossierStatus | ''; label: string }> = [
  { value: '', label: 'Toutes' },
  { value: 'in_force', label: 'En vigueur' },
  { value: 'terminated', label: 'Résiliée' },
  { value: 'no_convention', label: 'Sans convention' },
];

/** The list to narrow a list of dossiers or of dues to a convention's state, `current` chosen. */
export function conventionChoices(current: DossierStatus | undefined) {
  return CONVENTION_CHOICES.map((c) => ({ ...c, selected: c.value === (current ?? '') }));
}
const TITRE_CHOICES: Array<{ value: NonNullable<DuesFilter['titre']> | ''; label: string }> = [
  { value: '', label: 'Tous les dossiers' },
  { value: 'missing', label: 'Titre de perception manquant' },
  { value: 'different', label: 'Titre différent du montant dû' },
];

/** A convention's state asked, in a list's title. */
export const CONVENTION_FILTER_WORDS: Record<DossierStatus, string> = {
  in_force: 'conventions en vigueur',
  terminated: 'conventions résiliées',
  no_convention: 'sans convention',
};

const FILTER_WORDS: Record<DossierStatus | NonNullable<DuesFilter['titre']>, string> = {
  ...CONVENTION_FILTER_WORDS,
  missing: 'titre manquant',
  different: 'titre différent du montant dû',
};

/** The year and the filters in the title: each list has a title of its own (RGAA 8.6). */
function duesTitle(data: DuesPageData): string {
  const filters = [data.filter.convention, data.filter.titre].filter((x) => x !== undefined).map((x) => FILTER_WORDS[x]);
  return `Sommes dues ${data.schoolYear}${filters.length ? ` : ${filters.join(', ')}` : ''}`;
}

export function renderDuesPage(data: DuesPageData): string {
  return renderTemplate('pages/dues', {
    page: pageMeta(duesTitle(data), 'sommes-dues', false, [], 'Sommes dues'),
    schoolYear: data.schoolYear,
    years: data.years.map((y) => ({ value: y, label: y, selected: y === data.schoolYear })),
    conventionChoices: conventionChoices(data.filter.convention),
    titreChoices: TITRE_CHOICES.map((c) => ({ ...c, selected: c.value === (data.filter.titre ?? '') })),
    lines: data.lines.map((l) => ({
      siret: l.siret,
      name: l.name,
      url: PAGE_LINKS.dossier(l.siret),
      typeWord: l.type === 'rpi' ? 'RPI' : 'commune',
      schoolCount: l.schoolCount,
      amount: formatEuros(l.amount),
      basisWords: DUES_BASIS_WORDS[l.basis],
      explanation: l.explanation,
      statusWord: DOSSIER_STATUS_WORDS[l.convention],
      invoicedAmount: l.invoicedAmount === null ? null : formatEuros(l.invoicedAmount),
      difference: l.difference === null ? null : formatEuros(l.difference),
      differs: l.difference !== null && l.difference !== 0,
    })),
    total: { schoolCount: data.total.schoolCount, amount: formatEuros(data.total.amount) },
    csvUrl: PAGE_LINKS.duesCsv(data.schoolYear, data.filter),
  });
}
