import { filed } from '../support/filed';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase, openReadOnly, MigrationError } from '../../src/store/database';
import { MIGRATIONS } from '../../src/store/migrations';
import { GENESIS, entryHash, submissionContent } from '../../src/store/ledger';
import { verifyDatabase } from '../../src/store/verify';
import { Store } from '../../src/store/store';
import { createServices, type Services } from '../../src/service/services';
import { projectRegistry } from '../support/api-app';
import { fixtureText, SIRET, tempDir } from '../support/api-fixtures';

/**
 * The register as a chain: each submission and each withdrawal carries the SHA-256 of the entry
 * before it and its own, so that `verify` finds a byte changed in a stored document, a decision
 * rewritten, a row deleted or added by hand — by someone with the file, who drops the append-only
 * triggers first, as anyone with the file can.
 */

const tmp = tempDir('ent-register-');
afterAll(() => tmp.cleanup());

let n = 0;
/** A fresh file holding a convention, an amendment withdrawn, and a rejected invoice: 4 entries. */
async function register(): Promise<{ path: string; services: Services; ids: Record<'convention' | 'amendment' | 'invoice', string> }> {
  const path = join(tmp.dir, `register-${++n}.sqlite`);
  const services = createServices(Store.open(path), projectRegistry(), { now: () => new Date('2020-10-12T08:00:00Z') });
  const file = async (name: string) => {
    const text = fixtureText(`${name}.json`);
    return filed(await services.dossiers.submit({ submission: JSON.parse(text), rawText: text, contentType: 'application/json' })).stored.id;
  };
  const ids = { convention: await file('convention-3-ecoles'), amendment: await file('avenant-4-ecoles'), invoice: await file('titre-2020-2021-4-ecoles') };
  const r = await services.dossiers.withdraw({ submissionId: ids.amendment, reason: 'déposé par erreur', author: 'essai', tokenId: null });
  expect(r.ok).toBe(true);
  services.store.recordKeyUse(
    { scope: '', key: 'k' },
    { requestSha256: 'a'.repeat(64), submissionId: ids.invoice, outcome: 'duplicate' },
    '2020-10-12T08:00:00Z',
  );
  return { path, services, ids };
}

/** The file opened as an attacker would: a plain connection, with the protections dropped. */
function tamper(path: string, sql: (db: Database.Database) => void, restoreTriggers = true): void {
  const db = new Database(path);
  db.pragma('foreign_keys = OFF');
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string; sql: string }>;
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  sql(db);
  // A careful attacker puts them back, so that nothing looks amiss.
  if (restoreTriggers) for (const t of triggers) db.exec(t.sql);
  db.close();
}

function verify(path: string) {
  const db = openReadOnly(path);
  try {
    return verifyDatabase(db);
  } finally {
    db.close();
  }
}

describe('the chain', () => {
  it('one entry per submission and per withdrawal, in the order written, each naming the one before', async () => {
    const { services, ids } = await register();
    const rows = services.store.db.prepare('SELECT seq, entry_type, entry_id, previous_sha256, sha256 FROM ledger ORDER BY seq').all() as Array<{
      seq: number;
      entry_type: string;
      entry_id: string;
      previous_sha256: string;
      sha256: string;
    }>;
    expect(rows.map((r) => [r.seq, r.entry_type, r.entry_id])).toEqual([
      [1, 'submission', ids.convention],
      [2, 'submission', ids.amendment],
      [3, 'submission', ids.invoice],
      [4, 'withdrawal', ids.amendment],
    ]);
    expect(rows[0].previous_sha256).toBe(GENESIS);
    for (let i = 1; i < rows.length; i++) expect(rows[i].previous_sha256).toBe(rows[i - 1].sha256);
    // Carried by the submission as the API shows it.
    expect(services.store.submission(ids.invoice)!.chain).toEqual({ position: 3, previousSha256: rows[1].sha256, sha256: rows[2].sha256 });
    expect(verifyDatabase(services.store.db)).toEqual({ ok: true, submissions: 3, withdrawals: 1, ruleSets: 1, head: rows[3].sha256 });
    services.store.close();
  });

  it('the entries are append-only like the rest', async () => {
    const { services } = await register();
    for (const sql of [
      'UPDATE ledger SET sha256 = sha256',
      'DELETE FROM ledger',
      "UPDATE withdrawals SET reason = 'x'",
      'DELETE FROM withdrawals',
      'DELETE FROM idempotency_keys',
    ]) {
      expect(() => services.store.db.exec(sql)).toThrow(/jamais modifiés ni supprimés/);
    }
    services.store.close();
  });
});

