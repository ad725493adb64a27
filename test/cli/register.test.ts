import { filed } from '../support/filed';
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../support/cli';
import { Store } from '../../src/store/store';
import { createServices, type Services } from '../../src/service/services';
import { projectRegistry } from '../support/api-app';
import { fixtureText, RULES_DIR, SIRET, tempDir } from '../support/api-fixtures';

/**
 * `withdraw`, `verify` and `backup`, as an operator runs them on the server's database: a
 * submission withdrawn from the command line with what it changes, the register checked
 * (« registre intègre : N pièces », or the first break and exit 1), a copy taken while a server
 * keeps writing, then checked and restored.
 */

const tmp = tempDir('ent-cli-register-');
afterAll(() => tmp.cleanup());
const ENV = { RULES_DIR, USER: 'operateur' };

let n = 0;
async function dossier(): Promise<{ path: string; services: Services; ids: { convention: string; amendment: string } }> {
  const path = join(tmp.dir, `db-${++n}`, 'ent-compliance.sqlite');
  const services = createServices(Store.open(path), projectRegistry(), { now: () => new Date('2020-10-12T08:00:00Z') });
  const file = async (name: string) => {
    const text = fixtureText(`${name}.json`);
    return filed(await services.dossiers.submit({ submission: JSON.parse(text), rawText: text, contentType: 'application/json' })).stored.id;
  };
  return { path, services, ids: { convention: await file('convention-3-ecoles'), amendment: await file('avenant-4-ecoles') } };
}

