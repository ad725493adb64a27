import type { Statement } from 'better-sqlite3';
import { sha256Hex } from '../documents/hash';
import type { Db } from './db';

/**
 * The register's chain: every submission and every withdrawal, in the order they were written,
 * is an entry of the `ledger` table carrying the SHA-256 of the entry before it and its own,
 * computed over that previous fingerprint and everything the entry keeps (for a submission: its
 * decision, findings, document read, rule set version, text's fingerprint and report). Changing
 * or removing an entry by hand, even with the append-only triggers dropped, then shows: its own
 * fingerprint no longer matches, or the next entry no longer names it.
 *
 * One set of functions for the three places that must agree byte for byte: the store when it
 * writes an entry, the migration that chained the entries written before the chain existed, and
 * `verify` when it recomputes them.
 */

/** The `previous` of the first entry. */
export const GENESIS = '0'.repeat(64);

export type EntryType = 'submission' | 'withdrawal';

/** The columns a submission's entry covers, as read from its row and its report's. */
export interface SubmissionEntryRow {
  id: string;
  siret: string;
  party_name: string;
  kind: string;
  school_year: string;
  content_type: string;
  sha256: string;
  received_at: string;
  status: string;
  stage: string;
  rule_set_school_year: string | null;
  rule_set_version: string | null;
  findings: string;
  document: string;
  report_html: string | null;
  report_created_at: string | null;
}

export interface WithdrawalEntryRow {
  submission_id: string;
  reason: string;
  withdrawn_at: string;
  author: string;
  token_id: string | null;
}

/**
 * The text of the raw document is covered through its fingerprint (`sha256`), which `verify`
 * checks against the text itself; the report through the fingerprint of its HTML. A list, not an
 * object: the order is fixed whatever the JSON of the day does with keys.
 */
export function submissionContent(r: SubmissionEntryRow): unknown[] {
  return [
    'submission',
    r.id,
    r.siret,
    r.party_name,
    r.kind,
    r.school_year,
    r.content_type,
    r.sha256,
    r.received_at,
    r.status,
    r.stage,
    r.rule_set_school_year,
    r.rule_set_version,
    r.findings,
    r.document,
    r.report_html === null ? null : sha256Hex(r.report_html),
    r.report_created_at,
  ];
}

export function withdrawalContent(r: WithdrawalEntryRow): unknown[] {
  return ['withdrawal', r.submission_id, r.reason, r.withdrawn_at, r.author, r.token_id];
}

export function entryHash(previous: string, content: readonly unknown[]): string {
  return sha256Hex(`${previous}\n${JSON.stringify(content)}`);
}

export const SUBMISSION_ENTRY_COLUMNS = `s.id, s.siret, s.party_name, s.kind, s.school_year, s.content_type, s.sha256, s.received_at,
    s.status, s.stage, s.rule_set_school_year, s.rule_set_version, s.findings, s.document,
    r.html AS report_html, r.created_at AS report_created_at`;
export const SUBMISSION_ENTRY_FROM = 'FROM submissions s LEFT JOIN reports r ON r.submission_id = s.id';
const SUBMISSION_ENTRY_SQL = `SELECT ${SUBMISSION_ENTRY_COLUMNS} ${SUBMISSION_ENTRY_FROM}`;

export const WITHDRAWAL_ENTRY_SQL = 'SELECT submission_id, reason, withdrawn_at, author, token_id FROM withdrawals';

export interface LedgerRow {
  seq: number;
  entry_type: EntryType;
  entry_id: string;
  previous_sha256: string;
  sha256: string;
}

const prepared = new WeakMap<Db, Map<string, Statement>>();

/** Each statement prepared once per connection: this runs in every write. */
function sql(db: Db, text: string): Statement {
  let own = prepared.get(db);
  if (!own) prepared.set(db, (own = new Map<string, Statement>()));
  let st = own.get(text);
  if (!st) own.set(text, (st = db.prepare(text)));
  return st;
}

/** The fingerprint the next entry will name: the last entry's, or GENESIS for an empty register. */
export function lastEntryHash(db: Db): string {
  return (sql(db, 'SELECT sha256 FROM ledger ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS;
}

/**
 * Chains the entry just written, in the caller's write transaction (whose lock keeps the order):
 * its content is read back from the rows as stored, so that the fingerprint is of what is kept.
 */
export function appendEntry(db: Db, type: EntryType, id: string): LedgerRow {
  const content =
    type === 'submission'
      ? submissionContent(sql(db, `${SUBMISSION_ENTRY_SQL} WHERE s.id = ?`).get(id) as SubmissionEntryRow)
      : withdrawalContent(sql(db, `${WITHDRAWAL_ENTRY_SQL} WHERE submission_id = ?`).get(id) as WithdrawalEntryRow);
  const previous = lastEntryHash(db);
  const sha256 = entryHash(previous, content);
  const r = sql(db, 'INSERT INTO ledger (entry_type, entry_id, previous_sha256, sha256) VALUES (?, ?, ?, ?)').run(type, id, previous, sha256);
  return { seq: Number(r.lastInsertRowid), entry_type: type, entry_id: id, previous_sha256: previous, sha256 };
}
