import type { JudgingRuleSet, StoredSubmission } from '../store/types';

/**
 * What the store gives the report renderer when it keeps a submission: the submission as stored,
 * the texts of the rule set that judged it, and the moment the verdict was recorded. The store
 * renders a report once, in the transaction that keeps the submission, through a `RenderReport`
 * it is given (`renderStoredReport` by default), so that the report's look can change without
 * touching the store.
 */
export interface StoredReportInput {
  submission: StoredSubmission;
  /** Null when the submission's school year had no rule set. */
  ruleSet: JudgingRuleSet | null;
  /** ISO instant: when the verdict was recorded, shown as the time of the check. */
  storedAt: string;
}

export type RenderReport = (input: StoredReportInput) => string;
