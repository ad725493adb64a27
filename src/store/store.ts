import type { Statement } from 'better-sqlite3';
import type { Finding, RuleSetFile } from '../domain/finding';
import type { Kind, Submission } from '../domain/submission';
import { openDatabase, type Db, type OpenOptions } from './database';
import { fold } from './fold';
import type {
  AcceptedHistory,
  Decision,
  DossierHead,
  DossierQuery,
  DossierRow,
  NewSubmission,
  RecordResult,
  StoredRuleSetVersion,
  StoredSubmission,
  SubmissionSummary,
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
  needs_review: number;
}

interface FullSubmissionRow extends SubmissionRow {
  raw_text: string;
  content_type: string;
  sha256: string;
  findings: string;
  document: string;
}

const SUMMARY_COLUMNS = `s.id, s.siret, s.party_name, s.kind, s.school_year, s.received_at, s.status, s.stage,
  s.rule_set_school_year, s.rule_set_version, v.status AS rule_set_status,
  EXISTS (SELECT 1 FROM json_each(s.findings) f WHERE json_extract(f.value, '$.outcome') = 'review') AS needs_review`;
const FROM_SUBMISSIONS = 'FROM submissions s LEFT JOIN rule_set_versions v ON v.version = s.rule_set_version';

function summary(r: SubmissionRow): SubmissionSummary {
  return {
    id: r.id,
    siret: r.siret,
    partyName: r.party_name,
    kind: r.kind as Kind,
    schoolYear: r.school_year,
    receivedAt: r.received_at,
    status: r.status as Decision,
    stage: 'rules',
    needsReview: r.needs_review === 1,
    ruleSet: judgingRuleSet(r),
  };
}

function judgingRuleSet(r: Pick<SubmissionRow, 'rule_set_school_year' | 'rule_set_version' | 'rule_set_status'>): SubmissionSummary['ruleSet'] {
  return r.rule_set_version && r.rule_set_school_year
    ? { schoolYear: r.rule_set_school_year, version: r.rule_set_version, status: r.rule_set_status === 'draft' ? 'draft' : 'in_force' }
    : null;
}

function full(r: FullSubmissionRow): StoredSubmission {
  return {
    ...summary(r),
    rawText: r.raw_text,
    contentType: r.content_type,
    sha256: r.sha256,
    findings: JSON.parse(r.findings) as Finding[],
    document: JSON.parse(r.document) as Submission,
  };
}

/** The dossier's name: its latest accepted submission's, else its latest submission's. */
const DOSSIERS_CTE = `WITH d AS (
  SELECT s.siret AS siret,
    COUNT(*) AS submission_count,
    MAX(s.received_at) AS last_received_at,
    COALESCE(
      (SELECT a.party_name FROM submissions a WHERE a.siret = s.siret AND a.status = 'accepted' ORDER BY a.seq DESC LIMIT 1),
      (SELECT a.party_name FROM submissions a WHERE a.siret = s.siret ORDER BY a.seq DESC LIMIT 1)
    ) AS name
  FROM submissions s GROUP BY s.siret
)`;
const DOSSIERS_WHERE = `WHERE (:siret IS NULL OR d.siret = :siret) AND (:q IS NULL OR instr(fold(d.name), fold(:q)) > 0 OR substr(d.siret, 1, length(:q)) = :q)`;