describe('verify finds', () => {
  const cases: Array<[string, (db: Database.Database, ids: Record<string, string>) => void, RegExp]> = [
    [
      'a byte changed in a stored document',
      (db, ids) => db.prepare("UPDATE submissions SET raw_text = replace(raw_text, '150', '160') WHERE id = ?").run(ids.convention),
      /^document modifié : le texte conservé de la pièce [0-9a-f-]{36} \(entrée n° 1\) ne correspond plus à son empreinte SHA-256/,
    ],
    [
      'a document and its fingerprint changed together',
      (db, ids) => {
        const text = (db.prepare('SELECT raw_text FROM submissions WHERE id = ?').pluck().get(ids.convention) as string).replace('150', '160');
        db.prepare('UPDATE submissions SET raw_text = ?, sha256 = ? WHERE id = ?').run(text, createHash('sha256').update(text).digest('hex'), ids.convention);
      },
      /^enregistrement modifié à l'entrée n° 1 : ce qui est conservé de la pièce/,
    ],
    [
      'a decision rewritten',
      (db, ids) => db.prepare("UPDATE submissions SET status = 'rejected' WHERE id = ?").run(ids.convention),
      /^enregistrement modifié à l'entrée n° 1/,
    ],
    [
      'a report rewritten',
      (db, ids) => db.prepare("UPDATE reports SET html = replace(html, '>Conforme<', '>Non conforme<') WHERE submission_id = ?").run(ids.convention),
      /^enregistrement modifié à l'entrée n° 1/,
    ],
    [
      'a withdrawal’s reason rewritten',
      (db, ids) => db.prepare("UPDATE withdrawals SET reason = 'autre' WHERE submission_id = ?").run(ids.amendment),
      /^enregistrement modifié à l'entrée n° 4 : le retrait de la pièce/,
    ],
    [
      'a submission row deleted by hand (its entry left)',
      (db, ids) => {
        db.prepare('DELETE FROM reports WHERE submission_id = ?').run(ids.invoice);
        db.prepare('DELETE FROM submissions WHERE id = ?').run(ids.invoice);
      },
      /^registre rompu à l'entrée n° 3 : la pièce [0-9a-f-]{36} n'est plus dans la base \(ligne supprimée à la main\)$/,
    ],
    [
      'a submission deleted with its entry',
      (db, ids) => {
        db.prepare('DELETE FROM reports WHERE submission_id = ?').run(ids.invoice);
        db.prepare('DELETE FROM submissions WHERE id = ?').run(ids.invoice);
        db.prepare("DELETE FROM ledger WHERE entry_id = ? AND entry_type = 'submission'").run(ids.invoice);
      },
      /^registre rompu : l'entrée n° 3 manque \(supprimée à la main\)$/,
    ],
    [
      'a submission deleted with its entry, and the entries after renumbered',
      (db, ids) => {
        db.prepare('DELETE FROM reports WHERE submission_id = ?').run(ids.invoice);
        db.prepare('DELETE FROM submissions WHERE id = ?').run(ids.invoice);
        db.prepare("DELETE FROM ledger WHERE entry_id = ? AND entry_type = 'submission'").run(ids.invoice);
        db.prepare('UPDATE ledger SET seq = 3 WHERE seq = 4').run();
      },
      /^registre rompu à l'entrée n° 3 : elle ne suit pas l'entrée qui la précède/,
    ],
    [
      'the last entry deleted',
      (db) => db.prepare('DELETE FROM ledger WHERE seq = 4').run(),
      /^registre tronqué : il comptait 4 entrées, il s'arrête à la n° 3/,
    ],
    [
      'a withdrawal deleted (its entry left)',
      (db, ids) => db.prepare('DELETE FROM withdrawals WHERE submission_id = ?').run(ids.amendment),
      /^registre rompu à l'entrée n° 4 : le retrait de la pièce/,
    ],
    [
      'a submission added by hand',
      (db, ids) => {
        db.exec(`INSERT INTO submissions (id, siret, party_name, kind, school_year, raw_text, content_type, sha256, received_at, status, stage, rule_set_school_year, rule_set_version, findings, document)
                 SELECT '00000000-0000-4000-8000-00000000000f', siret, party_name, kind, school_year, raw_text, content_type, sha256, received_at, status, stage, rule_set_school_year, rule_set_version, findings, document
                 FROM submissions WHERE id = '${ids.invoice}'`);
      },
      /^pièce hors registre : la pièce 00000000-0000-4000-8000-00000000000f n'a pas d'entrée au registre/,
    ],
    [
      'the texts of the rules rewritten',
      (db) => db.prepare("UPDATE rule_set_versions SET files = replace(files, '50', '60')").run(),
      /^textes des règles modifiés : ceux de la version [0-9a-f]{16}/,
    ],
  ];

  it.each(cases)('%s (exit 1, the first break)', async (_name, change, message) => {
    const { path, services, ids } = await register();
    services.store.close();
    expect(verify(path).ok).toBe(true);
    tamper(path, (db) => change(db, ids));
    const r = verify(path);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });

  it('a byte changed through PRAGMA writable_schema, the trigger silenced in place then restored', async () => {
    const { path, services, ids } = await register();
    services.store.close();
    const db = new Database(path);
    // The trigger's text is rewritten in sqlite_master so that it no longer fires (better-sqlite3
    // guards sqlite_master unless told otherwise; the sqlite3 shell does not).
    db.unsafeMode(true);
    const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'submissions_no_update'").pluck().get() as string;
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_master SET sql = ? WHERE name = 'submissions_no_update'").run(trigger.replace('BEGIN', 'WHEN 0 BEGIN'));
    db.pragma('writable_schema = OFF');
    db.close();
    const edit = new Database(path);
    edit.unsafeMode(true);
    edit.prepare("UPDATE submissions SET raw_text = raw_text || ' ' WHERE id = ?").run(ids.invoice);
    edit.pragma('writable_schema = ON');
    edit.prepare("UPDATE sqlite_master SET sql = ? WHERE name = 'submissions_no_update'").run(trigger);
    edit.pragma('writable_schema = OFF');
    edit.close();
    const r = verify(path);
    expect(!r.ok && r.message).toMatch(/^document modifié : le texte conservé de la pièce [0-9a-f-]{36} \(entrée n° 3\)/);
  });

  it('the protections dropped, the rows untouched', async () => {
    const { path, services } = await register();
    services.store.close();
    tamper(path, () => undefined, false);
    const r = verify(path);
    expect(!r.ok && r.message).toMatch(/^protection retirée : les déclencheurs submissions_no_update, submissions_no_delete, .* ont été supprimés$/);
  });
});

