import type { IsoDate, Kind } from '../domain/submission';
import type { MainFinding, VerdictCode } from '../domain/verdict';
import { VERDICT_WORDS } from '../wording/labels';
import { documentDateWords, verdictNote } from '../wording/verdict';
import { PAGE_ASSETS } from './assets';

/**
 * What every page shares: its title and which entry of the navigation it belongs to; and the
 * line that lists a submission (home page, dossier history) with its verdict in words.
 */

export type NavEntry = 'accueil' | 'dossiers' | 'sommes-dues' | 'a-traiter' | 'echeances' | 'controle' | 'regles' | 'aucune';

/** A step of the breadcrumb (fil d’Ariane); the page itself is the last, without a link. */
export interface Crumb {
  label: string;
  url: string | null;
}

/**
 * The RGAA's words for the service's state of conformity, said in the footer of every page and in
 * the accessibility statement (src/pages/accessibility.ts explains why it is this one).
 */
export const ACCESSIBILITY_STATE = 'non conforme';

export interface PageMeta {
  title: string;
  nav: NavEntry;
  /** Whether the page embeds a report and needs its styles. */
  withReport: boolean;
  /** From the home page to the page itself; empty on the home page. */
  breadcrumb: Crumb[];
  assets: typeof PAGE_ASSETS;
  accessibilityState: string;
}

/**
 * `trail`: the pages between the home page and this one (none: `[]`); null for the home page,
 * which has no breadcrumb. `here`: the page's name in the breadcrumb, its title by default.
 */
export function pageMeta(title: string, nav: NavEntry, withReport = false, trail: Crumb[] | null = [], here = title): PageMeta {
  const breadcrumb = trail ? [{ label: 'Accueil', url: '/' }, ...trail, { label: here, url: null }] : [];
  return { title, nav, withReport, breadcrumb, assets: PAGE_ASSETS, accessibilityState: ACCESSIBILITY_STATE };
}

/** A submission as the pages list it: what it is, when it came, what was decided. */
export interface SubmissionLine {
  id: string;
  siret: string;
  partyName: string;
  kind: Kind;
  schoolYear: string;
  /** ISO instant. */
  receivedAt: string;
  /** The document's own date: signature, transmission… (contract/document-date.ts). */
  documentDate: IsoDate;
  verdict: VerdictCode;
  /** The finding said beside the verdict; null for « Conforme ». */
  mainFinding: MainFinding | null;
  /** When it was taken out of its dossier's state, by whom and why; null while it counts. */
  withdrawal: { withdrawnAt: string; author: string; reason: string } | null;
}

/** The verdict of a listed submission in words, with the one line that explains it (« la 4e école ne sera pas activée (art. 6.3) »). */
export function lineVerdict(line: Pick<SubmissionLine, 'verdict' | 'mainFinding'>): { code: VerdictCode; word: string; note: string | null } {
  return { code: line.verdict, word: VERDICT_WORDS[line.verdict], note: verdictNote(line.verdict, line.mainFinding) };
}

/** « transmis le 16/10/2020 »: the document's own date, as a list shows it beside the date received. */
export function lineDocumentDate(line: Pick<SubmissionLine, 'kind' | 'documentDate'>): string {
  return documentDateWords(line.kind, line.documentDate);
}

function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Where the pages live, built in one place so that links agree with the routes (src/http/routes/pages.ts). */
export const PAGE_LINKS = {
  home: () => '/',
  dossiers: (q?: string, page?: number, convention?: string) => withQuery('/dossiers', { q, convention, page: page && page > 1 ? page : undefined }),
  dossier: (siret: string) => `/dossiers/${encodeURIComponent(siret)}`,
  dues: (schoolYear?: string, filter: { convention?: string; titre?: string } = {}) => withQuery('/sommes-dues', { annee: schoolYear, ...filter }),
  duesCsv: (schoolYear: string, filter: { convention?: string; titre?: string } = {}) =>
    withQuery(`/api/dues/${encodeURIComponent(schoolYear)}/export.csv`, filter),
  deadlines: () => '/echeances',
  attention: (f: { verdict?: string; schoolYear?: string; kind?: string; siret?: string; page?: number; pageSize?: number } = {}) =>
    withQuery('/a-traiter', {
      verdict: f.verdict,
      schoolYear: f.schoolYear,
      kind: f.kind,
      siret: f.siret,
      page: f.page && f.page > 1 ? f.page : undefined,
      pageSize: f.pageSize,
    }),
  deadlinesIcs: () => '/api/deadlines/calendar.ics',
  ruleSets: () => '/regles',
  ruleReload: () => '/regles/recharger',
  tokens: () => '/jetons',
  tokenRevocation: (id: string) => `/jetons/${encodeURIComponent(id)}/revocation`,
  ruleSet: (schoolYear: string) => `/regles/${encodeURIComponent(schoolYear)}`,
  ruleDiff: (from: string, to: string) => `/regles/${encodeURIComponent(from)}/comparer/${encodeURIComponent(to)}`,
  ruleImpact: (schoolYear: string) => `/regles/${encodeURIComponent(schoolYear)}/impact`,
  submit: () => '/controle',
  piece: (id: string, deposit?: 'stored' | 'duplicate') =>
    `/pieces/${encodeURIComponent(id)}${deposit ? `?depot=${deposit === 'stored' ? 'depose' : 'deja-depose'}` : ''}`,
  withdrawal: (id: string) => `/pieces/${encodeURIComponent(id)}/retrait`,
  accessibility: () => '/accessibilite',
  report: (id: string) => `/reports/${encodeURIComponent(id)}`,
  reportDownload: (id: string) => `/reports/${encodeURIComponent(id)}/download`,
  reportPdf: (id: string) => `/reports/${encodeURIComponent(id)}/pdf`,
};