export class Store {
  constructor(readonly db: Db) {
    db.function('fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? fold(text) : null));
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

  head(siret: string): DossierHead {
    const r = this.sql(`SELECT COUNT(*) AS n, (SELECT id FROM submissions WHERE siret = :siret AND status = 'accepted' ORDER BY seq DESC LIMIT 1) AS last
        FROM submissions WHERE siret = :siret AND status = 'accepted'`)
      .get({ siret }) as { n: number; last: string | null };
    return { acceptedCount: r.n, lastAcceptedId: r.last };
  }

  /** The dossier's accepted submissions, oldest first, and the head they make: what the evaluator is given. */
  acceptedHistory(siret: string): AcceptedHistory {
    // Only what judging needs: the summaries' other columns (needs_review walks every finding in
    // JSON) cost more than the rules themselves on POST /api/check.
    const rows = this.sql(
      `SELECT s.id, s.rule_set_school_year, s.rule_set_version, v.status AS rule_set_status, s.document ${FROM_SUBMISSIONS} WHERE s.siret = ? AND s.status = 'accepted' ORDER BY s.seq`,
    ).all(siret) as Array<Pick<SubmissionRow, 'id' | 'rule_set_school_year' | 'rule_set_version' | 'rule_set_status'> & { document: string }>;
    return {
      head: { acceptedCount: rows.length, lastAcceptedId: rows.at(-1)?.id ?? null },
      entries: rows.map((r) => ({ id: r.id, ruleSet: judgingRuleSet(r), document: JSON.parse(r.document) as Submission })),
    };
  }

  /**
   * Keeps a judged submission with its report, in one transaction, provided the dossier's accepted
   * history is still the one it was judged against (`expected`); otherwise writes nothing and says
   * so, and the caller judges it again. BEGIN IMMEDIATE takes the write lock before the check, so
   * no other connection can slip an acceptance in between.
   */
  recordSubmission(input: NewSubmission, expected: DossierHead): RecordResult {
    return this.db.transaction((): RecordResult => {
      const now = this.head(input.siret);
      if (now.acceptedCount !== expected.acceptedCount || now.lastAcceptedId !== expected.lastAcceptedId) return { ok: false, reason: 'stale', head: now };
      const { id, storedAt } = input;
      if (input.ruleSet) {
        this.sql('INSERT OR IGNORE INTO rule_set_versions (version, school_year, status, files, stored_at) VALUES (?, ?, ?, ?, ?)')
          .run(input.ruleSet.version, input.ruleSet.schoolYear, input.ruleSet.status, JSON.stringify(input.ruleSet.files), storedAt);
      }
      this.sql(
          `INSERT INTO submissions (id, siret, party_name, kind, school_year, raw_text, content_type, sha256, received_at, status, stage,
             rule_set_school_year, rule_set_version, findings, document)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'rules', ?, ?, ?, ?)`,
        )
        .run(
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
      return { ok: true, submission: this.submission(id)! };
    }).immediate();
  }

  submission(id: string): StoredSubmission | undefined {
    const r = this.sql(`SELECT ${SUMMARY_COLUMNS}, s.raw_text, s.content_type, s.sha256, s.findings, s.document ${FROM_SUBMISSIONS} WHERE s.id = ?`)
      .get(id) as FullSubmissionRow | undefined;
    return r && full(r);
  }

  /** The dossier a submission belongs to, without reading the rest: access checks ask it on every request. */
  siretOf(id: string): string | undefined {
    return this.sql('SELECT siret FROM submissions WHERE id = ?').pluck().get(id) as string | undefined;
  }

  /** Every submission of the dossier, accepted and rejected, oldest first. */
  submissionsOf(siret: string): SubmissionSummary[] {
    const rows = this.sql(`SELECT ${SUMMARY_COLUMNS} ${FROM_SUBMISSIONS} WHERE s.siret = ? ORDER BY s.seq`).all(siret) as SubmissionRow[];
    return rows.map(summary);
  }

  /** The latest submissions of every dossier, newest first: the home page's list; of one dossier only when `siret` is given. */
  recentSubmissions(limit: number, siret?: string): SubmissionSummary[] {
    const rows = (
      siret === undefined
        ? this.sql(`SELECT ${SUMMARY_COLUMNS} ${FROM_SUBMISSIONS} ORDER BY s.seq DESC LIMIT ?`).all(limit)
        : this.sql(`SELECT ${SUMMARY_COLUMNS} ${FROM_SUBMISSIONS} WHERE s.siret = ? ORDER BY s.seq DESC LIMIT ?`).all(siret, limit)
    ) as SubmissionRow[];
    return rows.map(summary);
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

  /** One page of dossiers, by name then SIRET, and how many match in all. */
  dossiers(query: DossierQuery): { items: DossierRow[]; total: number } {
    const q = query.q?.trim() ? query.q.trim() : null;
    const siret = query.siret ?? null;
    // The page and the total are read on one snapshot, so that they agree.
    return this.snapshot(() => {
      const total = this.sql(`${DOSSIERS_CTE} SELECT COUNT(*) FROM d ${DOSSIERS_WHERE}`).pluck().get({ q, siret }) as number;
      const rows = this.sql(`${DOSSIERS_CTE} SELECT * FROM d ${DOSSIERS_WHERE} ORDER BY fold(d.name), d.siret LIMIT :limit OFFSET :offset`)
        .all({ q, siret, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }) as DossierDbRow[];
      return { items: rows.map(dossierRow), total };
    });
  }

  ruleSetVersion(version: string): StoredRuleSetVersion | undefined {
    const r = this.sql('SELECT version, school_year, status, files, stored_at FROM rule_set_versions WHERE version = ?').get(version) as
      | { version: string; school_year: string; status: string; files: string; stored_at: string }
      | undefined;
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
