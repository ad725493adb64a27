import type { CheckResult, RuleSetRef } from '../domain/finding';
import type { RpiCommune, Submission } from '../domain/submission';
import { verdictOfFindings, verdictSummary, VERDICT_CODES, type VerdictCode } from '../domain/verdict';
import { documentDate } from '../contract/document-date';
import { localDate, nextSchoolYear, schoolYearMonths, schoolYearOf, startOfDay } from '../dates/calendar';
import { TIME_ZONE } from '../wording/format';
import { sha256Hex } from '../documents/hash';
import { checkSubmission } from '../rules/check';
import { ruleSetFor, ruleSetForFiling, selectRuleSet, type FilingRefusal, type RuleRegistry } from '../rules/registry';
import type { Store, VerdictQuery } from '../store/store';
import { newSubmissionId } from '../store/ids';
import type {
  AcceptedHistory,
  ChainLink,
  DossierQuery,
  DossierRow,
  IdempotencyKey,
  JudgingRuleSet,
  KeyUse,
  StoredRuleSetVersion,
  StoredSubmission,
  SubmissionSummary,
  Withdrawal,
} from '../store/types';
import {
  dossierAccount,
  dossierState,
  yearDues,
  yearDuesByDepartement,
  type AcceptedEntry,
  type DepartementDues,
  type DossierAccount,
  type DossierState,
  type DossierStatus,
  type YearDues,
} from '../dossier/account';
import { accountChanges, type AccountChanges } from '../dossier/withdrawal';
import { deadlinesOf, inRange, sortDeadlines, type Deadline } from '../dossier/deadlines';
import { duesLine, duesTotal, matchesDuesFilter, shownSchoolYear, type DuesFilter, type DuesLine, type DuesTotal } from '../dossier/dues-list';
import type { ReportInput } from '../reports/input';
import { storedReportInput } from '../reports/stored-report';
import { renderReport } from '../reports/render';
import { KeyedMutex } from './keyed-mutex';

/**
 * The dossiers: judging a new submission against its dossier and keeping it, and reading what a
 * dossier holds, is and owes. The one place where the store, the rules and the dossier state meet;
 * HTTP and the CLI call it.
 *
 * Two submissions for one dossier at the same moment. The evaluation of a submission depends on
 * the dossier's accepted history (a second convention is refused by 3.convention-unique), so
 * read-history → evaluate → write must not interleave with another for the same dossier. The
 * evaluator is async (json-rules-engine) and better-sqlite3 transactions are synchronous, so the
 * three steps cannot sit in one SQL transaction. Two locks, then:
 *  1. in this process, a queue per SIRET (`KeyedMutex`): the steps of two submissions for one
 *     dossier run one after the other, in arrival order; other dossiers are not held up;
 *  2. in the write itself, an optimistic check: the store's write transaction (BEGIN IMMEDIATE)
 *     first compares the dossier's accepted count and last accepted id with those the evaluation
 *     read, and writes nothing if they changed (another process on the same file accepted a
 *     submission meanwhile); the submission is then judged again on the new history.
 * So no submission is lost (each is written once, or the caller gets an error) and none is judged
 * on a history that is no longer the dossier's. A withdrawal goes through the same queue, and
 * changes the head the optimistic check compares (the head counts accepted submissions not
 * withdrawn): a submission judged with a withdrawn one in its history is judged again.
 *
 * One deposit per document. A document byte-identical (same SHA-256) to one of its dossier's not
 * withdrawn is not judged nor kept again: the existing submission is the answer — unless that one
 * was rejected and the dossier or its rules changed since, when judging again can decide
 * otherwise (src/store/store.ts `duplicateOf`). Looked for before
 * judging, in the queue (so two identical deposits at the same moment store one), and again in
 * the write transaction (another process may have kept it meanwhile). A client's retry with the
 * same `Idempotency-Key` gets the first answer; the key with another body is a conflict.
 *
 * The report kept with a submission is rendered here, before the write transaction (the store
 * only stores): its id, its instants and its fingerprint are made first, so that the report and
 * the row say the same. A stale write renders it again with the new verdict.
 */

