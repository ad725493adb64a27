import { join } from 'node:path';
import { lintRuleSet, type BaseRuleSet } from '../../src/rules/lint';
import { loadRuleSet, readBaseTestFolders, readRuleSetFiles, readTestFiles } from '../../src/rules/load';
import { compileRuleSet } from '../../src/rules/compile';
import { evaluate } from '../../src/rules/evaluate';
import { runRuleTests } from '../../src/rules/rule-tests';
import { formatLintError, type RuleSet, type RuleSetFile, type RuleSetLoad } from '../../src/rules/model';
import type { Submission } from '../../src/domain/submission';

/**
 * Rule sets carried from year to year: a year extends the one before and says only what changes.
 * The fixtures (test/fixtures/rules/heritage, see its README): 2030-2031 written in full,
 * 2031-2032 extends it, 2032-2033 extends 2031-2032.
 */

const DIR = join(__dirname, '../fixtures/rules/heritage');
const YEARS = ['2030-2031', '2031-2032', '2032-2033'] as const;
type Year = (typeof YEARS)[number];

function loaded(year: Year): RuleSet {
  const load = loadRuleSet(join(DIR, year));
  if (!load.ok) throw new Error(load.errors.map(formatLintError).join('\n'));
  return load.ruleSet;
}

/** The three folders in memory, so that a case edits one file and lints the chain again. */
type Folders = Record<Year, RuleSetFile[]>;
function folders(): Folders {
  return Object.fromEntries(YEARS.map((y) => [y, readRuleSetFiles(join(DIR, y))])) as Folders;
}
function edit(fs: Folders, year: Year, path: string, change: (text: string) => string): Folders {
  const files = fs[year].some((f) => f.path === path) ? fs[year] : [...fs[year], { path, text: '' }];
  return { ...fs, [year]: files.map((f) => (f.path === path ? { ...f, text: change(f.text) } : f)) };
}
function lintIn(fs: Folders, year: Year): RuleSetLoad {
  // As load.ts finds a base: the folder of that name beside the one that names it.
  const findBase = (ref: string): BaseRuleSet | undefined =>
    ref in fs ? { name: ref, path: ref === year ? '' : `../${ref}`, files: fs[ref as Year] } : undefined;
  return lintRuleSet(year, fs[year], findBase);
}
function errorsOf(load: RuleSetLoad): string[] {
  return load.ok ? [] : load.errors.map(formatLintError);
}
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`« ${needle} » absent`);
  return text.slice(0, at).split('\n').length;
}
function text(fs: Folders, year: Year, path: string): string {
  return fs[year].find((f) => f.path === path)!.text;
}

