import type { Kind } from '../domain/submission';
import { KINDS } from '../domain/submission';
import type { VerdictCode } from '../domain/verdict';
import { renderTemplate } from '../reports/templates';
import { KIND_NAMES, VERDICT_WORDS } from '../wording/labels';
import { pageLinks } from './dossiers';
import { submissionRow } from './home';
import { pageMeta, PAGE_LINKS, type SubmissionLine } from './page';

/**
 * « À traiter »: the submissions that wait for a person's decision (every verdict but
 * « Conforme »), not withdrawn, newest first, filtered by verdict, school year, kind and dossier,
 * with page numbers.
 */

export interface AttentionFilter {
  verdict?: VerdictCode;
  schoolYear?: string;
  kind?: Kind;
  siret?: string;
}

export interface AttentionPageData {
  filter: AttentionFilter;
  /** The verdicts that can be asked for. */
  verdicts: readonly VerdictCode[];
  years: string[];
  /** Dossiers to choose from, by name (empty for a commune's token, confined to its own). */
  dossiers: Array<{ siret: string; name: string }>;
  items: SubmissionLine[];
  total: number;
  page: number;
  pageSize: number;
  /** The page size when the address gave one. */
  pageSizeAsked?: number;
}

export function renderAttentionPage(data: AttentionPageData): string {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const f = data.filter;
  // The page size asked goes with every page number; the default one is left out of the address.
  const link = (page: number) => PAGE_LINKS.attention({ ...f, page, pageSize: data.pageSizeAsked });
  return renderTemplate('pages/attention', {
    page: pageMeta(attentionTitle(data, pages), 'a-traiter', false, [], 'À traiter'),
    verdictChoices: [
      { value: '', label: 'Tous sauf « Conforme »', selected: !f.verdict },
      ...data.verdicts.map((v) => ({ value: v, label: VERDICT_WORDS[v], selected: v === f.verdict })),
    ],
    yearChoices: [{ value: '', label: 'Toutes', selected: !f.schoolYear }, ...data.years.map((y) => ({ value: y, label: y, selected: y === f.schoolYear }))],
    kindChoices: [{ value: '', label: 'Toutes', selected: !f.kind }, ...KINDS.map((k) => ({ value: k, label: KIND_NAMES[k], selected: k === f.kind }))],
    dossierChoices: data.dossiers.length
      ? [
          { value: '', label: 'Tous', selected: !f.siret },
          ...data.dossiers.map((d) => ({ value: d.siret, label: `${d.name} (${d.siret})`, selected: d.siret === f.siret })),
        ]
      : [],
    rows: data.items.map(submissionRow),
    total: data.total,
    previousUrl: data.page > 1 ? link(data.page - 1) : null,
    nextUrl: data.page < pages ? link(data.page + 1) : null,
    pageLinks: pageLinks(data.page, pages, link),
    pageNumber: data.page,
    pages,
  });
}

/** The page's title says its filters and its page, so that each list has a title of its own (RGAA 8.6). */
function attentionTitle(data: AttentionPageData, pages: number): string {
  const f = data.filter;
  const dossier = f.siret ? (data.dossiers.find((d) => d.siret === f.siret)?.name ?? f.siret) : undefined;
  const filters = [f.verdict && VERDICT_WORDS[f.verdict], f.schoolYear, f.kind && KIND_NAMES[f.kind], dossier].filter(Boolean).join(', ');
  return `À traiter${filters ? ` : ${filters}` : ''}${pages > 1 ? `, page ${data.page} sur ${pages}` : ''}`;
}
