import type { Finding, RuleSetFile, RuleSetRef } from '../domain/finding';
import type { Kind, Submission } from '../domain/submission';

/** What the store keeps and returns. Dates are ISO instants in UTC (`…Z`). */

export type Decision = 'accepted' | 'rejected';

/** A submission as listed in its dossier: what it is and what was decided, without its content. */
export interface SubmissionSummary {
  id: string;
  siret: string;
  partyName: string;
  kind: Kind;
  schoolYear: string;
  receivedAt: string;
  status: Decision;
  stage: 'rules';
  /** Whether some finding left the case to a person (outcome `review`): « à examiner » when accepted. */
  needsReview: boolean;
  /** The rule set that judged it; null when its school year had none. */
  ruleSet: RuleSetRef | null;
}

export interface StoredSubmission extends SubmissionSummary {
  /** The text as received, byte for byte once decoded. */
  rawText: string;
  contentType: string;
  /** SHA-256 of the raw text's UTF-8 bytes, hex. */
  sha256: string;
  findings: Finding[];
  /** The parsed document, as evaluated. */
  document: Submission;
}

/** The rule set that judged a submission, with the texts to keep for explaining the decision later. */
export interface JudgingRuleSet extends RuleSetRef {
  files: RuleSetFile[];
}

export interface NewSubmission {
  /** Made by the caller, so that the report rendered before the write can name it. */
  id: string;
  siret: string;
  partyName: string;
  kind: Kind;
  schoolYear: string;
  rawText: string;
  contentType: string;
  receivedAt: string;
  /** ISO instant: when the verdict is recorded. */
  storedAt: string;
  /** SHA-256 of `rawText`'s UTF-8 bytes, hex. */
  sha256: string;
  status: Decision;
  ruleSet: JudgingRuleSet | null;
  findings: Finding[];
  document: Submission;
  /** The compliance report, rendered from the above, kept with it and never changed. */
  reportHtml: string;
}

/**
 * What the evaluation of a new submission depended on: the dossier's accepted submissions.
 * The store is append-only, so two equal heads mean the same accepted history.
 */
export interface DossierHead {
  acceptedCount: number;
  lastAcceptedId: string | null;
}

export interface AcceptedHistory {
  head: DossierHead;
  /** The accepted submissions, oldest first, each with the rule set that accepted it. */
  entries: Array<{ id: string; ruleSet: SubmissionSummary['ruleSet']; document: Submission }>;
}

export type RecordResult = { ok: true; submission: StoredSubmission } | { ok: false; reason: 'stale'; head: DossierHead };

export interface DossierRow {
  siret: string;
  name: string;
  submissionCount: number;
  lastReceivedAt: string;
}

export interface DossierQuery {
  /** A part of the name (accents and case ignored) or the beginning of the SIRET. */
  q?: string;
  /** Only this dossier: what a commune's token sees. */
  siret?: string;
  page: number;
  pageSize: number;
}

export interface StoredRuleSetVersion extends RuleSetRef {
  files: RuleSetFile[];
  storedAt: string;
}