export interface Incoming {
  submission: Submission;
  /** The text as received, kept as it is. */
  rawText: string;
  contentType: string;
}

/** A deposit's answer: the submission kept for it, now or before, and what the rules said of it. */
export interface Filed {
  /** `stored`: judged and kept (now, or when the key was first used); `duplicate`: an identical document was already in the dossier, nothing was kept. */
  outcome: 'stored' | 'duplicate';
  /** A retry with a key already used: the first answer, given again. */
  replayed: boolean;
  /** For a submission kept before, its stored decision. */
  result: CheckResult & { stage: 'rules' };
  stored: StoredSubmission;
}

/** The key was first used with another body: nothing done. */
export interface KeyConflict {
  outcome: 'key_conflict';
  key: string;
  /** What the key was first answered with. */
  submissionId: string;
}

/** Who asks for a withdrawal, in words for the record, and the token used. */
export interface WithdrawalRequest {
  submissionId: string;
  /** Checked already (src/dossier/withdrawal.ts `checkReason`). */
  reason: string;
  author: string;
  tokenId: string | null;
}

export type WithdrawOutcome =
  | { ok: true; withdrawal: Withdrawal; entry: ChainLink; submission: StoredSubmission; changes: AccountChanges }
  | { ok: false; reason: 'unknown_submission' }
  | { ok: false; reason: 'already_withdrawn'; withdrawal: Withdrawal };

/** What withdrawing a submission would change, for the page that asks to confirm it. */
export interface WithdrawalPreview {
  submission: StoredSubmission;
  dossierName: string;
  changes: AccountChanges;
  /** Accepted submissions after it, not withdrawn: judged with it in their dossier, their decisions stay as they are. */
  judgedWithIt: number;
}

/**
 * A document that could not be filed: no rule set in force may judge it, or the year's failed to
 * load (rules/registry.ts). Nothing was kept. A value, handed to the edge, which answers it
 * (http/errors.ts: 503 `rules_unavailable`, 422 `no_rule_set_in_force`; the CLI: exit 2).
 */
export class FilingRefusedError extends Error {
  readonly code: FilingRefusal['reason'];
  constructor(readonly refusal: FilingRefusal) {
    super(refusal.message);
    this.name = 'FilingRefusedError';
    this.code = refusal.reason;
  }
}

/** No rules to judge the document by: nothing done. */
export interface Refused {
  outcome: 'refused';
  error: FilingRefusedError;
}

/** A check that keeps nothing: the verdict, and the report a page shows of it. */
export type Checked = { result: CheckResult & { stage: 'rules' }; report: ReportInput };

export interface DossierView extends DossierRow, DossierAccount {
  /** The party's type by its latest accepted submission; null without one. */
  partyType: 'commune' | 'rpi' | null;
  /** An RPI's communes by its latest accepted submission (name, INSEE code, SIRET where given). */
  communes: RpiCommune[];
  submissions: SubmissionSummary[];
}

/** The documents received in one month, by verdict. */
export interface MonthDeposits {
  /** `2020-09`. */
  month: string;
  counts: Record<VerdictCode, number>;
}

export interface DossierListItem extends DossierRow {
  state: DossierState;
  /** Its latest submission, with its verdict: what a search shows beside the dossier. */
  last: SubmissionSummary;
  /** What it owes for the list's school year, as « Sommes dues » says it (duesLine); null when no rule set fixes that year's participation. */
  dues: Pick<DuesLine, 'schoolCount' | 'amount' | 'basis'> | null;
}

/** A search of the dossiers, and the convention's state asked for, if any. */
export interface DossierListQuery extends DossierQuery {
  convention?: DossierStatus;
}

export interface ServiceOptions {
  now?: () => Date;
  /** Judgements of one submission before giving up when other writers keep changing its dossier. */
  maxAttempts?: number;
  /** Makes submission ids; random UUIDs by default. */
  newId?: () => string;
  /** Renders the report kept with each submission; the HTML compliance report by default. */
  renderReport?: (input: ReportInput) => string;
}

