import type { Finding, RuleSetRef } from '../domain/finding';
import type { Kind } from '../domain/submission';

/**
 * What a report is made from: the stored decision, nothing else. The store renders a report once,
 * when it keeps the submission, through a `RenderReport` it is given, so that the report's look
 * can change without touching the store.
 */
export interface ReportInput {
  id: string;
  siret: string;
  partyName: string;
  kind: Kind;
  schoolYear: string;
  receivedAt: string;
  status: 'accepted' | 'rejected';
  ruleSet: RuleSetRef | null;
  findings: readonly Finding[];
}

export type RenderReport = (input: ReportInput) => string;