describe('the migration that brought the chain', () => {
  it('chains the submissions already kept, in the order written, as the store would have', async () => {
    const path = join(tmp.dir, 'old.sqlite');
    const old = openDatabase(path, { migrations: MIGRATIONS.slice(0, 2) });
    // Two submissions as a program of schema 2 kept them.
    const insert =
      old.prepare(`INSERT INTO submissions (id, siret, party_name, kind, school_year, raw_text, content_type, sha256, received_at, status, stage, findings, document)
      VALUES (?, ?, 'Saint-Jean-de-Védas', 'convention', '2020-2021', ?, 'application/json', ?, ?, ?, 'rules', '[]', ?)`);
    const texts = [fixtureText('convention-3-ecoles.json'), `${fixtureText('convention-3-ecoles.json')} `];
    const ids = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
    texts.forEach((t, i) => {
      insert.run(ids[i], SIRET, t, createHash('sha256').update(t).digest('hex'), `2020-09-2${i + 1}T08:00:00.000Z`, i ? 'rejected' : 'accepted', t);
      old.prepare('INSERT INTO reports VALUES (?, ?, ?)').run(ids[i], `<p>rapport ${i}</p>`, `2020-09-2${i + 1}T08:00:00.000Z`);
    });
    old.close();

    const store = Store.open(path);
    const rows = store.db.prepare('SELECT entry_id, previous_sha256, sha256 FROM ledger ORDER BY seq').all() as Array<{
      entry_id: string;
      previous_sha256: string;
      sha256: string;
    }>;
    expect(rows.map((r) => r.entry_id)).toEqual(ids);
    const first = store.db
      .prepare(
        `SELECT s.*, r.html AS report_html, r.created_at AS report_created_at FROM submissions s JOIN reports r ON r.submission_id = s.id WHERE s.id = ?`,
      )
      .get(ids[0]);
    expect(rows[0].sha256).toBe(entryHash(GENESIS, submissionContent(first as never)));
    expect(rows[1].previous_sha256).toBe(rows[0].sha256);
    expect(verifyDatabase(store.db)).toMatchObject({ ok: true, submissions: 2, withdrawals: 0 });
    store.close();
  });

  it('verify refuses a file of an older schema rather than migrate it (it writes nothing)', () => {
    const path = join(tmp.dir, 'older.sqlite');
    openDatabase(path, { migrations: MIGRATIONS.slice(0, 2) }).close();
    expect(() => openReadOnly(path)).toThrow(MigrationError);
    expect(() => openReadOnly(path)).toThrow(/antérieur à celui de ce programme/);
  });
});