/** Raised when a dossier kept changing under a submission: a fault of the deployment, not of the document. */
export class ConcurrentWriteError extends Error {
  readonly code = 'ECRITURES_CONCURRENTES';
  constructor(siret: string, attempts: number) {
    super(`Dossier ${siret} modifié par d'autres écritures pendant ${attempts} contrôles successifs : pièce non enregistrée, à renvoyer.`);
    this.name = 'ConcurrentWriteError';
  }
}

function documents(history: AcceptedHistory): Submission[] {
  return history.entries.map((e) => e.document);
}

/** The decision kept with a submission, in the shape the rules give it. */
function storedResult(s: StoredSubmission): CheckResult & { stage: 'rules' } {
  return { status: s.status, stage: 'rules', errors: [], findings: s.findings, ruleSet: s.ruleSet };
}

function rulesStage(result: CheckResult): CheckResult & { stage: 'rules' } {
  // checkSubmission is given a schema-valid submission: its verdict is always of the rules.
  if (result.stage !== 'rules') throw new Error('DossierService: a validated submission came back with a schema verdict');
  return result;
}

export class DossierService {
  private readonly queue = new KeyedMutex();
  readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly newId: () => string;
  private readonly renderReport: (input: ReportInput) => string;

  constructor(
    readonly store: Store,
    readonly registry: RuleRegistry,
    options: ServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 5;
    this.newId = options.newId ?? newSubmissionId;
    this.renderReport = options.renderReport ?? renderReport;
  }

