import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRegistry, ruleSetFor } from '../../src/rules/registry';
import { compileRuleSet } from '../../src/rules/compile';
import { loadRuleSet } from '../../src/rules/load';
import { formatLintError } from '../../src/rules/model';
import { Store } from '../../src/store/store';
import { DossierService } from '../../src/service/dossier-service';
import { measureImpact, impactBody, type ImpactReport } from '../../src/service/impact';
import type { Submission } from '../../src/domain/submission';
import { COMMUNES, fixture, fixtureFor, RULES_DIR, SIRET, tempDir } from '../support/api-fixtures';
import { cli } from '../support/cli';

/**
 * `rules impact`: the stored submissions of a year judged again under that year's rules as if they
 * were in force, read-only. The store is seeded under the project's rules with 2021-2022 put in
 * force: four dossiers, each a 2020-2021 convention of 3 schools, its 2020-2021 invoice and its
 * 2021-2022 invoice (150 €, list unchanged: art. 6.1).
 */

const DOSSIERS = [{ siret: SIRET, name: 'Saint-Jean-de-Védas', inseeCode: '34270' }, COMMUNES.montpellier, COMMUNES.beziers, COMMUNES.nimes];

const tmp = tempDir('ent-compliance-impact-');
const rulesDir = join(tmp.dir, 'rules');
const proposals = join(tmp.dir, 'propositions');

/** A fixture as the dossier's commune sends it (its schools in that commune). */
function from(commune: { siret: string; name: string; inseeCode: string }, name: string, change: Partial<Submission> = {}): Submission {
  return { ...(commune.siret === SIRET ? fixture(name) : fixtureFor(name, commune)), ...change } as Submission;
}

/** A proposal for 2021-2022 beside the rules, written as what changes from them. */
function proposal(name: string, body: string): string {
  const dir = join(proposals, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ruleset.yaml'), `extends: "../rules/2021-2022"\nschoolYear: "2021-2022"\nstatus: in_force\n${body}`);
  return dir;
}

function target(dir: string) {
  const load = loadRuleSet(dir);
  if (!load.ok) throw new Error(load.errors.map(formatLintError).join('\n'));
  return compileRuleSet(load.ruleSet);
}

let store: Store;
let article5: string;

beforeAll(async () => {
  cpSync(RULES_DIR, rulesDir, { recursive: true });
  const file = join(rulesDir, '2021-2022', 'ruleset.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: draft$/m, 'status: in_force'));
  const registry = buildRegistry(rulesDir);
  article5 = ruleSetFor(registry, '2021-2022')!.articles.find((a) => a.id === '5')!.text;
  store = Store.open(tmp.dbPath);
  const service = new DossierService(store, registry, { now: () => new Date('2021-11-20T08:00:00Z') });
  for (const commune of DOSSIERS) {
    const titre2021 = from(commune, 'titre-2020-2021-3-ecoles', { schoolYear: '2021-2022', issuedOn: '2021-11-15' });
    for (const submission of [from(commune, 'convention-3-ecoles'), from(commune, 'titre-2020-2021-3-ecoles'), titre2021]) {
      const filed = await service.submit({ submission, rawText: JSON.stringify(submission), contentType: 'application/json' });
      expect(filed.outcome === 'stored' && filed.result.status).toBe('accepted');
    }
  }
});
afterAll(() => {
  store.close();
  tmp.cleanup();
});

describe('rules impact — the fee raised from 50 to 60 €', () => {
  let report: ImpactReport;
  beforeAll(async () => {
    const raised = proposal(
      'tarif-60',
      `title: "Tarif porté à 60 €"\nparameters:\n  feePerSchool: { value: 60 }\narticles:\n  "5":\n    text: ${JSON.stringify(article5.replace('50 euros', '60 euros'))}\n`,
    );
    report = await measureImpact({ store, registry: buildRegistry(rulesDir), target: target(raised) });
  });

  it('judges again every stored submission of 2021-2022, in every dossier', () => {
    expect(report).toMatchObject({ schoolYear: '2021-2022', submissions: 4, dossiers: 4 });
    expect(report.before?.schoolYear).toBe('2021-2022');
  });

  it('turns every accepted invoice « Non conforme », art. 5 (the fee) the rule that flips', () => {
    expect(report.verdicts.before).toEqual({ conforme: 4, conforme_avec_reserves: 0, a_examiner: 0, non_conforme: 0 });
    expect(report.verdicts.after).toEqual({ conforme: 0, conforme_avec_reserves: 0, a_examiner: 0, non_conforme: 4 });
    expect(report.changed.map((c) => [c.siret, c.kind, c.from, c.to])).toEqual(DOSSIERS.map((d) => [d.siret, 'invoice', 'conforme', 'non_conforme']).sort());
    for (const c of report.changed) expect(c.rules).toEqual(expect.arrayContaining([{ rule: '5.tarif-du-titre', article: '5', from: 'pass', to: 'fail' }]));
  });

  it('changes what every dossier owes for 2021-2022: 3 schools, 150 € → 180 €', () => {
    expect(report.dues).toEqual(DOSSIERS.map((d) => ({ siret: d.siret, name: d.name, from: 150, to: 180 })).sort((a, b) => (a.siret < b.siret ? -1 : 1)));
  });

  it('answers the JSON the issue names', () => {
    const body = impactBody(report);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['schoolYear', 'submissions', 'changed', 'dues']));
    expect(body.changed[0]).toEqual({
      id: expect.any(String),
      siret: expect.any(String),
      from: 'conforme',
      to: 'non_conforme',
      rules: expect.arrayContaining(['5.tarif-du-titre']),
    });
    expect(body.dues[0]).toEqual({ siret: expect.any(String), from: 150, to: 180 });
  });
});

