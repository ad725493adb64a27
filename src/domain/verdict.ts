import type { Finding } from './finding';

/**
 * The verdict on a document, decided in one place for the CLI, the API, the pages, the reports
 * and the batch: « Non conforme » when it was rejected; « À examiner » when it was accepted but
 * some finding leaves a case the text does not settle to a person; « Conforme » otherwise.
 * The order of the codes is their precedence: the first that applies wins.
 */
export const VERDICT_CODES = ['non_conforme', 'a_examiner', 'conforme'] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

/** Whether some finding left the case to a person. */
export function needsReview(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.outcome === 'review');
}

export function verdictCode(status: 'accepted' | 'rejected', review: boolean): VerdictCode {
  if (status === 'rejected') return 'non_conforme';
  return review ? 'a_examiner' : 'conforme';
}

/** The verdict of a decision given with its findings. */
export function verdictOfFindings(result: { status: 'accepted' | 'rejected'; findings: readonly Finding[] }): VerdictCode {
  return verdictCode(result.status, needsReview(result.findings));
}
