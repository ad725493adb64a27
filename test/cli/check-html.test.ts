import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli';
import { fixtureText } from '../support/api-fixtures';

/** `check FILE --format html [--out F]`: the compliance report of a file, to stdout or to a file; exit codes as for text. */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ent-compliance-check-html-'));
  writeFileSync(join(dir, 'convention.json'), fixtureText('convention-3-ecoles.json'));
  writeFileSync(join(dir, 'titre.json'), fixtureText('titre-2020-2021-4-ecoles.json'));
  writeFileSync(join(dir, 'dossier.json'), `[${fixtureText('convention-3-ecoles.json')}]`);
  writeFileSync(join(dir, 'invalide.json'), fixtureText('convention-invalide.json'));
  writeFileSync(join(dir, 'illisible.yaml'), 'kind: [convention\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('check --format html', () => {
  it('prints the report of an accepted convention (exit 0)', async () => {
    const r = await cli(['check', 'convention.json', '--format', 'html'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(r.stdout).toContain('<span class="verdict-mot">Conforme</span>');
    expect(r.stdout).toContain('contrôle seul : la pièce n’a pas été enregistrée');
    expect(r.stdout).toContain('Article 7 — Montant de la participation financière');
  });

  it('writes it to --out, and nothing to stdout; a rejected invoice still exits 1', async () => {
    const r = await cli(['check', 'titre.json', '--dossier', 'dossier.json', '--format', 'html', '--out', 'rapport.html'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const html = readFileSync(join(dir, 'rapport.html'), 'utf8');
    expect(html).toContain('<span class="verdict-mot">Non conforme</span>');
    expect(html).toContain('Montant dû pour l’année');
    expect(html).toContain('150,00 €');
  });

  it('reports a document of the wrong format by field, and unreadable text (exit 1)', async () => {
    const invalid = await cli(['check', 'invalide.json', '--format', 'html'], dir);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain('Pièce refusée — format d’échange non respecté');
    expect(invalid.stdout).toContain('Écoles › n° 1 › UAI');
    expect(invalid.stdout).toContain('<dt>Fichier</dt><dd>invalide.json</dd>');
    const unreadable = await cli(['check', 'illisible.yaml', '--format', 'html'], dir);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stdout).toContain('texte illisible (ni JSON ni YAML valide)');
  });

  it('writes --out for the other formats too', async () => {
    const r = await cli(['check', 'convention.json', '--format', 'json', '--out', 'verdict.json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'verdict.json'), 'utf8'))).toMatchObject({ status: 'accepted' });
  });

  it.each([
    [['check', 'convention.json', '--format', 'pdf'], 'format inconnu « pdf » (json, text ou html)'],
    [['check', 'convention.json', '--out'], "l'option --out attend une valeur"],
  ])('refuses %p (exit 2)', async (args, message) => {
    const r = await cli(args, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('says so when --out cannot be written (exit 2)', async () => {
    const r = await cli(['check', 'convention.json', '--format', 'html', '--out', 'pas/de/dossier/rapport.html'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('check : dossier inexistant : le dossier où écrire pas/de/dossier/rapport.html n’existe pas');
    expect(existsSync(join(dir, 'pas'))).toBe(false);
  });
});