describe('rules impact — what does not change', () => {
  it('an unchanged copy of the year changes nothing', async () => {
    const copy = proposal('copie', 'title: "Copie inchangée"\n');
    const report = await measureImpact({ store, registry: buildRegistry(rulesDir), target: target(copy) });
    expect(report.submissions).toBe(4);
    expect(report.verdicts.after).toEqual(report.verdicts.before);
    expect(report.changed).toEqual([]);
    expect(report.dues).toEqual([]);
  });

  it('the year’s own rules, as they judged, change nothing', async () => {
    const registry = buildRegistry(rulesDir);
    const report = await measureImpact({ store, registry, target: ruleSetFor(registry, '2021-2022')! });
    expect([report.changed, report.dues]).toEqual([[], []]);
  });

  it('writes nothing to the store', async () => {
    const changes = () => store.db.prepare('SELECT total_changes()').pluck().get() as number;
    const before = { changes: changes(), rows: store.countOfCandidates({ years: ['2020-2021', '2021-2022'], judgedBy: '2020-2021' }) };
    const registry = buildRegistry(rulesDir);
    await measureImpact({ store, registry, target: ruleSetFor(registry, '2020-2021')!, batchSize: 2 });
    expect({ changes: changes(), rows: store.countOfCandidates({ years: ['2020-2021', '2021-2022'], judgedBy: '2020-2021' }) }).toEqual(before);
  });

  it('reads the store a few rows at a time and still sees each dossier whole', async () => {
    const registry = buildRegistry(rulesDir);
    const whole = await measureImpact({ store, registry, target: ruleSetFor(registry, '2020-2021')! });
    const inPieces = await measureImpact({ store, registry, target: ruleSetFor(registry, '2020-2021')!, batchSize: 1 });
    expect({ ...inPieces, durationMs: 0 }).toEqual({ ...whole, durationMs: 0 });
    expect(whole).toMatchObject({ submissions: 8, dossiers: 4, changed: [], dues: [] });
  });
});

describe('rules impact — rules in draft, judged as if in force', () => {
  const draftTmp = tempDir('ent-compliance-impact-draft-');
  let draftStore: Store;
  beforeAll(() => {
    draftStore = Store.open(draftTmp.dbPath);
  });
  afterAll(() => {
    draftStore.close();
    draftTmp.cleanup();
  });

  it('the 2021-2022 draft in force would make a 2020-2021 convention owe its 2021-2022 participation (art. 6.1)', async () => {
    const registry = buildRegistry(RULES_DIR);
    const service = new DossierService(draftStore, registry, { now: () => new Date('2020-09-21T08:00:00Z') });
    const submission = fixture('convention-3-ecoles');
    const filed = await service.submit({ submission, rawText: JSON.stringify(submission), contentType: 'application/json' });
    expect(filed.outcome === 'stored' && filed.result.status).toBe('accepted');
    const report = await measureImpact({ store: draftStore, registry, target: ruleSetFor(registry, '2021-2022')! });
    expect(report).toMatchObject({ submissions: 0, changed: [] });
    // Before: under the convention's rules, 2020-2021 is the last year due; after: the list carries over.
    expect(report.dues).toEqual([{ siret: SIRET, name: 'Saint-Jean-de-Védas', from: 0, to: 150 }]);
  });
});

describe('ent-compliance rules impact', () => {
  const run = (args: string[], isTTY = false) => cli(['rules', 'impact', ...args, '--database', tmp.dbPath, '--rules-dir', rulesDir], tmp.dir, {}, isTTY);

  it('prints the verdicts before → after, the submissions that change and the dues', async () => {
    const r = await run([join(proposals, 'tarif-60')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Impact des règles 2021-2022 \(en vigueur, version [0-9a-f]{16}\)/);
    expect(r.stdout).toMatch(/^ {2}Conforme : 4 → 0$/m);
    expect(r.stdout).toMatch(/^ {2}Non conforme : 0 → 4$/m);
    expect(r.stdout).toMatch(/titre de perception reçu le .* : Conforme → Non conforme\n {6}5\.tarif-du-titre \(article 5\) : conforme → non conforme/);
    expect(r.stdout).toContain('Saint-Jean-de-Védas (21340270400018) : 150,00 € → 180,00 €');
  });

  it('--format json and html; a progress bar on a terminal', async () => {
    const json = await run([join(proposals, 'tarif-60'), '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      schoolYear: '2021-2022',
      submissions: 4,
      dues: expect.arrayContaining([{ siret: SIRET, from: 150, to: 180 }]),
    });
    const html = await run([join(proposals, 'tarif-60'), '--format', 'html'], true);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('<span class="fr-badge fr-badge--sm fr-badge--error">Non conforme</span>');
    expect(html.stderr).toMatch(/Impact des règles 2021-2022 : 4 pièces en/);
  });

  it('names a year of the rules folder, and refuses what it cannot read', async () => {
    expect((await run(['2021-2022'])).stdout).toContain('Aucune pièce ne change de verdict ni de constat');
    expect((await run(['2030-2031'])).code).toBe(2);
    const missing = await cli(['rules', 'impact', '2021-2022', '--database', join(tmp.dir, 'absente.sqlite'), '--rules-dir', rulesDir], tmp.dir);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/aucune base de données à .*absente\.sqlite/) });
  });
});