  /**
   * Judges a schema-valid submission against its dossier and keeps it, accepted or rejected, with
   * its report; or answers with the identical submission already there; or, for a key already
   * used, with the first answer (a conflict when the body differs); or refuses it, keeping nothing,
   * when no rule set in force may judge it (the rules that would have failed to load, or there are none).
   */
  submit(incoming: Incoming): Promise<Filed | Refused>;
  submit(incoming: Incoming, key: IdempotencyKey | undefined): Promise<Filed | KeyConflict | Refused>;
  submit(incoming: Incoming, key?: IdempotencyKey): Promise<Filed | KeyConflict | Refused> {
    const receivedAt = this.now().toISOString();
    const siret = incoming.submission.party.siret;
    const sha256 = sha256Hex(incoming.rawText);
    // The rule sets as they are on receipt, like `receivedAt`: a reload while the submission waits
    // its turn or while the rules run (they are async) must not take away the version judging it,
    // whose texts are kept with the decision.
    const registry: RuleRegistry = { ...this.registry };
    return this.queue.run(siret, async (): Promise<Filed | KeyConflict | Refused> => {
      if (key) {
        const use = this.store.keyUse(key);
        if (use) return this.replay(key, use, sha256);
      }
      // No deposit of a document whose rules are unavailable, not even the answer of an identical
      // one: the refusal says what to mend, and a retry once it is mended gets the usual answer.
      const unjudgeable = this.refusal(registry, incoming.submission, documents(this.store.acceptedHistory(siret)));
      if (unjudgeable) return unjudgeable;
      const existing = this.store.duplicateOf(siret, sha256, selectRuleSet(registry, incoming.submission.schoolYear)?.version ?? null);
      if (existing) return this.duplicate(existing, sha256, key);
      for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
        const history = this.store.acceptedHistory(siret);
        const prior = documents(history);
        // Which rules judge depends on the dossier (a letter is judged by the convention in force on
        // its day): asked on the history read, before anything is written.
        const refused = this.refusal(registry, incoming.submission, prior);
        if (refused) return refused;
        const result = rulesStage(await checkSubmission(incoming.submission, prior, registry));
        const id = this.newId();
        const storedAt = this.now().toISOString();
        const ruleSet = this.judging(registry, result.ruleSet);
        const summary: StoredSubmission = {
          id,
          siret,
          partyName: incoming.submission.party.name,
          kind: incoming.submission.kind,
          schoolYear: incoming.submission.schoolYear,
          receivedAt,
          status: result.status,
          stage: 'rules',
          ...verdictSummary(result.status, result.findings),
          documentDate: documentDate(incoming.submission, TIME_ZONE),
          ruleSet: result.ruleSet,
          withdrawal: null,
          rawText: incoming.rawText,
          contentType: incoming.contentType,
          sha256,
          findings: result.findings,
          document: incoming.submission,
          chain: null,
        };
        const report = storedReportInput({ submission: summary, ruleSet, storedAt });
        const written = this.store.recordSubmission({ ...summary, storedAt, ruleSet, reportHtml: this.renderReport(report) }, history.head, key);
        if (written.ok) return { outcome: 'stored', replayed: false, result, stored: written.submission };
        // Another process kept the same document, or used the key, while this one was judged.
        if (written.reason === 'duplicate') return this.duplicate(written.existing, sha256, key);
        if (written.reason === 'key_used') return this.replay(key!, written.use, sha256);
      }
      throw new ConcurrentWriteError(siret, this.maxAttempts);
    });
  }

  /** Why the document cannot be filed on this history, if it cannot: the rules that would judge it are unavailable, or not in force. */
  private refusal(registry: RuleRegistry, submission: Submission, prior: readonly Submission[]): Refused | undefined {
    const filing = ruleSetForFiling(registry, submission, prior);
    return filing.ok ? undefined : { outcome: 'refused', error: new FilingRefusedError(filing.refusal) };
  }

  private replay(key: IdempotencyKey, use: KeyUse, sha256: string): Filed | KeyConflict {
    if (use.requestSha256 !== sha256) return { outcome: 'key_conflict', key: key.key, submissionId: use.submissionId };
    const stored = this.store.submission(use.submissionId)!;
    return { outcome: use.outcome, replayed: true, result: storedResult(stored), stored };
  }

  private duplicate(existing: StoredSubmission, sha256: string, key: IdempotencyKey | undefined): Filed | KeyConflict {
    if (key) {
      const kept = this.store.recordKeyUse(key, { requestSha256: sha256, submissionId: existing.id, outcome: 'duplicate' }, this.now().toISOString());
      if (!kept.ok) return this.replay(key, kept.use, sha256);
    }
    return { outcome: 'duplicate', replayed: false, result: storedResult(existing), stored: existing };
  }

  /**
   * What withdrawing a submission would change in its dossier: its state, schools and dues with
   * it and without it. Undefined for an unknown submission.
   */
  withdrawalPreview(id: string): WithdrawalPreview | undefined {
    return this.store.snapshot(() => {
      const submission = this.store.submission(id);
      if (!submission) return undefined;
      const entries = this.store.acceptedHistory(submission.siret).entries;
      const at = entries.findIndex((e) => e.id === id);
      const without = entries.filter((e) => e.id !== id);
      return {
        submission,
        dossierName: this.store.dossier(submission.siret)?.name ?? submission.partyName,
        changes: accountChanges(dossierAccount(this.registry, entries), dossierAccount(this.registry, without)),
        judgedWithIt: at < 0 ? 0 : entries.length - at - 1,
      };
    });
  }

  /**
   * Takes a submission out of its dossier's state, for ever: it and its report stay, marked. In
   * the dossier's queue, so that no submission of the dossier is judged while it happens in this
   * process; the store's head check catches one judged in another.
   */
  withdraw(request: WithdrawalRequest): Promise<WithdrawOutcome> {
    const siret = this.store.siretOf(request.submissionId);
    if (siret === undefined) return Promise.resolve({ ok: false, reason: 'unknown_submission' });
    return this.queue.run(siret, async (): Promise<WithdrawOutcome> => {
      const before = dossierAccount(this.registry, this.store.acceptedHistory(siret).entries);
      const r = this.store.recordWithdrawal({
        submissionId: request.submissionId,
        reason: request.reason,
        withdrawnAt: this.now().toISOString(),
        author: request.author,
        tokenId: request.tokenId,
      });
      if (!r.ok) return r;
      const after = dossierAccount(this.registry, this.store.acceptedHistory(siret).entries);
      return {
        ok: true,
        withdrawal: r.withdrawal,
        entry: r.entry,
        submission: this.store.submission(request.submissionId)!,
        changes: accountChanges(before, after),
      };
    });
  }

  /** What `submit` would decide now, keeping nothing. */
  async check(submission: Submission): Promise<CheckResult & { stage: 'rules' }> {
    const history = this.store.acceptedHistory(submission.party.siret);
    return rulesStage(await checkSubmission(submission, documents(history), this.registry));
  }

  /** `check`, with the report a person reads of it: received and checked now, by the rules in service. */
  async checkWithReport(submission: Submission, rawText: string): Promise<Checked> {
    const receivedAt = this.now().toISOString();
    const result = await this.check(submission);
    const rules = result.ruleSet && this.registry.ruleSets.find((r) => r.version === result.ruleSet!.version);
    return {
      result,
      report: {
        submission,
        result,
        ruleSet: rules ?? null,
        dossier: { siret: submission.party.siret, name: submission.party.name },
        receivedAt,
        checkedAt: this.now().toISOString(),
        sha256: sha256Hex(rawText),
      },
    };
  }

  submission(id: string): StoredSubmission | undefined {
    return this.store.submission(id);
  }

  /** The dossier a submission belongs to, without reading the rest: access checks ask it on every request. */
  siretOf(id: string): string | undefined {
    return this.store.siretOf(id);
  }

  /** The report kept with a submission, exactly as rendered when it was filed. */
  report(id: string): { html: string; submission: StoredSubmission } | undefined {
    return this.store.snapshot(() => {
      const html = this.store.report(id);
      return html === undefined ? undefined : { html, submission: this.store.submission(id)! };
    });
  }

  /**
   * A stored submission with the input its kept report was rendered from: its stored decision,
   * the texts of the rules that judged it (kept with it) and the instant it was recorded. A page
   * shows the report from this, never from the rules or the clock of today.
   */
  filed(id: string): { submission: StoredSubmission; report: ReportInput; dossierName: string } | undefined {
    return this.store.snapshot(() => {
      const submission = this.store.submission(id);
      if (!submission) return undefined;
      const kept = submission.ruleSet ? this.store.ruleSetVersion(submission.ruleSet.version) : undefined;
      const ruleSet: JudgingRuleSet | null = kept ? { schoolYear: kept.schoolYear, status: kept.status, version: kept.version, files: kept.files } : null;
      return {
        submission,
        report: storedReportInput({ submission, ruleSet, storedAt: this.store.reportCreatedAt(id) ?? submission.receivedAt }),
        dossierName: this.store.dossier(submission.siret)?.name ?? submission.partyName,
      };
    });
  }

  /**
   * What the PDF of a submission's report is made from: the stored input (never judged again), the
   * fingerprint of the HTML report kept and the instant it was recorded.
   */
  reportPdfInput(id: string): { report: ReportInput; htmlSha256: string; storedAt: string; submission: StoredSubmission } | undefined {
    return this.store.snapshot(() => {
      const filed = this.filed(id);
      const html = this.store.report(id);
      if (!filed || html === undefined) return undefined;
      return {
        report: filed.report,
        htmlSha256: sha256Hex(html),
        storedAt: this.store.reportCreatedAt(id) ?? filed.submission.receivedAt,
        submission: filed.submission,
      };
    });
  }

  /** The latest submissions, newest first; of one dossier only when `siret` is given. */
  recent(limit: number, siret?: string): SubmissionSummary[] {
    return this.store.recentSubmissions(limit, siret);
  }

  /** Submissions of some verdicts, not withdrawn, newest first, a page at a time: what waits for a decision. */
  byVerdict(query: VerdictQuery): { items: SubmissionSummary[]; total: number } {
    return this.store.submissionsByVerdict(query);
  }

  /** Every dossier by name, for a list to choose from. */
  allDossiers(): DossierRow[] {
    return this.store.allDossiers();
  }

  /** Whether the dossier holds any submission. */
  hasDossier(siret: string): boolean {
    return this.store.dossier(siret) !== undefined;
  }

  /**
   * The texts of a rule set version: loaded now, or kept because it judged a submission, so that an
   * old decision can be read with the rules that made it. `storedAt` is null for one only loaded.
   */
  ruleSetVersion(version: string): (Omit<StoredRuleSetVersion, 'storedAt'> & { storedAt: string | null }) | undefined {
    const loaded = this.registry.ruleSets.find((r) => r.version === version);
    if (loaded) return { version, schoolYear: loaded.schoolYear, status: loaded.status, storedAt: null, files: loaded.files };
    return this.store.ruleSetVersion(version);
  }

  /** The dossier with its submissions (accepted and rejected, oldest first), state, enrolments and dues; undefined when it holds nothing. */
  dossier(siret: string): DossierView | undefined {
    return this.store.snapshot(() => {
      const row = this.store.dossier(siret);
      if (!row) return undefined;
      const entries = this.store.acceptedHistory(siret).entries;
      // The party as its latest accepted submission describes it: an RPI's communes change by avenant (art. 8).
      const party = entries.at(-1)?.document.party;
      return {
        ...row,
        ...dossierAccount(this.registry, entries),
        partyType: party?.type ?? null,
        communes: party?.type === 'rpi' ? (party.communes ?? []) : [],
        submissions: this.store.submissionsOf(siret),
      };
    });
  }

  /**
   * One page of dossiers, by name, each with its convention's state, its latest submission and
   * what it owes for `schoolYear` (duesYear(): the year « Sommes dues » opens on); only those whose
   * convention is in the state asked, when one is.
   */
  dossiers(query: DossierListQuery): { items: DossierListItem[]; total: number; schoolYear: string } {
    const schoolYear = this.duesYear();
    return this.store.snapshot(() => {
      const item = (d: DossierRow, entries: readonly AcceptedEntry[], state: DossierState): DossierListItem => {
        const line = duesLine(this.registry, d, entries, schoolYear);
        return {
          ...d,
          state,
          // A listed dossier holds at least one submission.
          last: this.store.recentSubmissions(1, d.siret)[0],
          dues: line ? { schoolCount: line.schoolCount, amount: line.amount, basis: line.basis } : null,
        };
      };
      const withState = (d: DossierRow) => {
        const entries = this.store.acceptedHistory(d.siret).entries;
        return { d, entries, state: dossierState(this.registry, entries) };
      };
      if (!query.convention) {
        const page = this.store.dossiers(query);
        return { total: page.total, schoolYear, items: page.items.map(withState).map((x) => item(x.d, x.entries, x.state)) };
      }
      // The state is the rules' decision, not a column: read for every dossier the search matches, then paged here.
      const matching = this.store
        .matchingDossiers(query)
        .map(withState)
        .filter((x) => x.state.status === query.convention);
      const from = (query.page - 1) * query.pageSize;
      return { total: matching.length, schoolYear, items: matching.slice(from, from + query.pageSize).map((x) => item(x.d, x.entries, x.state)) };
    });
  }

  /** The school year the lists of dues show when none is asked: today's, else the latest with rules in force (dues-list.ts). */
  duesYear(): string {
    return shownSchoolYear(this.registry, this.currentSchoolYear());
  }

  /**
   * What the dossier owes for one school year: `unknown_dossier` when it holds nothing,
   * `unknown_year` when no rule set gives that year's parameters.
   */
  dues(siret: string, schoolYear: string): { ok: true; dues: YearDues } | { ok: false; reason: 'unknown_dossier' | 'unknown_year' } {
    return this.store.snapshot(() => {
      if (!this.store.dossier(siret)) return { ok: false, reason: 'unknown_dossier' } as const;
      const dues = yearDues(this.registry, this.store.acceptedHistory(siret).entries, schoolYear);
      return dues ? ({ ok: true, dues } as const) : ({ ok: false, reason: 'unknown_year' } as const);
    });
  }

  /** The school year of today, at Paris time, by the service's clock. */
  currentSchoolYear(): string {
    return schoolYearOf(this.today());
  }

  /**
   * The documents received in a school year, by month at Paris time (September to August) and by
   * verdict: what the home page draws. A month with nothing counts nought in every verdict.
   */
  depositsByMonth(schoolYear: string): MonthDeposits[] {
    const months = schoolYearMonths(schoolYear);
    const counts = new Map(months.map((m) => [m, Object.fromEntries(VERDICT_CODES.map((c) => [c, 0])) as Record<VerdictCode, number>]));
    const from = startOfDay(`${months[0]}-01`, TIME_ZONE);
    const to = startOfDay(`${schoolYearMonths(nextSchoolYear(schoolYear))[0]}-01`, TIME_ZONE);
    for (const d of this.store.decisionsReceived(from, to)) {
      const month = counts.get(localDate(d.receivedAt, TIME_ZONE).slice(0, 7));
      if (month) month[verdictOfFindings({ status: d.status, findings: d.findings })]++;
    }
    return months.map((month) => ({ month, counts: counts.get(month)! }));
  }

  /**
   * What is owed for a school year over every dossier, by département of the schools enrolled
   * (dossier/account.ts), départements in the order of their codes; and how many dossiers owe.
   */
  duesByDepartement(schoolYear: string): { departements: Array<DepartementDues & { dossierCount: number }>; dossierCount: number } {
    return this.store.snapshot(() => {
      const totals = new Map<string, DepartementDues & { dossierCount: number }>();
      let dossierCount = 0;
      for (const siret of this.store.sirets()) {
        const shares = yearDuesByDepartement(this.registry, this.store.acceptedHistory(siret).entries, schoolYear).filter((d) => d.amount > 0);
        if (shares.length) dossierCount++;
        for (const d of shares) {
          const t = totals.get(d.departement) ?? { departement: d.departement, schoolCount: 0, amount: 0, dossierCount: 0 };
          totals.set(d.departement, {
            ...t,
            schoolCount: t.schoolCount + d.schoolCount,
            amount: Math.round((t.amount + d.amount) * 100) / 100,
            dossierCount: t.dossierCount + 1,
          });
        }
      }
      return { departements: [...totals.values()].sort((a, b) => a.departement.localeCompare(b.departement)), dossierCount };
    });
  }

  /**
   * What every dossier owes for a school year, with its titre, filtered; of one dossier only when
   * `siret` is given (a commune's token). `unknown_year` when no rule set is written for the year:
   * an académie-wide list is not made of years guessed from each dossier's older rules.
   */
  yearDuesList(
    schoolYear: string,
    filter: DuesFilter = {},
    siret?: string,
  ): { ok: true; lines: DuesLine[]; total: DuesTotal } | { ok: false; reason: 'unknown_year' } {
    if (!ruleSetFor(this.registry, schoolYear)) return { ok: false, reason: 'unknown_year' };
    return this.store.snapshot(() => {
      const lines: DuesLine[] = [];
      for (const d of this.store.allDossiers(siret)) {
        const line = duesLine(this.registry, d, this.store.acceptedHistory(d.siret).entries, schoolYear);
        if (line && matchesDuesFilter(line, filter)) lines.push(line);
      }
      return { ok: true as const, lines, total: duesTotal(lines) };
    });
  }

  /** Today in Montpellier, by the service's clock. */
  today(): string {
    return localDate(this.now().toISOString(), TIME_ZONE);
  }

  /**
   * The legal deadlines of every dossier (of one only when `siret` is given), coming first, each
   * coming or past as of today by the service's clock; within `from`..`to` when given.
   */
  deadlines(range: { from?: string; to?: string } = {}, siret?: string): { today: string; deadlines: Deadline[] } {
    const today = this.today();
    return this.store.snapshot(() => {
      const all: Deadline[] = [];
      for (const d of this.store.allDossiers(siret)) all.push(...deadlinesOf(this.registry, d, this.store.acceptedHistory(d.siret).entries, today));
      return { today, deadlines: sortDeadlines(all.filter((x) => inRange(x, range.from, range.to))) };
    });
  }

  private judging(registry: RuleRegistry, ref: RuleSetRef | null): JudgingRuleSet | null {
    if (!ref) return null;
    const rules = registry.ruleSets.find((r) => r.version === ref.version);
    if (!rules) throw new Error(`DossierService: rule set ${ref.version} judged a submission but is not in the registry`);
    return { schoolYear: rules.schoolYear, status: rules.status, version: rules.version, files: rules.files };
  }
}
