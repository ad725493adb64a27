import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { cli } from '../support/cli';
import { namedDocument } from '../support/documents';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ent-compliance-check-'));
  writeFileSync(join(dir, 'convention.json'), JSON.stringify(namedDocument('convention-3-ecoles')));
  writeFileSync(join(dir, 'convention.yaml'), stringify(namedDocument('convention-3-ecoles')));
  writeFileSync(join(dir, 'avenant-tardif.json'), JSON.stringify(namedDocument('avenant-4-ecoles', { transmittedAt: '2020-10-16T09:00:00+02:00' })));
  writeFileSync(join(dir, 'titre-200.json'), JSON.stringify(namedDocument('titre-2020-2021', { schoolCount: 4, amount: 200 })));
  writeFileSync(join(dir, 'dossier.json'), JSON.stringify([namedDocument('convention-3-ecoles')]));
  writeFileSync(
    join(dir, 'dossier-avenant-tardif.json'),
    JSON.stringify([namedDocument('convention-3-ecoles'), namedDocument('avenant-4-ecoles', { transmittedAt: '2020-10-16T09:00:00+02:00' })]),
  );
  writeFileSync(join(dir, 'dossier-invalide.json'), JSON.stringify([namedDocument('convention-3-ecoles', { signedOn: '2020-02-30' })]));
  writeFileSync(join(dir, 'mauvais-schema.yaml'), 'kind: convention\nschoolYear: "2020-2022"\n');
  writeFileSync(join(dir, 'illisible.json'), '{ "kind": ');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('check — a document against the rules of its school year', () => {
  it('accepts a convention (exit 0) and prints each finding with its article', async () => {
    const r = await cli(['check', 'convention.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^convention\.json : ACCEPTÉE, conforme \(règles\)$/m);
    expect(r.stdout).toMatch(/Règles 2020-2021 \(en vigueur\), version [0-9a-f]{16}/);
    expect(r.stdout).toMatch(/✓ art\. 7 7\.montant : Montant 150,00 € = 3 écoles × 50,00 €\./);
  });

  it('reads YAML as well', async () => {
    expect((await cli(['check', 'convention.yaml'], dir)).code).toBe(0);
  });

  it('prints exactly one JSON object with --format json', async () => {
    const r = await cli(['check', 'convention.json', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['errors', 'findings', 'ruleSet', 'stage', 'status', 'verdict']);
    expect(out).toMatchObject({
      status: 'accepted',
      verdict: 'conforme',
      stage: 'rules',
      errors: [],
      ruleSet: { schoolYear: '2020-2021', status: 'in_force' },
    });
    expect(out.findings[0]).toEqual(
      expect.objectContaining({
        rule: expect.any(String),
        article: expect.any(String),
        outcome: expect.any(String),
        severity: expect.any(String),
        message: expect.any(String),
        facts: expect.any(Object),
      }),
    );
  });

  it('judges against the dossier given with --dossier (art. 6.3: a late amendment leaves the invoice at 3 schools)', async () => {
    const r = await cli(['check', 'titre-200.json', '--dossier', 'dossier-avenant-tardif.json', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('rejected');
    expect(
      out.findings
        .filter((f: { outcome: string }) => f.outcome === 'fail')
        .map((f: { rule: string }) => f.rule)
        .sort(),
    ).toEqual(['6.3.titre-avenant-tardif', '6.titre-montant']);
  });

  it('accepts a late amendment with reserves, and says the main one: the 4th school is not activated (art. 6.3)', async () => {
    const r = await cli(['check', 'avenant-tardif.json', '--dossier', 'dossier.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^avenant-tardif\.json : ACCEPTÉE, conforme avec réserves \(règles\)\n {2}→ Augmentation de 3 à 4 écoles transmise le 16\/10\/2020, après le 15\/10\/2020 : les nouvelles écoles ne seront pas activées et ne bénéficieront pas de l'ENT-école \(art\. 6\.3\) ; 1 autre réserve\n/,
    );
    expect(r.stdout).toMatch(/✗ art\. 6\.3 6\.3\.augmentation-tardive \[avertissement\]/);
    const json = JSON.parse((await cli(['check', 'avenant-tardif.json', '--dossier', 'dossier.json', '--format', 'json'], dir)).stdout);
    expect(json).toMatchObject({ status: 'accepted', verdict: 'conforme_avec_reserves' });
  });

  it('says « Non conforme » with its main reason when a blocking clause fails', async () => {
    const r = await cli(['check', 'titre-200.json', '--dossier', 'dossier-avenant-tardif.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^titre-200\.json : REJETÉE, non conforme \(règles\)\n {2}→ .* \(art\. 6(\.3)?\) ; 1 autre clause bloquante\n/);
  });

  it('rejects at the schema stage with each error and its line (exit 1)', async () => {
    const r = await cli(['check', 'mauvais-schema.yaml', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ status: 'rejected', stage: 'schema', findings: [] });
    expect(out.errors.some((e: { path: string; line?: number }) => e.path === '/schoolYear' && e.line === 2)).toBe(true);
  });

  it('rejects unreadable text with its position', async () => {
    const r = await cli(['check', 'illisible.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/illisible\.json:1:\d+: \/ : JSON invalide/);
  });

  it.each([
    [['check'], /fichier à contrôler manquant/],
    [['check', 'absent.json'], /^check : fichier introuvable : absent\.json$/m],
    [['check', 'convention.json', '--format', 'xml'], /format inconnu « xml »/],
    [['check', 'convention.json', '--dossier'], /l'option --dossier attend une valeur/],
    [['check', 'convention.json', '--dossier', 'absent.json'], /^check : fichier introuvable : absent\.json$/m],
    [['check', 'convention.json', '--dossier', 'dossier-invalide.json'], /dossier-invalide\.json:\d+:\d+: pièce n° 1 invalide : \/signedOn/],
    [['check', 'convention.json', '--dossier', 'convention.json'], /un tableau JSON des pièces acceptées est attendu/],
  ])('%j is a usage or input error (exit 2): %s', async (args, message) => {
    const r = await cli(args, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
