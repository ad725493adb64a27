import type { Statement } from 'better-sqlite3';
import type { Finding, RuleSetFile } from '../domain/finding';
import type { Kind, Submission } from '../domain/submission';
import { verdictSummary, type VerdictCode } from '../domain/verdict';
import { documentDate } from '../contract/document-date';
import { TIME_ZONE } from '../wording/format';
import { openDatabase, type Db, type OpenOptions } from './database';
import { fold, naturalKey } from './fold';
import { appendEntry } from './ledger';
import type {
  AcceptedHistory,
  ChainLink,
  Decision,
  DossierHead,
  DossierQuery,
  DossierRow,
  DossierStreamRow,
  ImpactCandidates,
  IdempotencyKey,
  KeyUse,
  NewSubmission,
  NewWithdrawal,
  ReceivedDecision,
  RecordResult,
  RuleSetHistoryEntry,
  StoredRuleSetVersion,
  StoredSubmission,
  SubmissionSummary,
  Withdrawal,
  WithdrawalResult,
} from './types';

/**
 * The dossiers' submissions, their reports and the rule sets that judged them, in one SQLite file.
 * Append-only: a row is written once, in a transaction, and never changed (triggers enforce it).
 * Synchronous like better-sqlite3: the caller serialises what must be (see service/dossier-service.ts).
 * The store only stores: what it keeps (ids, instants, fingerprints, the report's HTML) is handed
 * to it, so that it reads no clock, renders nothing and loads no template.
 */

export type StoreOptions = OpenOptions;

interface SubmissionRow {
  id: string;
  siret: string;
  party_name: string;
  kind: string;
  school_year: string;
  received_at: string;
  status: string;
  stage: string;
  rule_set_school_year: string | null;
  rule_set_version: string | null;
  rule_set_status: string | null;
  /** The findings that failed or were left to a person, as a JSON array: what the verdict is made of. */
  notable_findings: string;
  document: string;
  withdrawal_reason: string | null;
  withdrawn_at: string | null;
  withdrawal_author: string | null;
  withdrawal_token_id: string | null;
}

interface FullSubmissionRow extends SubmissionRow {
  raw_text: string;
  content_type: string;
  sha256: string;
  findings: string;
  chain_position: number | null;
  chain_previous: string | null;
  chain_sha256: string | null;
}

const SUMMARY_COLUMNS = `s.id, s.siret, s.party_name, s.kind, s.school_year, s.received_at, s.status, s.stage,
  s.rule_set_school_year, s.rule_set_version, v.status AS rule_set_status, s.document,
  (SELECT json_group_array(json(f.value)) FROM json_each(s.findings) f WHERE json_extract(f.value, '$.outcome') IN ('fail', 'review')) AS notable_findings,
  w.reason AS withdrawal_reason, w.withdrawn_at, w.author AS withdrawal_author, w.token_id AS withdrawal_token_id`;
const FROM_SUBMISSIONS = `FROM submissions s LEFT JOIN rule_set_versions v ON v.version = s.rule_set_version
  LEFT JOIN withdrawals w ON w.submission_id = s.id`;
/** A submission the impact of a year's rules judges again (see ImpactCandidates). */
const CANDIDATE = `(s.school_year IN (SELECT value FROM json_each(:years)) OR s.rule_set_school_year = :judgedBy)`;
/** Accepted and not withdrawn: what makes a dossier's state. */
const COUNTS = `s.status = 'accepted' AND NOT EXISTS (SELECT 1 FROM withdrawals x WHERE x.submission_id = s.id)`;

const NEEDS_REVIEW = `EXISTS (SELECT 1 FROM json_each(s.findings) f WHERE json_extract(f.value, '$.outcome') = 'review')`;

/** Each verdict as a condition on a submission's row, as src/domain/verdict.ts decides it. */
const HAS_RESERVES = `EXISTS (SELECT 1 FROM json_each(s.findings) f WHERE json_extract(f.value, '$.outcome') = 'fail' AND json_extract(f.value, '$.severity') = 'warning')`;
const VERDICT_SQL: Record<VerdictCode, string> = {
  non_conforme: `s.status = 'rejected'`,
  a_examiner: `(s.status = 'accepted' AND ${NEEDS_REVIEW})`,
  conforme_avec_reserves: `(s.status = 'accepted' AND NOT ${NEEDS_REVIEW} AND ${HAS_RESERVES})`,
  conforme: `(s.status = 'accepted' AND NOT ${NEEDS_REVIEW} AND NOT ${HAS_RESERVES})`,
};

