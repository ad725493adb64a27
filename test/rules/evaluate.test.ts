import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildRegistry, selectRuleSet } from '../../src/rules/registry';
import { checkSubmission } from '../../src/rules/check';
import { evaluate } from '../../src/rules/evaluate';
import { mergeDocument } from '../../src/rules/rule-tests';
import { duesFor } from '../../src/contract/dues';
import type { Submission } from '../../src/domain/submission';

const ROOT = join(__dirname, '../..');
const registry = buildRegistry(join(ROOT, 'rules'));
const docs = parse(readFileSync(join(ROOT, 'rules/2020-2021/tests/documents.yaml'), 'utf8')).documents as Record<string, unknown>;
function doc(name: string, changes: unknown = {}): Submission {
  const base = docs[name] as { from?: string; with?: unknown };
  const resolved = base.from ? mergeDocument(doc(base.from), base.with) : base;
  return mergeDocument(resolved, changes) as Submission;
}
const rules2020 = selectRuleSet(registry, '2020-2021')!;

describe('Rule sets by school year', () => {
  it('loads the 2020-2021 rule set in force and the 2021-2022 draft', () => {
    expect(registry.failures).toEqual([]);
    expect(registry.ruleSets.map((r) => [r.schoolYear, r.status])).toEqual([
      ['2020-2021', 'in_force'],
      ['2021-2022', 'draft'],
    ]);
    expect(rules2020.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('never accepts under a draft, and says so', async () => {
    const result = await checkSubmission(doc('convention-3-ecoles', { schoolYear: '2021-2022', signedOn: '2021-09-20' }), [], registry);
    expect(result.status).toBe('rejected');
    expect(result.ruleSet).toMatchObject({ schoolYear: '2021-2022', status: 'draft' });
    expect(result.findings[0]).toMatchObject({ rule: 'jeu-de-regles.en-vigueur', outcome: 'fail', severity: 'error' });
    expect(result.findings[0].message).toMatch(/en projet/);
    // The draft's own rules still speak, for the staff preparing the year.
    expect(result.findings.filter((f) => f.rule === '7.montant')).toHaveLength(1);
  });

  it('rejects a school year with no rule set, naming the ones it knows', async () => {
    const result = await checkSubmission(doc('convention-3-ecoles', { schoolYear: '2030-2031' }), [], registry);
    expect(result).toMatchObject({ status: 'rejected', stage: 'rules', ruleSet: null });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].message).toMatch(/Aucun jeu de règles pour l'année scolaire 2030-2031.*2020-2021 \(en vigueur\), 2021-2022 \(en projet\)/);
  });

  it('reuses one engine per kind, built once', () => {
    const again = selectRuleSet(registry, '2020-2021')!;
    expect(again.engines.get('convention')).toBe(rules2020.engines.get('convention'));
  });
});

describe('Findings', () => {
  it('give each rule of the kind one finding with its article, outcome and the values compared', async () => {
    const findings = await evaluate(doc('convention-3-ecoles', { amount: 100 }), [], rules2020);
    const conventionRules = rules2020.rules.filter((r) => r.kinds.includes('convention')).map((r) => r.id);
    expect(findings.map((f) => f.rule)).toEqual(conventionRules);
    const montant = findings.find((f) => f.rule === '7.montant')!;
    expect(montant).toMatchObject({ article: '7', outcome: 'fail', severity: 'error' });
    expect(montant.facts).toEqual({ amount: 100, annexAmount: 150, annexRowCount: 3, feePerSchool: 50 });
    expect(montant.message).toBe('Montant indiqué 100,00 €, alors que 3 écoles × 50,00 € = 150,00 €.');
  });

  it('mark a rule whose case does not arise as not applicable', async () => {
    const findings = await evaluate(doc('convention-3-ecoles'), [], rules2020);
    expect(findings.find((f) => f.rule === 'preambule.convention-par-commune')).toMatchObject({ outcome: 'not_applicable' });
  });

  it('read a transmission time as its calendar date in Paris', async () => {
    const late = await evaluate(doc('avenant-4-ecoles', { transmittedAt: '2020-10-15T22:30:00Z' }), [doc('convention-3-ecoles')], rules2020);
    expect(late.find((f) => f.rule === '6.2.transmis-dans-la-fenetre')).toMatchObject({
      outcome: 'fail',
      facts: { transmittedOn: '2020-10-16', windowEnd: '2020-10-15' },
    });
  });
});

describe('Annexe 1 — the check letter of a UAI', () => {
  const schools = (uais: string[]) => ({
    schools: uais.map((uai) => ({ uai, type: 'EE', commune: 'Saint-Jean-de-Védas' })),
    schoolCount: uais.length,
    amount: 50 * uais.length,
  });

  it.each(registry.ruleSets.map((r) => [r.schoolYear, r] as const))('names the letter its 7 digits give (%s)', async (_year, ruleSet) => {
    const year = ruleSet.schoolYear;
    const convention = doc('convention-3-ecoles', {
      schoolYear: year,
      signedOn: `${year.slice(0, 4)}-09-20`,
      ...schools(['0341301F', '0340125B', '0340987A']),
    });
    const finding = (await evaluate(convention, [], ruleSet)).find((f) => f.rule === 'annexe-1.uai-cle')!;
    // 341301 mod 23 = 4 → E; 340987 mod 23 = 12 → N (the alphabet has no I, O, Q).
    expect(finding).toMatchObject({
      outcome: 'fail',
      message: 'UAI dont la lettre clé ne correspond pas aux 7 chiffres : 0341301F (lettre attendue : E), 0340987A (lettre attendue : N).',
    });
    expect(finding.facts).toMatchObject({ uaiExpectedKeys: ['0341301F (lettre attendue : E)', '0340987A (lettre attendue : N)'] });
  });

  it('says the same in the multi-year fixture', async () => {
    const fixture = buildRegistry(join(ROOT, 'test/fixtures/rules')).ruleSets[0];
    const finding = (await evaluate(doc('convention-3-ecoles', schools(['0341301F'])), [], fixture)).find((f) => f.rule === 'annexe-1.uai-cle')!;
    expect(finding.message).toBe('UAI dont la lettre clé ne correspond pas aux 7 chiffres : 0341301F (lettre attendue : E).');
  });
});

describe('Article 6 — what a dossier owes (DOMAIN.md worked example)', () => {
  const p = rules2020.params;
  it('convention of 3 schools: 150 €, by article 7', () => {
    expect(duesFor([doc('convention-3-ecoles')], '2020-2021', p)).toMatchObject({ schoolCount: 3, amount: 150, basis: '7' });
  });
  it('amendment received 2020-10-10 with 4 schools: 200 €, by article 6.2', () => {
    expect(duesFor([doc('convention-3-ecoles'), doc('avenant-4-ecoles')], '2020-2021', p)).toMatchObject({ schoolCount: 4, amount: 200, basis: '6.2' });
  });
  it('the same amendment received 2020-10-16: the fourth school is not enrolled, 150 €, by article 6.3', () => {
    const late = doc('avenant-4-ecoles', { transmittedAt: '2020-10-16T10:00:00+02:00' });
    expect(duesFor([doc('convention-3-ecoles'), late], '2020-2021', p)).toMatchObject({ schoolCount: 3, amount: 150, basis: '6.3' });
  });
  it('a permutation received 2020-10-19, at the same number: 150 €, the list under review, and article 6.3 not claimed', () => {
    const late = doc('avenant-permutation', { transmittedAt: '2020-10-19' });
    const dues = duesFor([doc('convention-3-ecoles'), late], '2020-2021', p);
    expect(dues).toMatchObject({ schoolCount: 3, amount: 150, basis: 'late_permutation' });
    expect(dues.explanation).toMatch(/nombre d’écoles inchangé/);
    expect(dues.explanation).toMatch(/liste des écoles inscrites à examiner/);
    expect(dues.explanation).toMatch(/que l’article 6\.3 ne règle pas/);
  });
  it('an RPI whose accepted avenant says each commune pays: the grouped amount is not given without a word', () => {
    const rpi = doc('convention-rpi');
    const switched = mergeDocument(rpi, {
      kind: 'amendment',
      reason: 'rpi_change',
      transmittedAt: '2020-10-05',
      party: { paymentMode: 'per_commune' },
      signedOn: null,
      amount: null,
    }) as Submission;
    expect(duesFor([rpi], '2020-2021', p).explanation).not.toMatch(/chaque commune/);
    const dues = duesFor([rpi, switched], '2020-2021', p);
    expect(dues).toMatchObject({ schoolCount: 1, amount: 50 });
    expect(dues.explanation).toMatch(
      /paiement par chaque commune du RPI, qui exige une convention pour chaque commune \(préambule\) : montant du RPI à examiner$/,
    );
  });
  it('nothing is owed beyond the last school year billed', () => {
    expect(duesFor([doc('convention-3-ecoles')], '2021-2022', p)).toMatchObject({ amount: 0, basis: '6' });
  });
  it('nothing is owed without a convention', () => {
    expect(duesFor([], '2020-2021', p)).toMatchObject({ amount: 0, basis: 'none' });
  });
});

describe('Article 3 — the convention in force judges a letter, whatever school year it declares', () => {
  const convention = doc('convention-3-ecoles');
  const notice = (sentOn: string, schoolYear = '2021-2022') => doc('mise-en-demeure', { schoolYear, letter: { sentOn, receivedOn: sentOn } });
  const cases: Array<[string, Submission, Submission[], string, 'accepted' | 'rejected', boolean]> = [
    ['a formal notice labelled 2021-2022, sent 15/09/2021', notice('2021-09-15'), [convention], '2020-2021', 'accepted', true],
    ['a formal notice labelled 2021-2022, sent 31/10/2021, last day of the term', notice('2021-10-31'), [convention], '2020-2021', 'accepted', true],
    [
      'a conciliation labelled 2021-2022, held 05/10/2021',
      doc('conciliation-echec', { schoolYear: '2021-2022', heldOn: '2021-10-05' }),
      [convention, notice('2021-09-15')],
      '2020-2021',
      'accepted',
      true,
    ],
    [
      'a termination labelled 2021-2022, letter sent 20/09/2021',
      doc('resiliation-preavis', { schoolYear: '2021-2022', letter: { sentOn: '2021-09-20', receivedOn: '2021-09-22' }, effectiveOn: '2021-10-22' }),
      [convention],
      '2020-2021',
      'accepted',
      true,
    ],
    [
      'a formal notice labelled 2021-2022, sent 02/11/2021, after the term: next year’s draft',
      notice('2021-11-02'),
      [convention],
      '2021-2022',
      'rejected',
      false,
    ],
    [
      'a formal notice labelled 2020-2021, sent 15/09/2021: its own rules, nothing to say',
      notice('2021-09-15', '2020-2021'),
      [convention],
      '2020-2021',
      'accepted',
      false,
    ],
    ['a formal notice labelled 2021-2022 in a dossier without convention: its label', notice('2021-09-15'), [], '2021-2022', 'rejected', false],
    [
      'an avenant labelled 2021-2022, transmitted 20/09/2021: a document of its school year, its label',
      doc('avenant-4-ecoles', { schoolYear: '2021-2022', transmittedAt: '2021-09-20T10:00:00+02:00' }),
      [convention],
      '2021-2022',
      'rejected',
      false,
    ],
  ];
  it.each(cases)('%s', async (_name, submission, history, judgedBy, status, explained) => {
    const result = await checkSubmission(submission, history, registry);
    expect(result.ruleSet?.schoolYear).toBe(judgedBy);
    expect(result.status).toBe(status);
    const finding = result.findings.find((f) => f.rule === 'jeu-de-regles.convention-en-vigueur');
    expect(finding !== undefined).toBe(explained);
    if (explained) {
      expect(result.findings[0]).toBe(finding);
      expect(finding).toMatchObject({ article: 'jeu-de-regles', outcome: 'pass', severity: 'info' });
      expect(finding!.message).toMatch(
        /la convention du dossier \(année scolaire 2020-2021, signée le 20\/09\/2020\) est en vigueur jusqu'au 31\/10\/2021 \(article 3\)/,
      );
      expect(finding!.message).toMatch(
        /jugée selon les règles 2020-2021 \(en vigueur\), et non selon celles de l'année scolaire qu'elle déclare \(2021-2022, en projet\)/,
      );
      expect(result.findings.some((f) => f.rule === 'jeu-de-regles.en-vigueur')).toBe(false);
    }
  });

  it('names the act and its day', async () => {
    const result = await checkSubmission(notice('2021-09-15'), [convention], registry);
    expect(result.findings[0].message).toMatch(/^Mise en demeure envoyée le 15\/09\/2021, pièce déclarée pour l'année scolaire 2021-2022 : /);
  });
});
