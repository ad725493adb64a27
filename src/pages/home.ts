import { KIND_NAMES, RULESET_STATUS_WORDS } from '../wording/labels';
import { renderTemplate } from '../reports/templates';
import { depositsChart, duesByDepartementChart, type DepartementSum, type MonthCount } from './figures';
import { lineDocumentDate, lineVerdict, pageMeta, PAGE_LINKS, type SubmissionLine } from './page';

/** The home page: the rule sets by school year with their status, and the latest submissions. */

export interface HomeRuleSet {
  schoolYear: string;
  status: 'in_force' | 'draft';
  version: string;
  title: string;
  ruleCount: number;
  /** Articles no program checks. */
  uncheckedCount: number;
}

export interface HomePageData {
  ruleSets: HomeRuleSet[];
  /** Rule set folders that failed lint, and how many errors each has. */
  failures: Array<{ name: string; errorCount: number }>;
  /** Newest first. */
  recent: SubmissionLine[];
  /** The académie's figures for the current school year; null for a commune, which sees its own dossier only. */
  figures?: HomeFigures | null;
}

export interface HomeFigures {
  schoolYear: string;
  /** September to August. */
  months: MonthCount[];
  dues: DepartementSum[];
}

export function submissionRow(line: SubmissionLine) {
  return {
    ...line,
    kindName: KIND_NAMES[line.kind],
    verdict: lineVerdict(line),
    pieceUrl: PAGE_LINKS.piece(line.id),
    documentDateWords: lineDocumentDate(line),
    reportUrl: PAGE_LINKS.report(line.id),
    downloadUrl: PAGE_LINKS.reportDownload(line.id),
    dossierUrl: PAGE_LINKS.dossier(line.siret),
  };
}

export function renderHomePage(data: HomePageData): string {
  const ruleSets = [...data.ruleSets]
    .sort((a, b) => (a.schoolYear < b.schoolYear ? 1 : a.schoolYear > b.schoolYear ? -1 : 0))
    .map((r) => ({ ...r, statusWord: RULESET_STATUS_WORDS[r.status], url: PAGE_LINKS.ruleSet(r.schoolYear) }));
  return renderTemplate('pages/home', {
    page: pageMeta('Accueil', 'accueil', false, null),
    ruleSets,
    failures: data.failures.map((f) => ({ ...f, url: /^\d{4}-\d{4}$/.test(f.name) ? PAGE_LINKS.ruleSet(f.name) : PAGE_LINKS.ruleSets() })),
    recent: data.recent.map(submissionRow),
    figures: data.figures
      ? { deposits: depositsChart(data.figures.schoolYear, data.figures.months), dues: duesByDepartementChart(data.figures.schoolYear, data.figures.dues) }
      : null,
    submitUrl: PAGE_LINKS.submit(),
    dossiersUrl: PAGE_LINKS.dossiers(),
  });
}
