import type { DossierStatus } from '../dossier/account';
import { renderTemplate } from '../reports/templates';
import { formatEuros } from '../wording/format';
import { DOSSIER_STATUS_WORDS } from '../wording/labels';
import { conventionChoices, CONVENTION_FILTER_WORDS } from './dues';
import { kindLabel } from '../wording/labels';
import { lineDocumentDate, lineVerdict, pageMeta, PAGE_LINKS, type SubmissionLine } from './page';

/** The dossiers, searched by name or SIRET (form GET `?q=`), a page at a time. */

export interface DossierListLine {
  siret: string;
  name: string;
  submissionCount: number;
  /** ISO instant. */
  lastReceivedAt: string;
  /** Its latest submission: what it is, its own date, its verdict. */
  last: SubmissionLine;
  status: DossierStatus;
  /** French, one sentence: the convention's state. */
  stateLabel: string;
  /** What it owes for the list's school year; null when no rule set fixes it. */
  amount: number | null;
}

export interface DossiersPageData {
  /** The search as typed, trimmed; empty for none. */
  q: string;
  /** The convention's state asked for, if any. */
  convention?: DossierStatus;
  /** The school year of the amounts owed (the year « Sommes dues » opens on). */
  schoolYear: string;
  items: DossierListLine[];
  total: number;
  page: number;
  pageSize: number;
}

/** The numbered links of the DSFR's pagination: all of them up to 7 pages, else the first, the last and the two around the current one. */
export function pageLinks(current: number, pages: number, url: (n: number) => string) {
  const shown =
    pages <= 7
      ? Array.from({ length: pages }, (_, i) => i + 1)
      : [...new Set([1, current - 1, current, current + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const links: Array<{ number: number; url: string; current: boolean; ellipsis: boolean }> = [];
  shown.forEach((n, i) => {
    if (i > 0 && n > shown[i - 1] + 1) links.push({ number: 0, url: '', current: false, ellipsis: true });
    links.push({ number: n, url: url(n), current: n === current, ellipsis: false });
  });
  return links;
}

export function renderDossiersPage(data: DossiersPageData): string {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const first = data.total === 0 ? 0 : (data.page - 1) * data.pageSize + 1;
  const last = Math.min(data.total, data.page * data.pageSize);
  const link = (n: number) => PAGE_LINKS.dossiers(data.q, n, data.convention);
  const state = data.convention && CONVENTION_FILTER_WORDS[data.convention];
  const narrowed = [data.q && `« ${data.q} »`, state].filter(Boolean).join(', ');
  const matching = data.q ? `correspondant à « ${data.q} »${state ? ` (${state})` : ''}` : state ? `: ${state}` : '';
  return renderTemplate('pages/dossiers', {
    page: pageMeta(`Dossiers${narrowed ? ` : ${narrowed}` : ''}${pages > 1 ? `, page ${data.page} sur ${pages}` : ''}`, 'dossiers', false, [], 'Dossiers'),
    q: data.q,
    caption: matching ? `Dossiers ${matching}` : 'Tous les dossiers',
    none: data.q
      ? `Aucun dossier ne correspond à « ${data.q} »${state ? ` (${state})` : ''}.`
      : state
        ? `Aucun dossier ne correspond à ce critère : ${state}.`
        : 'Aucun dossier : aucune pièce n’a encore été déposée.',
    schoolYear: data.schoolYear,
    conventionChoices: conventionChoices(data.convention),
    duesUrl: PAGE_LINKS.dues(data.schoolYear),
    total: data.total,
    range: data.total === 0 ? '' : `${first} à ${last} sur ${data.total}`,
    items: data.items.map((d) => ({
      ...d,
      url: PAGE_LINKS.dossier(d.siret),
      statusWord: DOSSIER_STATUS_WORDS[d.status],
      amountWords: d.amount === null ? '—' : formatEuros(d.amount),
      last: {
        ...d.last,
        kindName: kindLabel(d.last.kind),
        documentDateWords: lineDocumentDate(d.last),
        verdict: lineVerdict(d.last),
        reportUrl: PAGE_LINKS.report(d.last.id),
      },
    })),
    previousUrl: data.page > 1 ? link(data.page - 1) : null,
    nextUrl: data.page < pages ? link(data.page + 1) : null,
    pageNumber: data.page,
    pageLinks: pageLinks(data.page, pages, link),
    pages,
  });
}