describe('withdraw', () => {
  it('withdraws, says what changed and where it is in the register; exit 0', async () => {
    const { path, services, ids } = await dossier();
    const r = await cli(['withdraw', ids.amendment, '--reason', 'Avenant de 2021-2022 déposé par erreur', '--database', path], tmp.dir, ENV);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(
      new RegExp(
        `^Pièce ${ids.amendment} retirée le \\d{2}/\\d{2}/\\d{4} à \\d{2}:\\d{2} par ligne de commande \\(operateur\\) : Avenant de 2021-2022 déposé par erreur$`,
        'm',
      ),
    );
    expect(r.stdout).toContain(`Dossier ${SIRET} (Saint-Jean-de-Védas) :`);
    expect(r.stdout).toContain('  2020-2021 : écoles inscrites 4 → 3 ; montant dû 200,00 € → 150,00 €');
    expect(r.stdout).toMatch(/^ {4}n'est plus inscrite : \d{7}[A-Z]/m);
    expect(r.stdout).toMatch(/^Registre : entrée n° 3, empreinte [0-9a-f]{64}$/m);
    // The server's connection sees it at once.
    expect(services.store.submission(ids.amendment)!.withdrawal).toMatchObject({ author: 'ligne de commande (operateur)', tokenId: null });
    expect(services.dossiers.dossier(SIRET)!.dues).toEqual([expect.objectContaining({ schoolYear: '2020-2021', schoolCount: 3, amount: 150 })]);
    services.store.close();
  });

  it('--by names who withdrew it', async () => {
    const { path, services, ids } = await dossier();
    services.store.close();
    const r = await cli(['withdraw', ids.amendment, '--reason', 'doublon', '--by', 'Service juridique (M. Martin)', '--database', path], tmp.dir, ENV);
    expect(r.stdout).toContain('par Service juridique (M. Martin) : doublon');
  });

  it('a second time: exit 1, saying when and by whom', async () => {
    const { path, services, ids } = await dossier();
    services.store.close();
    await cli(['withdraw', ids.amendment, '--reason', 'erreur', '--database', path], tmp.dir, ENV);
    const again = await cli(['withdraw', ids.amendment, '--reason', 'erreur', '--database', path], tmp.dir, ENV);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^withdraw : la pièce [0-9a-f-]{36} est déjà retirée \(le .* par ligne de commande \(operateur\) : erreur\)\n$/);
  });

  it.each([
    [['withdraw', '00000000-0000-4000-8000-000000000000', '--reason', 'x'], 1, /aucune pièce 00000000-0000-4000-8000-000000000000/],
    [['withdraw', 'abc', '--reason', 'x'], 2, /identifiant mal formé « abc »/],
    [['withdraw', '00000000-0000-4000-8000-000000000000'], 2, /le motif du retrait est obligatoire \(--reason\)/],
    [['withdraw', '00000000-0000-4000-8000-000000000000', '--reason', '  '], 2, /le motif du retrait est obligatoire/],
    [['withdraw', '--reason', 'x'], 2, /l'identifiant de la pièce est attendu/],
    [['withdraw', '00000000-0000-4000-8000-000000000000', '--reason', 'x', '--motif', 'y'], 2, /option inconnue « --motif »/],
  ])('%j: exit %i', async (args, code, message) => {
    const { path, services } = await dossier();
    services.store.close();
    const r = await cli([...args, '--database', path], tmp.dir, ENV);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  it('a database that does not exist: exit 2, and none is created', async () => {
    const path = join(tmp.dir, 'nulle-part.sqlite');
    const r = await cli(['withdraw', '00000000-0000-4000-8000-000000000000', '--reason', 'x', '--database', path], tmp.dir, ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`aucune base de données à ${path}`);
    expect(existsSync(path)).toBe(false);
  });
});

describe('verify', () => {
  it('« registre intègre : N pièces », the withdrawals and the last fingerprint; exit 0', async () => {
    const { path, services, ids } = await dossier();
    await services.dossiers.withdraw({ submissionId: ids.amendment, reason: 'erreur', author: 'essai', tokenId: null });
    const r = await cli(['verify', '--database', path], tmp.dir, ENV);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^registre intègre : 2 pièces\n1 retrait, 1 version de règles ; dernière empreinte : [0-9a-f]{64}\n$/);
    expect(r.stdout).toContain(services.store.db.prepare('SELECT sha256 FROM ledger ORDER BY seq DESC LIMIT 1').pluck().get() as string);
    services.store.close();
  });

  it('reads DATABASE_PATH when --database is not given', async () => {
    const { path, services } = await dossier();
    services.store.close();
    expect((await cli(['verify'], tmp.dir, { ...ENV, DATABASE_PATH: path })).stdout).toMatch(/^registre intègre : 2 pièces$/m);
  });

  it('a byte changed in a stored document by someone with the file: the first break, exit 1', async () => {
    const { path, services, ids } = await dossier();
    services.store.close();
    const db = new Database(path);
    db.exec('DROP TRIGGER submissions_no_update');
    db.prepare('UPDATE submissions SET raw_text = replace(raw_text, \'"schoolCount": 4\', \'"schoolCount": 5\') WHERE id = ?').run(ids.amendment);
    db.exec(`CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions BEGIN SELECT RAISE(ABORT, 'x'); END`);
    db.close();
    const r = await cli(['verify', '--database', path], tmp.dir, ENV);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(`^document modifié : le texte conservé de la pièce ${ids.amendment} \\(entrée n° 2\\) ne correspond plus à son empreinte SHA-256`),
    );
  });

  it('a row deleted by hand: the first break, exit 1', async () => {
    const { path, services, ids } = await dossier();
    services.store.close();
    const db = new Database(path);
    db.pragma('foreign_keys = OFF');
    db.exec('DROP TRIGGER submissions_no_delete; DROP TRIGGER reports_no_delete');
    db.prepare('DELETE FROM reports WHERE submission_id = ?').run(ids.convention);
    db.prepare('DELETE FROM submissions WHERE id = ?').run(ids.convention);
    db.close();
    const r = await cli(['verify', '--database', path], tmp.dir, ENV);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`registre rompu à l'entrée n° 1 : la pièce ${ids.convention} n'est plus dans la base (ligne supprimée à la main)\n`);
  });

  it('writes nothing: a file of an older schema is refused (exit 2), not migrated', async () => {
    const path = join(tmp.dir, 'vieille.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    db.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run('x', 'x');
    db.close();
    const r = await cli(['verify', '--database', path], tmp.dir, ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('base de données au schéma 1, antérieur à celui de ce programme');
  });

  it('a file that is not a database: exit 2', async () => {
    const path = join(tmp.dir, 'texte.sqlite');
    writeFileSync(path, 'ceci n’est pas une base');
    const r = await cli(['verify', '--database', path], tmp.dir, ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^verify : base de données .* illisible/);
  });
});

describe('backup', () => {
  it('copies the base while a server keeps writing to it, checks the copy; the copy restored serves as the original did', async () => {
    const { path, services, ids } = await dossier();
    const copy = join(tmp.dir, 'sauvegardes', 'copie.sqlite');
    // A server writing meanwhile: withdrawals and deposits on another connection, in the same process.
    const writing = (async () => {
      await services.dossiers.withdraw({ submissionId: ids.amendment, reason: 'erreur', author: 'essai', tokenId: null });
      for (let i = 0; i < 20; i++) {
        const text = `${fixtureText('titre-2020-2021-3-ecoles.json')}${' '.repeat(i)}`;
        await services.dossiers.submit({ submission: JSON.parse(text), rawText: text, contentType: 'application/json' });
      }
    })();
    const r = await cli(['backup', copy, '--database', path], tmp.dir, ENV);
    await writing;
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(
      new RegExp(`^copie écrite dans ${copy.replace(/[.]/g, '\\.')} et vérifiée : registre intègre : \\d+ pièces\\ndernière empreinte : [0-9a-f]{64}\\n$`),
    );
    // One file: no -wal beside it to forget.
    expect(existsSync(`${copy}-wal`)).toBe(false);
    const restored = Store.open(copy);
    try {
      const kept = restored.db.prepare('SELECT COUNT(*) FROM submissions').pluck().get() as number;
      expect(kept).toBeGreaterThanOrEqual(2);
      expect(restored.submission(ids.convention)!.rawText).toBe(fixtureText('convention-3-ecoles.json'));
      expect(restored.db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      restored.close();
    }
    expect((await cli(['verify', '--database', copy], tmp.dir, ENV)).code).toBe(0);
    services.store.close();
  });

  it('never over an existing file (exit 2)', async () => {
    const { path, services } = await dossier();
    services.store.close();
    const copy = join(tmp.dir, 'existe.sqlite');
    writeFileSync(copy, 'une autre copie');
    const r = await cli(['backup', copy, '--database', path], tmp.dir, ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('existe déjà');
  });

  it('without a file name: exit 2 with the usage', async () => {
    const r = await cli(['backup'], tmp.dir, ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('le fichier de la copie est attendu');
    expect(r.stderr).toContain('Usage : ent-compliance backup FICHIER');
  });
});
