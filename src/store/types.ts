import type { Finding, RuleSetFile, RuleSetRef } from '../domain/finding';
import type { IsoDate, Kind, Submission } from '../domain/submission';
import type { MainFinding, VerdictCode } from '../domain/verdict';

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
  /** Computed from the decision and the findings (domain/verdict.ts), never stored. */
  verdict: VerdictCode;
  /** The finding said beside the verdict in lists; null for « Conforme ». */
  mainFinding: MainFinding | null;
  /** The document's own date (signature, transmission…: contract/document-date.ts), at Paris. */
  documentDate: IsoDate;
  /** The rule set that judged it; null when its school year had none. */
  ruleSet: RuleSetRef | null;
  /** Set once a juriste took it out of its dossier's state; the submission and its report stay. */
  withdrawal: Withdrawal | null;
}

/** A submission taken out of its dossier's state: when, by whom, why. */
export interface Withdrawal {
  submissionId: string;
  /** French, as the juriste wrote it. */
  reason: string;
  /** ISO instant. */
  withdrawnAt: string;
  /** Who withdrew it, in words: a token's label, or the CLI's user. */
  author: string;
  /** The token used, when one was. */
  tokenId: string | null;
}

/** What the service hands the store to keep a withdrawal: made by it, like a submission's id and instants. */
export type NewWithdrawal = Withdrawal;

export type WithdrawalResult =
  | { ok: true; withdrawal: Withdrawal; entry: ChainLink }
  | { ok: false; reason: 'unknown_submission' }
  | { ok: false; reason: 'already_withdrawn'; withdrawal: Withdrawal };

/** An entry's place in the register's chain (src/store/ledger.ts). */
export interface ChainLink {
  /** 1 for the first entry written, and so on: submissions and withdrawals alike. */
  position: number;
  /** SHA-256 of the entry before it (64 zeros for the first). */
  previousSha256: string;
  /** SHA-256 of this entry: of the previous one's and of everything it keeps. */
  sha256: string;
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
  /** Its entry in the register's chain. */
  chain: ChainLink | null;
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

/** A client's key for a deposit it may send again (header `Idempotency-Key`), within the scope of its token. */
export interface IdempotencyKey {
  scope: string;
  key: string;
}

/** What a key was first used for: the body it came with and the submission it was answered with. */
export interface KeyUse {
  requestSha256: string;
  submissionId: string;
  /** `stored`: the submission was written then; `duplicate`: an identical one was found already there. */
  outcome: 'stored' | 'duplicate';
}

export type RecordResult =
  | { ok: true; submission: StoredSubmission }
  | { ok: false; reason: 'stale'; head: DossierHead }
  /** An identical document (same SHA-256) is already in the dossier, and not withdrawn: nothing written. */
  | { ok: false; reason: 'duplicate'; existing: StoredSubmission }
  /** The key was used meanwhile (by another process): nothing written. */
  | { ok: false; reason: 'key_used'; use: KeyUse };

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

/**
 * The submissions the impact of a year's rules may judge again: those of the school years the rules
 * apply to, and those the rules of that year judged (a letter is judged by the convention in force
 * on its day, whatever year it declares).
 */
export interface ImpactCandidates {
  years: readonly string[];
  /** A school year: the submissions its rules judged. */
  judgedBy: string;
}

/**
 * A submission as the impact of a year's rules reads it: every candidate (with its stored
 * findings), every other accepted one (the history the candidates are judged against), by dossier
 * then in the order they were written; none withdrawn.
 */
export interface DossierStreamRow {
  seq: number;
  id: string;
  siret: string;
  partyName: string;
  kind: Kind;
  schoolYear: string;
  receivedAt: string;
  status: Decision;
  ruleSet: RuleSetRef | null;
  /** Null for a submission that is not a candidate (only its document and decision are read). */
  findings: Finding[] | null;
  document: Submission;
}

/** A decision as the figures count it: when the document came, and what its verdict is made of. */
export interface ReceivedDecision {
  receivedAt: string;
  status: Decision;
  /** The findings that failed or were left to a person. */
  findings: Array<Pick<Finding, 'outcome' | 'severity'>>;
}

/**
 * A version of a school year's rules as the history keeps it (table rule_set_history): prepared,
 * edited, published, or found in RULES_DIR. `status` is the one its ruleset.yaml says.
 */
export interface RuleSetHistoryEntry {
  schoolYear: string;
  version: string;
  status: 'draft' | 'in_force';
  /** ISO instant. */
  createdAt: string;
  /** Who made it, in words: a token's label, the CLI's user, or the rules folder. */
  createdBy: string;
  /** ISO instant; null for a draft. */
  publishedAt: string | null;
  /** Why it was published; null for a draft. */
  reason: string | null;
  /** The version it was made from (the draft a publication publishes, the version an edit changed); null for the first. */
  previousVersion: string | null;
  /** The resolved texts: what a decision judged by it keeps. */
  files: RuleSetFile[];
  /** The folder's own files as written (ruleset.yaml, rules/, tests/): what `rules export` writes. */
  sources: RuleSetFile[];
}
