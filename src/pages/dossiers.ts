import type { DossierStatus } from '../dossier/account';
import { renderTemplate } from '../reports/templates';
import { DOSSIER_STATUS_WORDS } from '../wording/labels';
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
}

export interface DossiersPageData {
  /** The search as typed, trimmed; empty for none. */
  q: string;
  items: DossierListLine[];
  total: number;
  page: number;
  pageSize: number;
}

const STATUS_CLASS: Record<DossierStatus, string> = { in_force: 'conforme', terminated: 'non_conforme', no_convention: 'a_examiner' };

export function renderDossiersPage(data: DossiersPageData): string {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const first = data.total === 0 ? 0 : (data.page - 1) * data.pageSize + 1;
  const last = Math.min(data.total, data.page * data.pageSize);
  return renderTemplate('pages/dossiers', {
    page: pageMeta(data.q ? `Dossiers : « ${data.q} »` : 'Dossiers', 'dossiers'),
    q: data.q,
    total: data.total,
    range: data.total === 0 ? '' : `${first} à ${last} sur ${data.total}`,
    items: data.items.map((d) => ({
      ...d,
      url: PAGE_LINKS.dossier(d.siret),
      statusClass: STATUS_CLASS[d.status],
      statusWord: DOSSIER_STATUS_WORDS[d.status],
      last: {
        ...d.last,
        kindName: kindLabel(d.last.kind),
        documentDateWords: lineDocumentDate(d.last),
        verdict: lineVerdict(d.last),
        reportUrl: PAGE_LINKS.report(d.last.id),
      },
    })),
    previousUrl: data.page > 1 ? PAGE_LINKS.dossiers(data.q, data.page - 1) : null,
    nextUrl: data.page < pages ? PAGE_LINKS.dossiers(data.q, data.page + 1) : null,
    pageNumber: data.page,
    pages,
  });
}