/** What « À traiter » asks: submissions of some verdicts, not withdrawn, of a year, kind or dossier. */
export interface VerdictQuery {
  verdicts: readonly VerdictCode[];
  schoolYear?: string;
  kind?: Kind;
  siret?: string;
  page: number;
  pageSize: number;
}

function summary(r: SubmissionRow, document = JSON.parse(r.document) as Submission): SubmissionSummary {
  const status = r.status as Decision;
  return {
    id: r.id,
    siret: r.siret,
    partyName: r.party_name,
    kind: r.kind as Kind,
    schoolYear: r.school_year,
    receivedAt: r.received_at,
    status,
    stage: 'rules',
    ...verdictSummary(status, JSON.parse(r.notable_findings) as Finding[]),
    documentDate: documentDate(document, TIME_ZONE),
    ruleSet: judgingRuleSet(r),
    withdrawal:
      r.withdrawn_at === null
        ? null
        : { submissionId: r.id, reason: r.withdrawal_reason!, withdrawnAt: r.withdrawn_at, author: r.withdrawal_author!, tokenId: r.withdrawal_token_id },
  };
}

function judgingRuleSet(r: Pick<SubmissionRow, 'rule_set_school_year' | 'rule_set_version' | 'rule_set_status'>): SubmissionSummary['ruleSet'] {
  return r.rule_set_version && r.rule_set_school_year
    ? { schoolYear: r.rule_set_school_year, version: r.rule_set_version, status: r.rule_set_status === 'draft' ? 'draft' : 'in_force' }
    : null;
}

function full(r: FullSubmissionRow): StoredSubmission {
  const document = JSON.parse(r.document) as Submission;
  return {
    ...summary(r, document),
    rawText: r.raw_text,
    contentType: r.content_type,
    sha256: r.sha256,
    findings: JSON.parse(r.findings) as Finding[],
    document,
    chain: r.chain_position === null ? null : { position: r.chain_position, previousSha256: r.chain_previous!, sha256: r.chain_sha256! },
  };
}

/** The dossier's name: its latest accepted submission's (not withdrawn), else its latest submission's. */
const DOSSIERS_CTE = `WITH d AS (
  SELECT s.siret AS siret,
    COUNT(*) AS submission_count,
    MAX(s.received_at) AS last_received_at,
    COALESCE(
      (SELECT a.party_name FROM submissions a WHERE a.siret = s.siret AND a.status = 'accepted'
         AND NOT EXISTS (SELECT 1 FROM withdrawals x WHERE x.submission_id = a.id) ORDER BY a.seq DESC LIMIT 1),
      (SELECT a.party_name FROM submissions a WHERE a.siret = s.siret ORDER BY a.seq DESC LIMIT 1)
    ) AS name
  FROM submissions s GROUP BY s.siret
)`;
const DOSSIERS_WHERE = `WHERE (:siret IS NULL OR d.siret = :siret) AND (:q IS NULL OR instr(fold(d.name), fold(:q)) > 0 OR substr(d.siret, 1, length(:q)) = :q)`;

/** Dossiers whose accepted history is kept in memory, at most. */
const HISTORIES_KEPT = 1000;

