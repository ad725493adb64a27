import type { School } from '../domain/submission';
import type { DossierStatus } from '../dossier/account';
import { formatEuros } from '../wording/format';
import { DOSSIER_STATUS_WORDS, SCHOOL_TYPE_WORDS } from '../wording/labels';
import { renderTemplate } from '../reports/templates';
import { duesByYearChart } from './figures';
import { submissionRow } from './home';
import { pageMeta, PAGE_LINKS, type SubmissionLine } from './page';

/**
 * One dossier: the state of its convention, its history (every submission with its verdict and
 * report), and for each school year the schools enrolled and what is owed — the figures the
 * finance staff invoice from.
 */

export interface DossierYear {
  schoolYear: string;
  schools: School[];
  schoolCount: number;
  amount: number;
  /** French, one sentence: why this is owed, citing the article (6.1, 6.2, 6.3, 7…). */
  explanation: string;
}

export interface DossierPageData {
  siret: string;
  name: string;
  state: { status: DossierStatus; label: string };
  /** An RPI's communes; empty for a commune. */
  communes: Array<{ name: string; inseeCode: string | null; siret: string | null }>;
  /** Oldest first, accepted and rejected. */
  submissions: SubmissionLine[];
  years: DossierYear[];
}

const STATUS_CLASS: Record<DossierStatus, string> = { in_force: 'conforme', terminated: 'non_conforme', no_convention: 'a_examiner' };

export function renderDossierPage(data: DossierPageData): string {
  return renderTemplate('pages/dossier', {
    page: pageMeta(`Dossier ${data.name}`, 'dossiers', false, [{ label: 'Dossiers', url: PAGE_LINKS.dossiers() }], data.name),
    siret: data.siret,
    name: data.name,
    communes: data.communes,
    state: { ...data.state, statusClass: STATUS_CLASS[data.state.status], statusWord: DOSSIER_STATUS_WORDS[data.state.status] },
    // Newest first: the last decision is what staff look for.
    submissions: [...data.submissions].reverse().map(submissionRow),
    duesChart: duesByYearChart(data.name, data.years),
    years: data.years.map((y) => ({
      schoolYear: y.schoolYear,
      schoolCount: y.schoolCount,
      amount: formatEuros(y.amount),
      explanation: y.explanation,
      schools: y.schools.map((s) => ({ uai: s.uai, typeWord: SCHOOL_TYPE_WORDS[s.type] ?? s.type, name: s.name ?? '', commune: s.commune })),
    })),
    dossiersUrl: PAGE_LINKS.dossiers(),
    submitUrl: PAGE_LINKS.submit(),
  });
}
