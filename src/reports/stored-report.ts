import type { StoredReportInput } from './report';
import type { ReportInput } from './input';
import { renderReport } from './render';
import { reportRuleSetOf } from './rule-set-texts';

/**
 * The report the store keeps with each submission: the stored submission and the texts of the
 * rule set that judged it, turned into a `ReportInput` and rendered. The verdict is the stored
 * one (status and findings), never recomputed.
 */

export function storedReportInput({ submission: s, ruleSet, storedAt }: StoredReportInput): ReportInput {
  return {
    submission: s.document,
    result: { status: s.status, stage: 'rules', errors: [], findings: s.findings, ruleSet: s.ruleSet },
    ruleSet: ruleSet ? reportRuleSetOf(ruleSet) : null,
    dossier: { siret: s.siret, name: s.partyName },
    receivedAt: s.receivedAt,
    checkedAt: storedAt,
    sha256: s.sha256,
    submissionId: s.id,
  };
}

export function renderStoredReport(input: StoredReportInput): string {
  return renderReport(storedReportInput(input));
}
