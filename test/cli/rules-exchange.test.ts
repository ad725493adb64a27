import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store';
import { RULES_DIR, tempDir } from '../support/api-fixtures';
import { cli } from '../support/cli';

/**
 * `rules export YEAR DIR` and `rules import DIR`: a year's folder carried out as written and
 * brought back in as a draft, linted first and refused whole on any error, every import kept
 * among the year's versions. Over a copy of the project's rules (2020-2021 in force, 2021-2022 a
 * draft that extends it).
 */

const tmp = tempDir('ent-compliance-exchange-');
const rulesDir = join(tmp.dir, 'rules');
const env = { RULES_DIR: rulesDir, DATABASE_PATH: tmp.dbPath, USER: 'mdupont' };
const run = (args: string[]) => cli(['rules', ...args], tmp.dir, env);
afterAll(() => tmp.cleanup());
beforeAll(() => cpSync(RULES_DIR, rulesDir, { recursive: true }));

/** Every file under a folder with its text: what « nothing written » compares. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length)] = readFileSync(join(e.parentPath, e.name), 'utf8');
  return out;
}

describe('rules export YEAR DIR: the year’s own files, as written', () => {
  it('writes ruleset.yaml, rules/ and tests/ as RULES_DIR holds them (extends kept, nothing resolved)', async () => {
    const r = await run(['export', '2021-2022', 'sortie-2122']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ fichiers écrits dans sortie-2122 : ruleset\.yaml, 1 fichier dans rules\/, \d+ fichiers dans tests\/$/m);
    const out = join(tmp.dir, 'sortie-2122');
    expect(readFileSync(join(out, 'ruleset.yaml'), 'utf8')).toBe(readFileSync(join(rulesDir, '2021-2022', 'ruleset.yaml'), 'utf8'));
    expect(readFileSync(join(out, 'ruleset.yaml'), 'utf8')).toContain('extends: "2020-2021"');
    expect(readdirSync(join(out, 'tests')).length).toBeGreaterThan(0);
  });

  it.each([
    ['a folder that is not empty', ['export', '2021-2022', 'sortie-2122'], 'rules export : sortie-2122 n’est pas vide : rien n’a été écrit'],
    ['a year without rules', ['export', '2030-2031', 'vide'], 'rules export : aucun jeu de règles 2030-2031 dans rules'],
    ['not a school year', ['export', '2021', 'vide'], 'rules export : « 2021 » n’est pas une année scolaire (AAAA-AAAA)'],
    ['a version the database does not hold', ['export', '2021-2022', 'vide', '--version', 'abcdef0123456789'], 'rules export : aucune base de données à'],
    ['a missing folder', ['export', '2021-2022'], 'rules export : une année scolaire et un dossier attendus'],
  ])('refused, exit 2: %s', async (_name, args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(join(tmp.dir, 'vide'))).toBe(false);
  });
});

describe('rules import DIR: linted, refused whole on any error, else the year’s draft', () => {
  it('refused whole with each error at its file:line:column; nothing written in RULES_DIR', async () => {
    const broken = join(tmp.dir, 'casse');
    cpSync(join(tmp.dir, 'sortie-2122'), broken, { recursive: true });
    const f = join(broken, 'rules', 'article-6.2.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('operator: equal', 'operator: egal'));
    writeFileSync(join(broken, 'tests', 'nouveau.yaml'), 'cases: [');
    const before = snapshot(rulesDir);
    const r = await run(['import', 'casse']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^casse\/rules\/article-6\.2\.yaml:\d+:\d+: opérateur inconnu « egal »/m);
    expect(r.stderr).toMatch(/^rules import : casse refusé : .*erreurs? de relecture : rien n’a été enregistré$/m);
    expect(snapshot(rulesDir)).toEqual(before);
  });

  it('a test file that does not read refuses the import too, at its line', async () => {
    const bad = join(tmp.dir, 'tests-casses');
    cpSync(join(tmp.dir, 'sortie-2122'), bad, { recursive: true });
    writeFileSync(join(bad, 'tests', 'nouveau.yaml'), 'cases:\n  - name: x\n    submission: [\n');
    const before = snapshot(rulesDir);
    const r = await run(['import', 'tests-casses']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^tests-casses\/tests\/nouveau\.yaml:\d+:\d+: /m);
    expect(snapshot(rulesDir)).toEqual(before);
  });

  it.each([
    ['no ruleset.yaml', 'sans-ruleset', {}, 'rules import : aucun ruleset.yaml dans sans-ruleset : rien n’a été écrit'],
    ['a ruleset.yaml without its year', 'sans-annee', { 'ruleset.yaml': 'status: draft\n' }, 'sans-annee refusé'],
  ])('refused: %s', async (_name, folder, files: Record<string, string>, message) => {
    mkdirSync(join(tmp.dir, folder));
    for (const [path, text] of Object.entries(files)) writeFileSync(join(tmp.dir, folder, path), text);
    const r = await run(['import', folder]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(message);
  });

  it('written as the year’s draft, files it no longer has removed; the version kept with who imported it', async () => {
    const edited = join(tmp.dir, 'modifie');
    cpSync(join(tmp.dir, 'sortie-2122'), edited, { recursive: true });
    const rs = join(edited, 'ruleset.yaml');
    writeFileSync(rs, readFileSync(rs, 'utf8').replace(/^title: .*$/m, 'title: "Convention ENT-école 2021-2022 (projet importé)"'));
    writeFileSync(join(rulesDir, '2021-2022', 'tests', 'en-trop.yaml'), 'cases: []\n');
    const r = await run(['import', 'modifie']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^modifie importé comme brouillon des règles 2021-2022 : version ([0-9a-f]{16})$/m);
    const version = /version ([0-9a-f]{16})/.exec(r.stdout)![1];
    expect(readFileSync(join(rulesDir, '2021-2022', 'ruleset.yaml'), 'utf8')).toContain('(projet importé)');
    expect(existsSync(join(rulesDir, '2021-2022', 'tests', 'en-trop.yaml'))).toBe(false);
    expect(readdirSync(join(rulesDir, '2021-2022')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const store = Store.open(tmp.dbPath);
    try {
      const history = store.ruleSetHistory('2021-2022');
      expect(history.at(-1)).toMatchObject({ version, status: 'draft', createdBy: 'ligne de commande (mdupont)' });
      expect(history.length).toBeGreaterThanOrEqual(2);
    } finally {
      store.close();
    }
    // And carried out again from the history: the same files.
    const back = await run(['export', '2021-2022', 'depuis-la-base', '--version', version]);
    expect(back.code).toBe(0);
    expect(readFileSync(join(tmp.dir, 'depuis-la-base', 'ruleset.yaml'), 'utf8')).toBe(readFileSync(rs, 'utf8'));
  });

  it('a published year: written as its correction, kept aside; the published files untouched, its status draft whatever the folder said', async () => {
    expect((await run(['export', '2020-2021', 'sortie-2021'])).code).toBe(0);
    const rs = join(tmp.dir, 'sortie-2021', 'ruleset.yaml');
    expect(readFileSync(rs, 'utf8')).toMatch(/^status: in_force$/m);
    writeFileSync(rs, readFileSync(rs, 'utf8').replace(/^title: (.*)"$/m, 'title: $1 — corrigé"'));
    const published = readFileSync(join(rulesDir, '2020-2021', 'ruleset.yaml'), 'utf8');
    const r = await run(['import', 'sortie-2021', '--by', 'Mme Dupont, juriste']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^sortie-2021 importé comme correction des règles 2020-2021 publiées \(version [0-9a-f]{16}\), à part : version [0-9a-f]{16}$/m);
    expect(readFileSync(join(rulesDir, '2020-2021', 'ruleset.yaml'), 'utf8')).toBe(published);
    const correction = readFileSync(join(rulesDir, '2020-2021', 'correction', 'ruleset.yaml'), 'utf8');
    expect(correction).toMatch(/^status: draft$/m);
    expect(correction).toContain('— corrigé');
    const lint = await cli(['rules', 'lint'], tmp.dir, env);
    expect(lint.code).toBe(0);
  });
});
