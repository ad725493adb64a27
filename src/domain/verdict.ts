import type { Finding } from './finding';

/**
 * The verdict on a document, decided in one place for the CLI, the API, the pages, the reports
 * and the batch:
 *  - « Non conforme »: it was rejected (a blocking rule failed, or the schema);
 *  - « À examiner »: accepted, but some finding leaves a case the text does not settle to a person;
 *  - « Conforme avec réserves »: accepted, nothing to examine, but a rule of severity `warning`
 *    failed (a late avenant is kept in the dossier, and has no effect for the year: art. 6.3);
 *  - « Conforme »: nothing failed, nothing to examine.
 * The order of the codes is their precedence: the first that applies wins.
 */
export const VERDICT_CODES = ['non_conforme', 'a_examiner', 'conforme_avec_reserves', 'conforme'] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

/** Whether some finding left the case to a person. */
export function needsReview(findings: readonly Pick<Finding, 'outcome'>[]): boolean {
  return findings.some((f) => f.outcome === 'review');
}

/** Whether some rule that does not block acceptance but says something is wrong (`warning`) failed. */
export function hasReserves(findings: readonly Pick<Finding, 'outcome' | 'severity'>[]): boolean {
  return findings.some(isReserve);
}

function isReserve(f: Pick<Finding, 'outcome' | 'severity'>): boolean {
  return f.outcome === 'fail' && f.severity === 'warning';
}

function isBlocking(f: Pick<Finding, 'outcome' | 'severity'>): boolean {
  return f.outcome === 'fail' && f.severity === 'error';
}

/** The verdict of a decision given with its findings. */
export function verdictOfFindings(result: { status: 'accepted' | 'rejected'; findings: readonly Pick<Finding, 'outcome' | 'severity'>[] }): VerdictCode {
  if (result.status === 'rejected') return 'non_conforme';
  if (needsReview(result.findings)) return 'a_examiner';
  return hasReserves(result.findings) ? 'conforme_avec_reserves' : 'conforme';
}

/** What makes each verdict: the findings a reader of that verdict must see first. */
const DECIDING: Record<VerdictCode, (f: Finding) => boolean> = {
  non_conforme: isBlocking,
  a_examiner: (f) => f.outcome === 'review',
  conforme_avec_reserves: isReserve,
  conforme: () => false,
};

/** The finding that explains a verdict, said beside it wherever it is listed, and how many others of its kind there are. */
export interface MainFinding {
  finding: Finding;
  /** The other findings of the same kind (blocking failures, reviews, or reserves). */
  others: number;
}

/** « voir l'article 6.3 »: a message that sends the reader to another article. */
const REFERRAL = /voir l[’']article ([0-9][0-9.]*[0-9]|[0-9])/i;

/**
 * The finding that says the verdict in one line: the first blocking failure of a rejected
 * document, the first case to examine, or the first reserve; null for « Conforme ». A finding
 * whose message only refers the reader to another article that decides the same verdict (art. 6.2:
 * « avenant tardif, voir l'article 6.3 ») gives way to that article's, which says the consequence
 * (« les nouvelles écoles ne seront pas activées »).
 */
export function mainFinding(verdict: VerdictCode, findings: readonly Finding[]): MainFinding | null {
  const deciding = findings.filter(DECIDING[verdict]);
  if (deciding.length === 0) return null;
  const referredTo = (f: Finding) => {
    const article = REFERRAL.exec(f.message)?.[1];
    return article !== undefined && article !== f.article ? deciding.find((g) => g.article === article) : undefined;
  };
  const first = deciding[0];
  return { finding: referredTo(first) ?? first, others: deciding.length - 1 };
}

/** What lists show of a decision: its verdict, the finding said beside it, and whether a person must look. */
export function verdictSummary(
  status: 'accepted' | 'rejected',
  findings: readonly Finding[],
): { verdict: VerdictCode; mainFinding: MainFinding | null; needsReview: boolean } {
  const verdict = verdictOfFindings({ status, findings });
  return { verdict, mainFinding: mainFinding(verdict, findings), needsReview: needsReview(findings) };
}
