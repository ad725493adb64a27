import type { CheckResult, RuleSetRef } from '../domain/finding';
import type { Submission } from '../domain/submission';
import { needsReview } from '../domain/verdict';
import { sha256Hex } from '../documents/hash';
import { checkSubmission } from '../rules/check';
import type { RuleRegistry } from '../rules/registry';
import type { Store } from '../store/store';
import { newSubmissionId } from '../store/ids';
import type { AcceptedHistory, DossierQuery, DossierRow, JudgingRuleSet, StoredRuleSetVersion, StoredSubmission, SubmissionSummary } from '../store/types';
import { dossierAccount, dossierState, yearDues, type DossierAccount, type DossierState, type YearDues } from '../dossier/account';
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
 * on a history that is no longer the dossier's.
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

/**
 * A judged submission: what the rules said, what the store kept, and what its kept report was
 * rendered from (a page shows that report, never a second one with another clock).
 */
export type Judged = { result: CheckResult & { stage: 'rules' }; stored: StoredSubmission; report: ReportInput };

/** A check that keeps nothing: the verdict, and the report a page shows of it. */
export type Checked = { result: CheckResult & { stage: 'rules' }; report: ReportInput };

export interface DossierView extends DossierRow, DossierAccount {
  submissions: SubmissionSummary[];
}

export interface DossierListItem extends DossierRow {
  state: DossierState;
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

function rulesStage(result: CheckResult): CheckResult & { stage: 'rules' } {
  // checkSubmission is given a schema-valid submission: its verdict is always of the rules.
  if (result.stage !== 'rules') throw new Error('DossierService: a validated submission came back with a schema verdict');
  return result;
}

export class DossierService {
  private readonly queue = new KeyedMutex();
  private readonly now: () => Date;
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

  /** Judges a schema-valid submission against its dossier and keeps it, accepted or rejected, with its report. */
  submit(incoming: Incoming): Promise<Judged> {
    const receivedAt = this.now().toISOString();
    const siret = incoming.submission.party.siret;
    // The rule sets as they are on receipt, like `receivedAt`: a reload while the submission waits
    // its turn or while the rules run (they are async) must not take away the version judging it,
    // whose texts are kept with the decision.
    const registry: RuleRegistry = { ...this.registry };
    return this.queue.run(siret, async () => {
      for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
        const history = this.store.acceptedHistory(siret);
        const result = rulesStage(await checkSubmission(incoming.submission, documents(history), registry));
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
          needsReview: needsReview(result.findings),
          ruleSet: result.ruleSet,
          rawText: incoming.rawText,
          contentType: incoming.contentType,
          sha256: sha256Hex(incoming.rawText),
          findings: result.findings,
          document: incoming.submission,
        };
        const report = storedReportInput({ submission: summary, ruleSet, storedAt });
        const written = this.store.recordSubmission({ ...summary, storedAt, ruleSet, reportHtml: this.renderReport(report) }, history.head);
        if (written.ok) return { result, stored: written.submission, report };
      }
      throw new ConcurrentWriteError(siret, this.maxAttempts);
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

  /** The latest submissions, newest first; of one dossier only when `siret` is given. */
  recent(limit: number, siret?: string): SubmissionSummary[] {
    return this.store.recentSubmissions(limit, siret);
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
      return { ...row, ...dossierAccount(this.registry, this.store.acceptedHistory(siret).entries), submissions: this.store.submissionsOf(siret) };
    });
  }

  dossiers(query: DossierQuery): { items: DossierListItem[]; total: number } {
    return this.store.snapshot(() => {
      const page = this.store.dossiers(query);
      return { total: page.total, items: page.items.map((d) => ({ ...d, state: dossierState(this.registry, this.store.acceptedHistory(d.siret).entries) })) };
    });
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

  private judging(registry: RuleRegistry, ref: RuleSetRef | null): JudgingRuleSet | null {
    if (!ref) return null;
    const rules = registry.ruleSets.find((r) => r.version === ref.version);
    if (!rules) throw new Error(`DossierService: rule set ${ref.version} judged a submission but is not in the registry`);
    return { schoolYear: rules.schoolYear, status: rules.status, version: rules.version, files: rules.files };
  }
}
