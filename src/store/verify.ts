import { sha256Hex } from '../documents/hash';
import { ruleSetVersion } from '../rules/lint';
import type { RuleSetFile } from '../domain/finding';
import type { Db } from './database';
import {
  entryHash,
  GENESIS,
  submissionContent,
  SUBMISSION_ENTRY_COLUMNS,
  SUBMISSION_ENTRY_FROM,
  withdrawalContent,
  WITHDRAWAL_ENTRY_SQL,
  type LedgerRow,
  type SubmissionEntryRow,
  type WithdrawalEntryRow,
} from './ledger';
import { appendOnlyTriggers } from './migrations';

/**
 * Whether the file is still what the program wrote: every document's text against its SHA-256,
 * every entry of the register against its own fingerprint and the one before it, every row in the
 * register, nothing cut from its end, the append-only triggers in place, the rule sets' texts
 * against their versions. The first break found is returned, in the order of the register: the
 * earliest place where the record stopped being trustworthy.
 *
 * Reads only, on one snapshot (a server may be writing meanwhile). The entries are read in pages:
 * better-sqlite3 runs no other statement on a connection while one is being iterated.
 */

export type VerifyResult =
  | { ok: true; submissions: number; withdrawals: number; ruleSets: number; head: string }
  /** `position`: the entry of the register where it breaks, when the break is at one. */
  | { ok: false; message: string; position: number | null };

const PAGE = 500;

function short(hash: string): string {
  return `${hash.slice(0, 16)}…`;
}

function broken(message: string, position: number | null = null): VerifyResult {
  return { ok: false, message, position };
}

export function verifyDatabase(db: Db): VerifyResult {
  return db.transaction(() => walk(db)).deferred();
}