describe('extends — what a year inherits and what it changes', () => {
  const base = loaded('2030-2031');
  const middle = loaded('2031-2032');
  const top = loaded('2032-2033');

  it('names its bases, nearest first', () => {
    expect(base.bases).toEqual([]);
    expect(middle.bases).toEqual([{ name: '2030-2031', path: '../2030-2031' }]);
    expect(top.bases).toEqual([
      { name: '2031-2032', path: '../2031-2032' },
      { name: '2030-2031', path: '../2030-2031' },
    ]);
  });

  it.each<[string, Year, Record<string, unknown>]>([
    [
      'override: the value alone changes, the description and article are the base’s',
      '2031-2032',
      { feePerSchool: 60, termEnd: '2032-10-31', maxAnnexRows: 15 },
    ],
    ['a chain of three: each value from the nearest year that sets it', '2032-2033', { feePerSchool: 60, termEnd: '2033-10-31', firstSchoolYear: '2032-2033' }],
  ])('parameters — %s', (_case, year, expected) => {
    const set = year === '2031-2032' ? middle : top;
    for (const [name, value] of Object.entries(expected)) expect(set.params[name as keyof typeof set.params]).toEqual(value);
    expect(set.parameters.find((p) => p.name === 'feePerSchool')).toMatchObject({
      article: '5',
      description: base.parameters.find((p) => p.name === 'feePerSchool')!.description,
    });
    expect(set.parameters.map((p) => p.name)).toEqual(base.parameters.map((p) => p.name));
  });

  it('articles: a text replaced, one removed (null), one added not checkable', () => {
    expect(middle.articles.find((a) => a.id === '3')).toMatchObject({ title: 'Durée de la convention', text: expect.stringContaining('31 octobre 2032') });
    expect(middle.articles.some((a) => a.id === '2')).toBe(false);
    expect(middle.articles.find((a) => a.id === '2.1')?.notCheckable).toMatch(/se constate sur place/);
  });

  it('rules: added, replaced in place, removed; the inherited ones keep their base file as source', () => {
    expect(base.rules.map((r) => r.id)).toEqual(['3.signature-dans-la-duree', '3.convention-au-dossier', '5.tarif-du-titre', '9.sans-remboursement']);
    expect(middle.rules.map((r) => r.id).sort()).toEqual([
      '10.mise-en-demeure-lrar',
      '3.convention-au-dossier',
      '3.signature-dans-la-duree',
      '5.tarif-du-titre',
      '9.sans-remboursement',
    ]);
    expect(middle.rules.find((r) => r.id === '9.sans-remboursement')).toMatchObject({ severity: 'warning', source: { file: 'rules/article-9.yaml' } });
    expect(middle.rules.find((r) => r.id === '5.tarif-du-titre')!.source).toMatchObject({ file: '../2030-2031/rules/article-5.yaml', line: 3 });
    expect(top.rules.map((r) => r.id)).not.toContain('3.convention-au-dossier');
    expect(top.rules.find((r) => r.id === '10.mise-en-demeure-lrar')!.source.file).toBe('../2031-2032/rules/article-10.yaml');
  });

  it('titles and clauses written once with parameters read each year’s values', () => {
    const rule = (set: RuleSet, id: string) => set.rules.find((r) => r.id === id)!;
    expect(rule(base, '5.tarif-du-titre').title).toBe('Titre de perception à 50,00 € TTC par école');
    expect(rule(middle, '5.tarif-du-titre').title).toBe('Titre de perception à 60,00 € TTC par école');
    expect(rule(middle, '5.tarif-du-titre').clause).toBe('fixé à 60 euros TTC par école et par an.');
    expect(rule(top, '3.signature-dans-la-duree').clause).toBe('La présente convention prend effet à la date de signature et se termine au 31 octobre 2033.');
    expect(rule(top, '3.signature-dans-la-duree').written).toEqual(rule(base, '3.signature-dans-la-duree').written);
  });

  it('a guard removed with the one rule that named it', () => {
    expect(middle.guards.map((g) => g.name)).toEqual(['convention-au-dossier']);
    expect(top.guards).toEqual([]);
  });

  it('keeps its resolved files, which lint alone into the same rules and the same version', () => {
    expect(middle.files.map((f) => f.path)).toEqual([
      'ruleset.yaml',
      'rules/article-10.yaml',
      'rules/article-3.yaml',
      'rules/article-5.yaml',
      'rules/article-9.yaml',
    ]);
    expect(middle.files.every((f) => !/^extends:/m.test(f.text))).toBe(true);
    const again = lintRuleSet('2031-2032', middle.files);
    if (!again.ok) throw new Error(again.errors.map(formatLintError).join('\n'));
    const strip = (s: RuleSet) => ({
      ...s,
      rules: s.rules.map((r) => ({ ...r, source: null })),
      guards: s.guards.map((g) => ({ ...g, source: null })),
      bases: null,
    });
    expect(strip(again.ruleSet)).toEqual(strip(middle));
    expect(again.ruleSet.version).toBe(middle.version);
  });

  it('a rule set written in full keeps its files as written, and its version is their hash as before', () => {
    expect(base.files).toEqual(readRuleSetFiles(join(DIR, '2030-2031')));
  });

  it('the version is the hash of the resolved content: the same rules written in full have the same version', () => {
    const full = lintRuleSet('2031-2032', middle.files);
    expect(full.ok && full.ruleSet.version).toBe(middle.version);
    // A comment in the base changes no rule: the resolved content, and so the version, stay.
    const fs = edit(folders(), '2030-2031', 'ruleset.yaml', (t) => `# Relu le 2 décembre.\n${t}`);
    const again = lintIn(fs, '2031-2032');
    expect(again.ok && again.ruleSet.version).toBe(middle.version);
  });
});