/** Frozen through and through: an object shared between requests that no one may change. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

export class Store {
  constructor(readonly db: Db) {
    db.function('fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? fold(text) : null));
    db.function('natural_key', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? naturalKey(text) : null));
  }

  /** Opens (and creates, and migrates) the file at `path`. */
  static open(path: string, options: StoreOptions = {}): Store {
    return new Store(openDatabase(path, options));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private readonly statements = new Map<string, Statement>();

  /** Each SQL text is prepared once: preparing cost more than running, on every request. */
  private sql(text: string): Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  /** Runs several reads on one snapshot of the file, so that they agree with each other (WAL readers see a fixed state). */
  snapshot<T>(read: () => T): T {
    return this.db.transaction(read).deferred();
  }

  /**
   * The count and the last of the dossier's accepted submissions not withdrawn. A withdrawal
   * changes it as an acceptance does: new acceptances come last and withdrawals are for ever, so
   * an unchanged head (same count, same last) means no acceptance and no withdrawal happened.
   */
  head(siret: string): DossierHead {
    const r = this.sql(
      `SELECT COUNT(*) AS n, (SELECT s.id FROM submissions s WHERE s.siret = :siret AND ${COUNTS} ORDER BY s.seq DESC LIMIT 1) AS last
        FROM submissions s WHERE s.siret = :siret AND ${COUNTS}`,
    ).get({ siret }) as { n: number; last: string | null };
    return { acceptedCount: r.n, lastAcceptedId: r.last };
  }

  /**
   * Accepted histories read lately, by SIRET, while the file has not changed: POST /api/check
   * reads its dossier's history on every request, and the query with its JSON documents cost
   * several times what asking SQLite whether anything changed does. `PRAGMA data_version` moves
   * when another connection (another process, a batch thread) commits; this connection's own
   * writes go through `recordSubmission` and `recordWithdrawal`, which forget what they change
   * (the dossier written, or every history for a withdrawal). Entries are frozen:
   * the same objects serve every request until the dossier changes.
   */
  private readonly histories = new Map<string, AcceptedHistory>();
  private historiesVersion: unknown;
  private dataVersion?: Statement;

  /** The dossier's accepted submissions not withdrawn, oldest first, and the head they make: what the evaluator is given. */
  acceptedHistory(siret: string): AcceptedHistory {
    const version = (this.dataVersion ??= this.db.prepare('PRAGMA data_version').pluck()).get();
    if (version !== this.historiesVersion) {
      this.histories.clear();
      this.historiesVersion = version;
    }
    const cached = this.histories.get(siret);
    if (cached) {
      // Most recently used last: the first in the map is the one to let go.
      this.histories.delete(siret);
      this.histories.set(siret, cached);
      return cached;
    }
    // Only what judging needs: the summaries' other columns (the verdict walks every finding in
    // JSON) cost more than the rules themselves on POST /api/check.
    const rows = this.sql(
      `SELECT s.id, s.rule_set_school_year, s.rule_set_version, v.status AS rule_set_status, s.document FROM submissions s LEFT JOIN rule_set_versions v ON v.version = s.rule_set_version WHERE s.siret = ? AND ${COUNTS} ORDER BY s.seq`,
    ).all(siret) as Array<Pick<SubmissionRow, 'id' | 'rule_set_school_year' | 'rule_set_version' | 'rule_set_status'> & { document: string }>;
    const history: AcceptedHistory = deepFreeze({
      head: { acceptedCount: rows.length, lastAcceptedId: rows.at(-1)?.id ?? null },
      entries: rows.map((r) => ({ id: r.id, ruleSet: judgingRuleSet(r), document: JSON.parse(r.document) as Submission })),
    });
    if (this.histories.size >= HISTORIES_KEPT) this.histories.delete(this.histories.keys().next().value as string);
    this.histories.set(siret, history);
    return history;
  }

  /**
   * Keeps a judged submission with its report and its entry in the register's chain, in one
   * transaction, provided that
   *  - no identical document (same SHA-256) is in the dossier that this one would only repeat
   *    (`duplicateOf`): else writes nothing and returns it;
   *  - the client's key, when one is given, was not used meanwhile: else writes nothing and says
   *    what it was used for;
   *  - the dossier's accepted history is still the one it was judged against (`expected`): else
   *    writes nothing and says so, and the caller judges it again.
   * BEGIN IMMEDIATE takes the write lock before the checks, so no other connection can slip a
   * write in between.
   */
  recordSubmission(input: NewSubmission, expected: DossierHead, key?: IdempotencyKey): RecordResult {
    return this.db
      .transaction((): RecordResult => {
        if (key) {
          const use = this.keyUse(key);
          if (use) return { ok: false, reason: 'key_used', use };
        }
        const existing = this.duplicateOf(input.siret, input.sha256, input.ruleSet?.version ?? null);
        if (existing) return { ok: false, reason: 'duplicate', existing };
        const now = this.head(input.siret);
        // Whatever comes of it, this dossier's kept history is not to be trusted any more.
        this.histories.delete(input.siret);
        if (now.acceptedCount !== expected.acceptedCount || now.lastAcceptedId !== expected.lastAcceptedId) return { ok: false, reason: 'stale', head: now };
        const { id, storedAt } = input;
        if (input.ruleSet) {
          this.sql('INSERT OR IGNORE INTO rule_set_versions (version, school_year, status, files, stored_at) VALUES (?, ?, ?, ?, ?)').run(
            input.ruleSet.version,
            input.ruleSet.schoolYear,
            input.ruleSet.status,
            JSON.stringify(input.ruleSet.files),
            storedAt,
          );
        }
        this.sql(
          `INSERT INTO submissions (id, siret, party_name, kind, school_year, raw_text, content_type, sha256, received_at, status, stage,
             rule_set_school_year, rule_set_version, findings, document)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'rules', ?, ?, ?, ?)`,
        ).run(
          id,
          input.siret,
          input.partyName,
          input.kind,
          input.schoolYear,
          input.rawText,
          input.contentType,
          input.sha256,
          input.receivedAt,
          input.status,
          input.ruleSet?.schoolYear ?? null,
          input.ruleSet?.version ?? null,
          JSON.stringify(input.findings),
          JSON.stringify(input.document),
        );
        this.sql('INSERT INTO reports (submission_id, html, created_at) VALUES (?, ?, ?)').run(id, input.reportHtml, storedAt);
        appendEntry(this.db, 'submission', id);
        if (key) this.insertKeyUse(key, { requestSha256: input.sha256, submissionId: id, outcome: 'stored' }, storedAt);
        return { ok: true, submission: this.submission(id)! };
      })
      .immediate();
  }

  /**
   * The submission of the dossier, not withdrawn, that a deposit of a text with this SHA-256
   * would only repeat: an accepted one (it is in the dossier already); or a rejected one that the
   * same rules (`judgingVersion`) rejected on the dossier as it still is — no acceptance and no
   * withdrawal since. A document rejected before the dossier changed (a termination sent before
   * its formal notice) or before the rules did is not a repeat: it is judged again.
   */
  duplicateOf(siret: string, sha256: string, judgingVersion: string | null): StoredSubmission | undefined {
    const id = this.sql(
      `SELECT s.id FROM submissions s
       WHERE s.siret = :siret AND s.sha256 = :sha256 AND NOT EXISTS (SELECT 1 FROM withdrawals x WHERE x.submission_id = s.id)
         AND (s.status = 'accepted' OR (
           s.rule_set_version IS :version
           AND NOT EXISTS (SELECT 1 FROM submissions a WHERE a.siret = s.siret AND a.status = 'accepted' AND a.seq > s.seq)
           AND NOT EXISTS (
             SELECT 1 FROM withdrawals w
               JOIN submissions ws ON ws.id = w.submission_id
               JOIN ledger lw ON lw.entry_type = 'withdrawal' AND lw.entry_id = w.submission_id
               JOIN ledger ls ON ls.entry_type = 'submission' AND ls.entry_id = s.id
             WHERE ws.siret = s.siret AND ws.status = 'accepted' AND lw.seq > ls.seq)))
       ORDER BY s.status = 'accepted' DESC, s.seq DESC LIMIT 1`,
    )
      .pluck()
      .get({ siret, sha256, version: judgingVersion }) as string | undefined;
    return id === undefined ? undefined : this.submission(id);
  }

  /** What a client's key was first used for, if it was. */
  keyUse(key: IdempotencyKey): KeyUse | undefined {
    const r = this.sql('SELECT request_sha256, submission_id, outcome FROM idempotency_keys WHERE scope = ? AND key = ?').get(key.scope, key.key) as
      { request_sha256: string; submission_id: string; outcome: 'stored' | 'duplicate' } | undefined;
    return r && { requestSha256: r.request_sha256, submissionId: r.submission_id, outcome: r.outcome };
  }

  /**
   * Remembers that a key was answered with an existing submission (a duplicate), unless it was
   * used meanwhile: then returns that first use.
   */
  recordKeyUse(key: IdempotencyKey, use: KeyUse, createdAt: string): { ok: true } | { ok: false; use: KeyUse } {
    return this.db
      .transaction(() => {
        const first = this.keyUse(key);
        if (first) return { ok: false as const, use: first };
        this.insertKeyUse(key, use, createdAt);
        return { ok: true as const };
      })
      .immediate();
  }

  private insertKeyUse(key: IdempotencyKey, use: KeyUse, createdAt: string): void {
    this.sql('INSERT INTO idempotency_keys (scope, key, request_sha256, submission_id, outcome, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      key.scope,
      key.key,
      use.requestSha256,
      use.submissionId,
      use.outcome,
      createdAt,
    );
  }

  /**
   * Keeps a withdrawal and its entry in the chain, in one transaction: refused for a submission
   * that does not exist or is withdrawn already (the table's key would refuse it too).
   */
  recordWithdrawal(input: NewWithdrawal): WithdrawalResult {
    return this.db
      .transaction((): WithdrawalResult => {
        // A withdrawal takes a submission out of its dossier's history: none of those kept is to be
        // trusted any more (withdrawals are rare; forgetting all is simpler than finding the one).
        this.histories.clear();
        if (this.siretOf(input.submissionId) === undefined) return { ok: false, reason: 'unknown_submission' };
        const already = this.withdrawal(input.submissionId);
        if (already) return { ok: false, reason: 'already_withdrawn', withdrawal: already };
        this.sql('INSERT INTO withdrawals (submission_id, reason, withdrawn_at, author, token_id) VALUES (?, ?, ?, ?, ?)').run(
          input.submissionId,
          input.reason,
          input.withdrawnAt,
          input.author,
          input.tokenId,
        );
        const entry = appendEntry(this.db, 'withdrawal', input.submissionId);
        return {
          ok: true,
          withdrawal: this.withdrawal(input.submissionId)!,
          entry: { position: entry.seq, previousSha256: entry.previous_sha256, sha256: entry.sha256 },
        };
      })
      .immediate();
  }

  withdrawal(submissionId: string): Withdrawal | undefined {
    const r = this.sql('SELECT submission_id, reason, withdrawn_at, author, token_id FROM withdrawals WHERE submission_id = ?').get(submissionId) as
      { submission_id: string; reason: string; withdrawn_at: string; author: string; token_id: string | null } | undefined;
    return r && { submissionId: r.submission_id, reason: r.reason, withdrawnAt: r.withdrawn_at, author: r.author, tokenId: r.token_id };
  }

  /** The entry of a withdrawal in the chain. */
  withdrawalLink(submissionId: string): ChainLink | undefined {
    const r = this.sql("SELECT seq, previous_sha256, sha256 FROM ledger WHERE entry_type = 'withdrawal' AND entry_id = ?").get(submissionId) as
      { seq: number; previous_sha256: string; sha256: string } | undefined;
    return r && { position: r.seq, previousSha256: r.previous_sha256, sha256: r.sha256 };
  }

  submission(id: string): StoredSubmission | undefined {
    const r = this.sql(
      `SELECT ${SUMMARY_COLUMNS}, s.raw_text, s.content_type, s.sha256, s.findings,
         l.seq AS chain_position, l.previous_sha256 AS chain_previous, l.sha256 AS chain_sha256
       ${FROM_SUBMISSIONS} LEFT JOIN ledger l ON l.entry_type = 'submission' AND l.entry_id = s.id WHERE s.id = ?`,
    ).get(id) as FullSubmissionRow | undefined;
    return r && full(r);
  }

  /** The dossier a submission belongs to, without reading the rest: access checks ask it on every request. */
  siretOf(id: string): string | undefined {
    return this.sql('SELECT siret FROM submissions WHERE id = ?').pluck().get(id) as string | undefined;
  }

  /** Every submission of the dossier, accepted and rejected, oldest first. */
  submissionsOf(siret: string): SubmissionSummary[] {
    const rows = this.sql(`SELECT ${SUMMARY_COLUMNS} ${FROM_SUBMISSIONS} WHERE s.siret = ? ORDER BY s.seq`).all(siret) as SubmissionRow[];
    return rows.map((r) => summary(r));
  }

  /** The latest submissions of every dossier, newest first: the home page's list; of one dossier only when `siret` is given. */
  recentSubmissions(limit: number, siret?: string): SubmissionSummary[] {
    const rows = (
      siret === undefined
        ? this.sql(`SELECT ${SUMMARY_COLUMNS} ${FROM_SUBMISSIONS} ORDER BY s.seq DESC LIMIT ?`).all(limit)
        : this.sql(`SELECT ${SUMMARY_COLUMNS} ${FROM_SUBMISSIONS} WHERE s.siret = ? ORDER BY s.seq DESC LIMIT ?`).all(siret, limit)
    ) as SubmissionRow[];
    return rows.map((r) => summary(r));
  }

  /**
   * Every submission received from `from` (included) to `to` (excluded), ISO instants as stored,
   * oldest first: when it came, what was decided, and the findings a verdict is made of (those
   * that failed or were left to a person), for the figures of the home page.
   */
  decisionsReceived(from: string, to: string): ReceivedDecision[] {
    const rows = this.sql(
      `SELECT s.received_at, s.status,
         (SELECT json_group_array(json_object('outcome', json_extract(f.value, '$.outcome'), 'severity', json_extract(f.value, '$.severity')))
            FROM json_each(s.findings) f WHERE json_extract(f.value, '$.outcome') IN ('fail', 'review')) AS notable
       FROM submissions s WHERE s.received_at >= ? AND s.received_at < ? ORDER BY s.seq`,
    ).all(from, to) as Array<{ received_at: string; status: string; notable: string }>;
    return rows.map((r) => ({ receivedAt: r.received_at, status: r.status as Decision, findings: JSON.parse(r.notable) as ReceivedDecision['findings'] }));
  }

  /** The SIRET of every dossier. */
  sirets(): string[] {
    return this.sql('SELECT DISTINCT siret FROM submissions ORDER BY siret').pluck().all() as string[];
  }

  /** Submissions of the verdicts asked, not withdrawn (a withdrawn one waits for nothing), newest first, a page at a time, and how many match. */
  submissionsByVerdict(query: VerdictQuery): { items: SubmissionSummary[]; total: number } {
    if (query.verdicts.length === 0) return { items: [], total: 0 };
    const where = `WHERE w.submission_id IS NULL AND (${query.verdicts.map((v) => VERDICT_SQL[v]).join(' OR ')})
      AND (:year IS NULL OR s.school_year = :year) AND (:kind IS NULL OR s.kind = :kind) AND (:siret IS NULL OR s.siret = :siret)`;
    const params = { year: query.schoolYear ?? null, kind: query.kind ?? null, siret: query.siret ?? null };
    return this.snapshot(() => {
      const total = this.sql(`SELECT COUNT(*) ${FROM_SUBMISSIONS} ${where}`).pluck().get(params) as number;
      const rows = this.sql(`SELECT ${SUMMARY_COLUMNS} ${FROM_SUBMISSIONS} ${where} ORDER BY s.seq DESC LIMIT :limit OFFSET :offset`).all({
        ...params,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      }) as SubmissionRow[];
      return { items: rows.map((r) => summary(r)), total };
    });
  }

  /** When the verdict on a submission was recorded (its report's time of the check). */
  reportCreatedAt(submissionId: string): string | undefined {
    return this.sql('SELECT created_at FROM reports WHERE submission_id = ?').pluck().get(submissionId) as string | undefined;
  }

  report(submissionId: string): string | undefined {
    return this.sql('SELECT html FROM reports WHERE submission_id = ?').pluck().get(submissionId) as string | undefined;
  }

  dossier(siret: string): DossierRow | undefined {
    const r = this.sql(`${DOSSIERS_CTE} SELECT * FROM d WHERE d.siret = ?`).get(siret) as DossierDbRow | undefined;
    return r && dossierRow(r);
  }

  /** Every dossier by name then SIRET, or the one given: the académie-wide lists (dues, deadlines) walk them all. */
  allDossiers(siret?: string): DossierRow[] {
    const rows = this.sql(`${DOSSIERS_CTE} SELECT * FROM d WHERE (:siret IS NULL OR d.siret = :siret) ORDER BY fold(d.name), d.siret`).all({
      siret: siret ?? null,
    }) as DossierDbRow[];
    return rows.map(dossierRow);
  }

  /**
   * Every dossier a search matches, in the order of the list's pages: for a list filtered by what
   * SQL does not read (the convention's state, decided by the rules), which pages it itself.
   */
  matchingDossiers(query: Pick<DossierQuery, 'q' | 'siret'>): DossierRow[] {
    const q = query.q?.trim() ? query.q.trim() : null;
    const rows = this.sql(`${DOSSIERS_CTE} SELECT * FROM d ${DOSSIERS_WHERE} ORDER BY natural_key(d.name), d.siret`).all({
      q,
      siret: query.siret ?? null,
    }) as DossierDbRow[];
    return rows.map(dossierRow);
  }

  /** One page of dossiers, by name then SIRET, and how many match in all. */
  dossiers(query: DossierQuery): { items: DossierRow[]; total: number } {
    const q = query.q?.trim() ? query.q.trim() : null;
    const siret = query.siret ?? null;
    // The page and the total are read on one snapshot, so that they agree.
    return this.snapshot(() => {
      const total = this.sql(`${DOSSIERS_CTE} SELECT COUNT(*) FROM d ${DOSSIERS_WHERE}`).pluck().get({ q, siret }) as number;
      const rows = this.sql(`${DOSSIERS_CTE} SELECT * FROM d ${DOSSIERS_WHERE} ORDER BY natural_key(d.name), d.siret LIMIT :limit OFFSET :offset`).all({
        q,
        siret,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      }) as DossierDbRow[];
      return { items: rows.map(dossierRow), total };
    });
  }

  /**
   * How many submissions, not withdrawn, are of these school years or were judged by rules of
   * `judgedBy`'s year: those the impact of that year's rules judges again.
   */
  countOfCandidates(candidates: ImpactCandidates): number {
    return this.sql(`SELECT COUNT(*) FROM submissions s WHERE ${CANDIDATE} AND NOT EXISTS (SELECT 1 FROM withdrawals x WHERE x.submission_id = s.id)`)
      .pluck()
      .get({ years: JSON.stringify(candidates.years), judgedBy: candidates.judgedBy }) as number;
  }

  /** The version of a school year's rules that judged the latest submission they judged, if they judged one. */
  latestVersionOf(schoolYear: string): string | undefined {
    return this.sql('SELECT rule_set_version FROM submissions WHERE rule_set_school_year = ? AND rule_set_version IS NOT NULL ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get(schoolYear) as string | undefined;
  }

  /**
   * Every dossier, submission by submission in the order they were written, as the impact of a
   * year's rules needs them: the candidates (with their stored findings) and the accepted ones (the
   * history); none withdrawn, which are out of their dossier's state. Read `batchSize` rows at a
   * time by the dossiers' index, each batch after the last row of the one before: memory holds one
   * batch, whatever the store's size, and no statement stays open between two rows, so that the
   * caller may wait on the rules engine, and the server answer other requests on the same
   * connection, while it reads.
   */
  *dossierStream(candidates: ImpactCandidates, batchSize = 500): Generator<DossierStreamRow> {
    const statement = this.sql(
      `SELECT s.seq, s.id, s.siret, s.party_name, s.kind, s.school_year, s.received_at, s.status,
         s.rule_set_school_year, s.rule_set_version, v.status AS rule_set_status,
         CASE WHEN ${CANDIDATE} THEN s.findings END AS findings, s.document
       FROM submissions s LEFT JOIN rule_set_versions v ON v.version = s.rule_set_version
       WHERE (s.siret, s.seq) > (:siret, :seq) AND (s.status = 'accepted' OR ${CANDIDATE})
         AND NOT EXISTS (SELECT 1 FROM withdrawals x WHERE x.submission_id = s.id)
       ORDER BY s.siret, s.seq LIMIT :limit`,
    );
    const years = JSON.stringify(candidates.years);
    let siret = '';
    let seq = -1;
    for (;;) {
      const rows = statement.all({ years, judgedBy: candidates.judgedBy, siret, seq, limit: batchSize }) as Array<
        Pick<
          SubmissionRow,
          'id' | 'siret' | 'party_name' | 'kind' | 'school_year' | 'received_at' | 'status' | 'rule_set_school_year' | 'rule_set_version' | 'rule_set_status'
        > & {
          seq: number;
          findings: string | null;
          document: string;
        }
      >;
      for (const r of rows) {
        yield {
          seq: r.seq,
          id: r.id,
          siret: r.siret,
          partyName: r.party_name,
          kind: r.kind as Kind,
          schoolYear: r.school_year,
          receivedAt: r.received_at,
          status: r.status as Decision,
          ruleSet: judgingRuleSet(r),
          findings: r.findings === null ? null : (JSON.parse(r.findings) as Finding[]),
          document: JSON.parse(r.document) as Submission,
        };
      }
      if (rows.length < batchSize) return;
      siret = rows[rows.length - 1].siret;
      seq = rows[rows.length - 1].seq;
    }
  }

  /**
   * Appends a version of a year's rules to its history, with its resolved texts also among the
   * versions a decision may name (rule_set_versions). A version already in the year's history is
   * not written again: false.
   */
  recordRuleSetHistory(entry: RuleSetHistoryEntry): boolean {
    return this.db
      .transaction((): boolean => {
        const known = this.sql('SELECT 1 FROM rule_set_history WHERE school_year = ? AND version = ?').get(entry.schoolYear, entry.version);
        if (known) return false;
        this.sql('INSERT OR IGNORE INTO rule_set_versions (version, school_year, status, files, stored_at) VALUES (?, ?, ?, ?, ?)').run(
          entry.version,
          entry.schoolYear,
          entry.status,
          JSON.stringify(entry.files),
          entry.createdAt,
        );
        this.sql(
          `INSERT INTO rule_set_history (school_year, version, status, created_at, created_by, published_at, reason, previous_version, files, sources)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          entry.schoolYear,
          entry.version,
          entry.status,
          entry.createdAt,
          entry.createdBy,
          entry.publishedAt,
          entry.reason,
          entry.previousVersion,
          JSON.stringify(entry.files),
          JSON.stringify(entry.sources),
        );
        return true;
      })
      .immediate();
  }

  /** The versions of a year's rules, in the order they were made. */
  ruleSetHistory(schoolYear: string): RuleSetHistoryEntry[] {
    const rows = this.sql(
      `SELECT school_year, version, status, created_at, created_by, published_at, reason, previous_version, files, sources
       FROM rule_set_history WHERE school_year = ? ORDER BY seq`,
    ).all(schoolYear) as Array<Record<string, string | null>>;
    return rows.map((r) => ({
      schoolYear: r.school_year!,
      version: r.version!,
      status: r.status === 'in_force' ? 'in_force' : 'draft',
      createdAt: r.created_at!,
      createdBy: r.created_by!,
      publishedAt: r.published_at,
      reason: r.reason,
      previousVersion: r.previous_version,
      files: JSON.parse(r.files!) as RuleSetFile[],
      sources: JSON.parse(r.sources!) as RuleSetFile[],
    }));
  }

  ruleSetVersion(version: string): StoredRuleSetVersion | undefined {
    const r = this.sql('SELECT version, school_year, status, files, stored_at FROM rule_set_versions WHERE version = ?').get(version) as
      { version: string; school_year: string; status: string; files: string; stored_at: string } | undefined;
    return (
      r && {
        version: r.version,
        schoolYear: r.school_year,
        status: r.status === 'draft' ? 'draft' : 'in_force',
        files: JSON.parse(r.files) as RuleSetFile[],
        storedAt: r.stored_at,
      }
    );
  }
}

interface DossierDbRow {
  siret: string;
  name: string;
  submission_count: number;
  last_received_at: string;
}

function dossierRow(r: DossierDbRow): DossierRow {
  return { siret: r.siret, name: r.name, submissionCount: r.submission_count, lastReceivedAt: r.last_received_at };
}