function walk(db: Db): VerifyResult {
  // SQLite's own structure first: a file it cannot read whole says nothing reliable of its rows.
  const structure = db.pragma('quick_check', { simple: true }) as string;
  if (structure !== 'ok') return broken(`fichier endommagé : SQLite y trouve une erreur de structure (${structure})`);
  const page = db.prepare('SELECT seq, entry_type, entry_id, previous_sha256, sha256 FROM ledger WHERE seq > ? ORDER BY seq LIMIT ?');
  const submission = db.prepare(`SELECT s.raw_text, ${SUBMISSION_ENTRY_COLUMNS} ${SUBMISSION_ENTRY_FROM} WHERE s.id = ?`);
  const withdrawal = db.prepare(`${WITHDRAWAL_ENTRY_SQL} WHERE submission_id = ?`);
  let previous = GENESIS;
  let last = 0;
  let submissions = 0;
  let withdrawals = 0;
  for (;;) {
    const rows = page.all(last, PAGE) as LedgerRow[];
    if (rows.length === 0) break;
    for (const e of rows) {
      const n = e.seq;
      if (n !== last + 1) return broken(`registre rompu : l'entrée n° ${last + 1} manque (supprimée à la main)`, last + 1);
      if (e.previous_sha256 !== previous) {
        return broken(
          `registre rompu à l'entrée n° ${n} : elle ne suit pas l'entrée qui la précède (empreinte attendue ${short(previous)}, inscrite ${short(e.previous_sha256)}) ; une entrée a été supprimée, insérée ou réécrite avant elle`,
          n,
        );
      }
      let content: unknown[];
      if (e.entry_type === 'submission') {
        const r = submission.get(e.entry_id) as (SubmissionEntryRow & { raw_text: string }) | undefined;
        if (!r) return broken(`registre rompu à l'entrée n° ${n} : la pièce ${e.entry_id} n'est plus dans la base (ligne supprimée à la main)`, n);
        if (r.report_html === null)
          return broken(`registre rompu à l'entrée n° ${n} : le rapport de la pièce ${e.entry_id} n'est plus dans la base (supprimé à la main)`, n);
        const actual = sha256Hex(r.raw_text);
        if (actual !== r.sha256) {
          return broken(
            `document modifié : le texte conservé de la pièce ${e.entry_id} (entrée n° ${n}) ne correspond plus à son empreinte SHA-256 (conservée ${short(r.sha256)}, recalculée ${short(actual)})`,
            n,
          );
        }
        content = submissionContent(r);
        submissions++;
      } else {
        const r = withdrawal.get(e.entry_id) as WithdrawalEntryRow | undefined;
        if (!r)
          return broken(`registre rompu à l'entrée n° ${n} : le retrait de la pièce ${e.entry_id} n'est plus dans la base (ligne supprimée à la main)`, n);
        content = withdrawalContent(r);
        withdrawals++;
      }
      if (entryHash(previous, content) !== e.sha256) {
        const what =
          e.entry_type === 'submission'
            ? `ce qui est conservé de la pièce ${e.entry_id} (décision, constats, document lu, rapport…)`
            : `le retrait de la pièce ${e.entry_id} (date, auteur, motif)`;
        return broken(`enregistrement modifié à l'entrée n° ${n} : ${what} ne correspond plus à son empreinte au registre`, n);
      }
      previous = e.sha256;
      last = n;
    }
  }
  // The last entries removed leave no successor to notice: the counter of the table still does.
  const given = (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'ledger'").pluck().get() as number | undefined) ?? 0;
  if (given > last)
    return broken(`registre tronqué : il comptait ${given} entrées, il s'arrête à la n° ${last} ; les dernières ont été supprimées à la main`, last + 1);
  const unchained = db
    .prepare(
      "SELECT s.id FROM submissions s WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.entry_type = 'submission' AND l.entry_id = s.id) ORDER BY s.seq LIMIT 1",
    )
    .pluck()
    .get() as string | undefined;
  if (unchained) return broken(`pièce hors registre : la pièce ${unchained} n'a pas d'entrée au registre (ajoutée à la main)`);
  const unchainedWithdrawal = db
    .prepare(
      "SELECT w.submission_id FROM withdrawals w WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.entry_type = 'withdrawal' AND l.entry_id = w.submission_id) LIMIT 1",
    )
    .pluck()
    .get() as string | undefined;
  if (unchainedWithdrawal)
    return broken(`retrait hors registre : le retrait de la pièce ${unchainedWithdrawal} n'a pas d'entrée au registre (ajouté à la main)`);
  const orphanReport = db
    .prepare('SELECT r.submission_id FROM reports r WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.id = r.submission_id) LIMIT 1')
    .pluck()
    .get() as string | undefined;
  if (orphanReport)
    return broken(`rapport sans pièce : la pièce ${orphanReport} n'est plus dans la base, son rapport y est encore (ligne supprimée à la main)`);
  let ruleSets = 0;
  for (const r of db.prepare('SELECT version, files FROM rule_set_versions ORDER BY version').all() as Array<{ version: string; files: string }>) {
    let files: RuleSetFile[];
    try {
      files = JSON.parse(r.files) as RuleSetFile[];
    } catch {
      return broken(`textes des règles illisibles : ceux de la version ${r.version} ne sont plus du JSON (modifiés à la main)`);
    }
    if (!Array.isArray(files) || ruleSetVersion(files) !== r.version)
      return broken(`textes des règles modifiés : ceux de la version ${r.version} ne correspondent plus à son empreinte`);
    ruleSets++;
  }
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]);
  const missing = appendOnlyTriggers().filter((t) => !present.has(t));
  if (missing.length === 1)
    return broken(`protection retirée : le déclencheur ${missing[0]}, qui interdit de modifier ou de supprimer un enregistrement, a été supprimé`);
  if (missing.length > 1)
    return broken(
      `protection retirée : les déclencheurs ${missing.join(', ')}, qui interdisent de modifier ou de supprimer un enregistrement, ont été supprimés`,
    );
  return { ok: true, submissions, withdrawals, ruleSets, head: previous };
}