describe('extends — lint errors, each in the file where it is written', () => {
  it.each<[string, Year, string, (t: string) => string, Year, string, string, RegExp]>([
    [
      'a cycle',
      '2030-2031',
      'ruleset.yaml',
      (t) => t.replace('schoolYear: "2030-2031"', 'extends: "2032-2033"\nschoolYear: "2030-2031"'),
      '2032-2033',
      '../2030-2031/ruleset.yaml',
      'extends: "2032-2033"',
      /héritage circulaire : 2032-2033 → 2031-2032 → 2030-2031 → 2032-2033$/,
    ],
    [
      'an unknown base',
      '2031-2032',
      'ruleset.yaml',
      (t) => t.replace('extends: "2030-2031"', 'extends: "2029-2030"'),
      '2031-2032',
      'ruleset.yaml',
      'extends:',
      /jeu de règles de base « 2029-2030 » introuvable/,
    ],
    [
      'a replace of an id the base does not have',
      '2031-2032',
      'rules/article-9.yaml',
      (t) => t.replace('id: 9.sans-remboursement', 'id: 9.sans-remboursemnt'),
      '2031-2032',
      'rules/article-9.yaml',
      '9.sans-remboursemnt',
      /aucune règle « 9\.sans-remboursemnt » dans « 2030-2031 » : rien à remplacer/,
    ],
    [
      'a remove of an id the base does not have',
      '2032-2033',
      'rules/article-3.yaml',
      (t) => t.replace('3.convention-au-dossier', '3.convention-au-dosier'),
      '2032-2033',
      'rules/article-3.yaml',
      '3.convention-au-dosier',
      /aucune règle « 3\.convention-au-dosier » dans « 2031-2032 » : rien à retirer/,
    ],
    [
      'an added rule whose id the base has',
      '2031-2032',
      'rules/article-10.yaml',
      (t) => t.replace('id: 10.mise-en-demeure-lrar', 'id: 5.tarif-du-titre'),
      '2031-2032',
      'rules/article-10.yaml',
      '5.tarif-du-titre',
      /la règle « 5\.tarif-du-titre » existe déjà dans « 2030-2031 » \(\.\.\/2030-2031\/rules\/article-5\.yaml:3\) : pour la changer, l’écrire sous « replace: »/,
    ],
    [
      'an article removed that the base does not have',
      '2031-2032',
      'ruleset.yaml',
      (t) => t.replace('"2": null', '"2.9": null'),
      '2031-2032',
      'ruleset.yaml',
      '"2.9"',
      /l’article « 2\.9 » ne figure pas dans « 2030-2031 » : rien à retirer/,
    ],
    [
      'a new parameter without its description and article',
      '2031-2032',
      'ruleset.yaml',
      (t) => t.replace('  feePerSchool: { value: 60 }', '  feePerSchool: { value: 60 }\n  feePerPupil: { value: 2 }'),
      '2031-2032',
      'ruleset.yaml',
      'feePerPupil',
      /nouveau paramètre « feePerPupil » \(absent de « 2030-2031 »\) : « description », « article » manquants/,
    ],
    [
      'an article’s new text that drops an inherited quotation: at the text that changed',
      '2031-2032',
      'ruleset.yaml',
      (t) => t.replace('ne sont sollicitées que pour un coût réduit fixé à 60 euros', 'ne sont sollicitées que pour une participation de 60 euros'),
      '2031-2032',
      'ruleset.yaml',
      'ne sont sollicitées que pour une participation',
      /le texte de l’article 5 ne contient plus la citation de la règle « 5\.tarif-du-titre » \(\.\.\/2030-2031\/rules\/article-5\.yaml:3\)/,
    ],
    [
      'a parameter changed without the article’s text: at the parameter',
      '2031-2032',
      'ruleset.yaml',
      (t) => t.replace('termEnd: { value: "2032-10-31" }', 'termEnd: { value: "2032-08-31" }'),
      '2031-2032',
      'ruleset.yaml',
      '"2032-08-31"',
      /avec cette valeur de « termEnd », la citation de la règle « 3\.signature-dans-la-duree » \(\.\.\/2030-2031\/rules\/article-3\.yaml:3\) ne figure plus dans le texte de l’article 3/,
    ],
    [
      'replace: in a rule set written in full',
      '2030-2031',
      'rules/article-5.yaml',
      (t) => t.replace('rules:', 'remove: [9.sans-remboursement]\nrules:'),
      '2030-2031',
      'rules/article-5.yaml',
      'remove:',
      /« remove: » n’a de sens que dans un jeu de règles qui hérite d’un autre/,
    ],
    [
      'a fact that is not yes-or-no written alone',
      '2030-2031',
      'rules/article-9.yaml',
      (t) => t.replace('- not: refundRequested', '- not: ground'),
      '2030-2031',
      'rules/article-9.yaml',
      'not: ground',
      /le fait « ground » n’est pas un oui-ou-non/,
    ],
    [
      'an unknown guard',
      '2030-2031',
      'rules/article-9.yaml',
      (t) => t.replace('appliesWhen: { guard: convention-au-dossier }', 'appliesWhen: { guard: convention-au-dosier }'),
      '2030-2031',
      'rules/article-9.yaml',
      'convention-au-dosier',
      /condition commune inconnue « convention-au-dosier » \(conditions communes : convention-au-dossier\)/,
    ],
    [
      'a title that names what is not a parameter',
      '2030-2031',
      'rules/article-5.yaml',
      (t) => t.replace('Titre de perception à {feePerSchool}', 'Titre de perception à {amount}'),
      '2030-2031',
      'rules/article-5.yaml',
      'Titre de perception à {amount}',
      /« \{amount\} » n’est pas un paramètre de l’année : un titre ou une citation ne cite que des paramètres/,
    ],
  ])('%s', (_case, year, path, change, linted, file, needle, message) => {
    const fs = edit(folders(), year, path, change);
    const line = lineOf(text(fs, year, path), needle);
    const errors = errorsOf(lintIn(fs, linted));
    expect(errors).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+: ${message.source}`))]),
    );
  });

  it('warns, without refusing, where a title or message writes out a parameter’s value', () => {
    const fs = edit(folders(), '2030-2031', 'rules/article-5.yaml', (t) =>
      t.replace('Titre de perception à {feePerSchool} TTC', 'Titre de perception à 50 € TTC'),
    );
    const load = lintIn(fs, '2030-2031');
    expect(load.ok).toBe(true);
    expect(load.ok && load.warnings.map(formatLintError)).toEqual([
      expect.stringMatching(/^rules\/article-5\.yaml:4:\d+: « 50 € » est la valeur du paramètre « feePerSchool » : écrire \{feePerSchool\}/),
    ]);
    // Only the year's own texts: the inherited ones are the base's to mend.
    const child = lintIn(fs, '2031-2032');
    expect(child.ok && child.warnings).toEqual([]);
  });
});

describe('tests that follow: a year’s YAML cases may inherit its base’s', () => {
  async function run(year: Year) {
    const set = compileRuleSet(loaded(year));
    return runRuleTests(readTestFiles(join(DIR, year)), set, readBaseTestFolders(join(DIR, year), set));
  }

  it('runs the base’s cases against this year’s rules, less those dropped, with those of the same name replaced', async () => {
    const r = await run('2031-2032');
    expect(r.errors).toEqual([]);
    const byName = new Map(r.cases.map((c) => [c.name, c]));
    expect(byName.has('Titre de 3 écoles au tarif de l’année')).toBe(false);
    expect(byName.get('Convention signée dans la durée')?.file).toBe('../2030-2031/tests/cases.yaml');
    expect(byName.get('Titre de 3 écoles à 180 €')?.file).toBe('tests/heritage.yaml');
    expect(r.cases.filter((c) => !c.ok)).toEqual([]);
  });

  it('follows a chain: the top year’s tests take the middle year’s, which take the base’s', async () => {
    const r = await run('2032-2033');
    expect(r.errors).toEqual([]);
    expect(new Set(r.cases.map((c) => c.file.split('/tests/')[0]))).toEqual(
      new Set(['../2030-2031', '../2031-2032', 'tests/heritage.yaml'.split('/tests/')[0]]),
    );
    expect(r.cases.filter((c) => !c.ok)).toEqual([]);
  });

  it('says a dropped case the base does not have, and inherit without a base, where they are written', async () => {
    const set = compileRuleSet(loaded('2031-2032'));
    const bases = readBaseTestFolders(join(DIR, '2031-2032'), set);
    const own = readTestFiles(join(DIR, '2031-2032')).map((f) => ({
      ...f,
      text: f.text.replace('drop: ["Titre de 3 écoles au tarif de l\'année"]', 'drop: ["Titre inconnu"]'),
    }));
    const r = await runRuleTests(own, set, bases);
    expect(r.errors.map(formatLintError)).toEqual([
      expect.stringMatching(/^tests\/heritage\.yaml:4:\d+: aucun cas « Titre inconnu » dans les tests du jeu de base : rien à laisser$/),
    ]);
    const alone = await runRuleTests(own, set, []);
    expect(alone.errors.map(formatLintError)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^tests\/heritage\.yaml:4:\d+: « inherit » sans jeu de règles de base : ruleset\.yaml ne dit pas « extends »$/),
      ]),
    );
  });
});

describe('less engine in the lawyer’s way', () => {
  const doc = (refundRequested: boolean): Submission => ({
    kind: 'termination',
    schoolYear: '2030-2031',
    party: { type: 'commune', name: 'Saint-Jean-de-Védas', siret: '21340270400018' },
    ground: 'notice',
    initiator: 'commune',
    letter: { method: 'registered_letter', sentOn: '2031-01-29', receivedOn: '2031-01-31' },
    effectiveOn: '2031-02-28',
    refundRequested,
  });
  const convention = {
    kind: 'convention',
    schoolYear: '2030-2031',
    signedOn: '2030-09-20',
    schools: [],
    party: { type: 'commune', name: 'x', siret: '21340270400018' },
  } as unknown as Submission;

  it('a yes-or-no fact written alone is `equal true`, and `not:` is `equal false`', () => {
    const rule = loaded('2030-2031').rules.find((r) => r.id === '9.sans-remboursement')!;
    expect(rule.conditions).toEqual({ all: [{ fact: 'refundRequested', operator: 'equal', value: false }] });
    expect(loaded('2032-2033').rules.find((r) => r.id === '9.sans-remboursement')!.appliesWhen).toEqual({
      all: [{ fact: 'hasConvention', operator: 'equal', value: true }],
    });
  });

  it('a guard written once is a json-rules-engine named condition, under its own name', async () => {
    const set = compileRuleSet(loaded('2030-2031'));
    const engine = set.engines.get('termination')!.engine as unknown as { conditions: Map<string, unknown> };
    expect([...engine.conditions.keys()]).toContain('convention-au-dossier');
    const outcome = async (history: Submission[], refund: boolean) =>
      (await evaluate(doc(refund), history, set)).find((f) => f.rule === '9.sans-remboursement')!.outcome;
    expect(await outcome([], false)).toBe('not_applicable');
    expect(await outcome([convention], false)).toBe('pass');
    expect(await outcome([convention], true)).toBe('fail');
  });
});
