import { existsSync } from 'node:fs';
import { Store } from '../../src/store/store';
import { sha256Hex } from '../../src/documents/hash';
import type { NewSubmission } from '../../src/store/types';
import { storableFixture } from '../support/new-submission';
import type { Finding } from '../../src/domain/finding';
import { COMMUNES, fixture, fixtureText, SIRET, tempDir } from '../support/api-fixtures';

const EMPTY_HEAD = { acceptedCount: 0, lastAcceptedId: null };

function recorded(store: Store, input: NewSubmission) {
  const r = store.recordSubmission(input, store.head(input.siret));
  if (!r.ok) throw new Error('stale');
  return r.submission;
}

describe('Store', () => {
  const tmp = tempDir();
  let store: Store;
  beforeAll(() => {
    store = Store.open(tmp.dbPath);
  });
  afterAll(() => {
    store.close();
    tmp.cleanup();
  });

  it('creates the folder and the file, in WAL mode with foreign keys and a busy timeout', () => {
    expect(existsSync(tmp.dbPath)).toBe(true);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('keeps a submission with everything it was judged on, and its report', () => {
    const finding: Finding = { rule: '7.montant', article: '7', outcome: 'pass', severity: 'error', message: 'Montant <150 €>', facts: { amount: 150 } };
    const s = recorded(store, storableFixture('convention-3-ecoles', { findings: [finding] }));
    expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(s).toMatchObject({
      siret: SIRET,
      partyName: 'Saint-Jean-de-Védas',
      kind: 'convention',
      schoolYear: '2020-2021',
      status: 'accepted',
      stage: 'rules',
      contentType: 'application/json',
      sha256: sha256Hex(fixtureText('convention-3-ecoles.json')),
      ruleSet: { schoolYear: '2020-2021', status: 'in_force', version: 'v1' },
      findings: [finding],
    });
    expect(s.rawText).toBe(fixtureText('convention-3-ecoles.json'));
    expect(s.document).toEqual(fixture('convention-3-ecoles'));
    const html = store.report(s.id)!;
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Montant &lt;150 €&gt;');
    expect(store.ruleSetVersion('v1')).toMatchObject({ schoolYear: '2020-2021', status: 'in_force', files: [{ path: 'ruleset.yaml' }] });
  });

  it('gives the evaluator the accepted submissions only, oldest first, and the head they make', () => {
    const rejected = recorded(store, storableFixture('titre-2020-2021-4-ecoles', { status: 'rejected' }));
    const amendment = recorded(store, storableFixture('avenant-4-ecoles'));
    const history = store.acceptedHistory(SIRET);
    expect(history.entries.map((e) => e.document.kind)).toEqual(['convention', 'amendment']);
    expect(history.head).toEqual({ acceptedCount: 2, lastAcceptedId: amendment.id });
    expect(store.head(SIRET)).toEqual(history.head);
    expect(store.submissionsOf(SIRET).map((s) => [s.kind, s.status])).toEqual([
      ['convention', 'accepted'],
      ['invoice', 'rejected'],
      ['amendment', 'accepted'],
    ]);
    expect(store.submission(rejected.id)?.status).toBe('rejected');
  });

  it('writes nothing when the accepted history changed since the evaluation read it', () => {
    const before = store.submissionsOf(SIRET).length;
    const r = store.recordSubmission(storableFixture('titre-2020-2021-3-ecoles'), EMPTY_HEAD);
    expect(r).toEqual({ ok: false, reason: 'stale', head: store.head(SIRET) });
    expect(store.submissionsOf(SIRET)).toHaveLength(before);
  });

  it('keeps a submission judged by no rule set, with no rule set', () => {
    const s = recorded(store, storableFixture('convention-2021-2022', { siret: COMMUNES.nimes.siret, status: 'rejected', ruleSet: null }));
    expect(s.ruleSet).toBeNull();
  });

  it.each([
    ['UPDATE submissions SET status = ?', ['accepted']],
    ['DELETE FROM submissions', []],
    ['UPDATE reports SET html = ?', ['<p>autre</p>']],
    ['DELETE FROM reports', []],
    ['UPDATE rule_set_versions SET files = ?', ['[]']],
    ['DELETE FROM rule_set_versions', []],
  ])('refuses %s: submissions, reports and rule sets are append-only', (sql, params) => {
    expect(() => store.db.prepare(sql).run(...params)).toThrow(/jamais modifiés ni supprimés/);
  });

  it('refuses a report without its submission (foreign keys)', () => {
    expect(() => store.db.prepare('INSERT INTO reports VALUES (?, ?, ?)').run('00000000-0000-4000-8000-000000000000', '<p/>', 'x')).toThrow(/FOREIGN KEY/);
  });

  describe('dossiers', () => {
    const other = tempDir();
    let s2: Store;
    beforeAll(() => {
      s2 = Store.open(other.dbPath);
      const names: Array<[string, string]> = [
        [SIRET, 'Saint-Jean-de-Védas'],
        [COMMUNES.beziers.siret, 'Béziers'],
        [COMMUNES.nimes.siret, 'Nîmes'],
        [COMMUNES.montpellier.siret, 'Montpellier'],
      ];
      for (const [siret, name] of names) {
        const doc = fixture('convention-3-ecoles');
        recorded(s2, storableFixture('convention-3-ecoles', { siret, partyName: name, document: { ...doc, party: { ...doc.party, siret, name } } }));
      }
      // A rejected submission under another name does not rename the dossier…
      recorded(
        s2,
        storableFixture('titre-2020-2021-3-ecoles', {
          siret: COMMUNES.beziers.siret,
          partyName: 'Beziers (faute de frappe)',
          status: 'rejected',
          receivedAt: '2020-11-20T08:00:00.000Z',
        }),
      );
      // …and a dossier with no accepted submission takes the name of its latest one.
      recorded(s2, storableFixture('titre-2020-2021-3-ecoles', { siret: COMMUNES.mende.siret, partyName: 'Mende', status: 'rejected' }));
    });
    afterAll(() => {
      s2.close();
      other.cleanup();
    });

    it('lists by name, with the count of submissions and the last reception', () => {
      const { items, total } = s2.dossiers({ page: 1, pageSize: 20 });
      expect(total).toBe(5);
      expect(items.map((d) => d.name)).toEqual(['Béziers', 'Mende', 'Montpellier', 'Nîmes', 'Saint-Jean-de-Védas']);
      expect(items[0]).toEqual({ siret: COMMUNES.beziers.siret, name: 'Béziers', submissionCount: 2, lastReceivedAt: '2020-11-20T08:00:00.000Z' });
    });

    it.each([
      ['beziers', ['Béziers']],
      ['SAINT-JEAN', ['Saint-Jean-de-Védas']],
      ['mon', ['Montpellier']],
      ['2134', ['Béziers', 'Montpellier', 'Saint-Jean-de-Védas']],
      ['213400', ['Béziers']],
      ['0109', []],
      ['%', []],
    ])('finds « %s » by name (accents and case ignored) or SIRET prefix', (q, names) => {
      expect(s2.dossiers({ q, page: 1, pageSize: 20 }).items.map((d) => d.name)).toEqual(names);
    });

    it('sorts numbers in names as numbers: « Commune 2 » before « Commune 10 », across pages', () => {
      const numbered = tempDir();
      const s3 = Store.open(numbered.dbPath);
      try {
        const names = ['RPI des Écoles 10', 'RPI des écoles 9', 'Commune 10', 'Commune 2', 'Commune 1', 'Commune 100', 'Commune 02b', 'Béziers'];
        names.forEach((name, i) => {
          const siret = `2100000000${String(1000 + i)}`;
          const doc = fixture('convention-3-ecoles');
          recorded(s3, storableFixture('convention-3-ecoles', { siret, partyName: name, document: { ...doc, party: { ...doc.party, siret, name } } }));
        });
        const all = s3.dossiers({ page: 1, pageSize: 20 }).items.map((d) => d.name);
        expect(all).toEqual(['Béziers', 'Commune 1', 'Commune 2', 'Commune 02b', 'Commune 10', 'Commune 100', 'RPI des écoles 9', 'RPI des Écoles 10']);
        const paged = [1, 2, 3].flatMap((page) => s3.dossiers({ page, pageSize: 3 }).items.map((d) => d.name));
        expect(paged).toEqual(all);
      } finally {
        s3.close();
        numbered.cleanup();
      }
    });

    it('pages', () => {
      expect(s2.dossiers({ page: 2, pageSize: 2 })).toEqual({
        items: [expect.objectContaining({ name: 'Montpellier' }), expect.objectContaining({ name: 'Nîmes' })],
        total: 5,
      });
      expect(s2.dossiers({ page: 4, pageSize: 2 })).toEqual({ items: [], total: 5 });
    });

    it('reads one dossier', () => {
      expect(s2.dossier(COMMUNES.mende.siret)).toMatchObject({ name: 'Mende', submissionCount: 1 });
      expect(s2.dossier('21000000000000')).toBeUndefined();
    });
  });
});
