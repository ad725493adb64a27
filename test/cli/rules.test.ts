import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli';

const ROOT = join(__dirname, '../..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ent-compliance-rules-'));
  cpSync(join(ROOT, 'rules/2020-2021'), join(dir, 'bon'), { recursive: true });
  cpSync(join(ROOT, 'rules/2020-2021'), join(dir, 'casse'), { recursive: true });
  const f = join(dir, 'casse/rules/article-7.yaml');
  writeFileSync(f, readFileSync(f, 'utf8').replace('operator: equal', 'operator: egal'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rules lint|test|coverage — what the legal staff run after an edit', () => {
  it('lints the published rule sets without error', async () => {
    const r = await cli(['rules', 'lint'], ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/rules\/2020-2021 : \d+ règles, 22 articles, version [0-9a-f]{16} — aucune erreur/);
  });

  it('reports an error as file:line:column and exits 1', async () => {
    const r = await cli(['rules', 'lint', 'casse'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^casse\/rules\/article-7\.yaml:\d+:\d+: opérateur inconnu « egal »/m);
  });

  it('runs the YAML cases and closes with the count', async () => {
    const r = await cli(['rules', 'test', 'bon'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✓ bon\/tests\/article-6\.3\.yaml:\d+ /m);
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed$/m);
  });

  it('fails a case whose expectation the rules contradict', async () => {
    const f = join(dir, 'bon/tests/article-5.yaml');
    const before = readFileSync(f, 'utf8');
    writeFileSync(f, before.replace('with: { amount: 180 }', 'with: { amount: 150 }'));
    try {
      const r = await cli(['rules', 'test', 'bon'], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/✗ bon\/tests\/article-5\.yaml:\d+ Titre de 3 écoles à 180 €/);
      expect(r.stdout).toMatch(/verdict : attendu rejected, obtenu accepted/);
    } finally {
      writeFileSync(f, before);
    }
  });

  it('prints coverage per article, with the articles no program checks (--verbose: every rule and its cases)', async () => {
    const r = await cli(['rules', 'coverage', 'bon', '--verbose'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Article 4 — non vérifiable : /);
    expect(r.stdout).toMatch(/Article 6\.3 — Dépassement du délai de transmission de l'avenant\n {2}✓ 6\.3\.diminution-tardive/);
    expect(r.stdout).toMatch(/Chaque règle a un cas conforme et un cas non conforme\./);
    expect(await cli(['rules', 'coverage', '-v', 'bon'], dir)).toEqual(r);
  });

  it('sums coverage up in one line per article, in the convention’s order, by default', async () => {
    const r = await cli(['rules', 'coverage', 'bon'], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => /^ {2}[✓✗?-] /.test(l));
    expect(lines).toHaveLength(22);
    expect(lines[0]).toMatch(/^ {2}✓ Préambule : (1 règle couverte, exercée|\d+ règles couvertes, exercées) par \d+ cas$/);
    expect(lines).toContain("  - Article 4 — Valorisation financière de l'ENT premier degré : non vérifiable");
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}✓ Article 6\.3 — Dépassement du délai de transmission de l'avenant : \d+ règles couvertes, exercées par \d+ cas$/),
    );
    expect(lines.at(-1)).toMatch(/^ {2}✓ Annexe 1 – Liste des écoles inscrites à l'ENT-école : \d+ règles couvertes/);
    expect(r.stdout).not.toMatch(/conforme dans :|tests\/.*\.yaml:\d+/);
    expect(r.stdout).toMatch(/Chaque règle a un cas conforme et un cas non conforme\. La liste des cas de chaque règle : « rules coverage --verbose »\./);
  });

  it('says which rule lacks a failing case, in its article’s line', async () => {
    const r = await cli(['rules', 'coverage', join(ROOT, 'test/fixtures/rules/multi-year')], dir);
    expect(r.code).toBe(1);
    // The fixture takes 2020-2021's cases but those its longer term makes moot: what they covered is not.
    expect(r.stdout).toMatch(
      /^ {2}✗ Article 3 — Durée de la convention : 5 règles sur 7 couvertes \(\d+ cas\) ; 3\.signature-dans-la-duree \(aucun cas non conforme\), 3\.resiliation-avant-le-terme \(aucun cas non conforme\)$/m,
    );
    expect(r.stdout).toMatch(/^ {2}✓ Article 5 — Nature des contributions financières : 1 règle couverte, exercée par \d+ cas$/m);
    expect(r.stdout).toMatch(/^2 règles sans cas conforme ou sans cas non conforme\./m);
  });

  it('refuses --verbose elsewhere than coverage', async () => {
    expect(await cli(['rules', 'lint', '--verbose'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--verbose ne vaut que pour « rules coverage »'),
    });
  });

  it.each([[['rules']], [['rules', 'lnt']], [['rules', 'lint', 'absent']]])('%j is a usage error (exit 2)', async (args) => {
    expect((await cli(args, dir)).code).toBe(2);
  });
});
