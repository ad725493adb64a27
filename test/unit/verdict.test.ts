import type { Finding } from '../../src/domain/finding';
import type { Submission } from '../../src/domain/submission';
import { mainFinding, VERDICT_CODES, verdictOfFindings, type VerdictCode } from '../../src/domain/verdict';
import { documentDate } from '../../src/contract/document-date';
import { VERDICT_WORDS } from '../../src/wording/labels';
import { documentDateWords, verdictNote } from '../../src/wording/verdict';
import { namedDocument } from '../support/documents';

/** The four verdicts, decided in one place, and what the lists say beside them. */

function finding(rule: string, outcome: Finding['outcome'], severity: Finding['severity'], message = `Message de ${rule}.`): Finding {
  return { rule, article: rule.split('.').slice(0, -1).join('.') || rule, outcome, severity, message, facts: {} };
}

const PASS = finding('7.montant', 'pass', 'error');
const BLOCKING = finding('7.nombre-ecoles', 'fail', 'error');
const RESERVE = finding('9.sans-remboursement', 'fail', 'warning');
const INFO = finding('6.2.liste-modifiee', 'fail', 'info');
const REVIEW = finding('9.lettre-recue', 'review', 'error');
const NOT_APPLICABLE = finding('6.3.diminution-tardive', 'not_applicable', 'warning');

describe('the verdict of a decision', () => {
  it.each<[string, 'accepted' | 'rejected', Finding[], VerdictCode]>([
    ['nothing failed, nothing to examine', 'accepted', [PASS, NOT_APPLICABLE], 'conforme'],
    ['an information failed: still without reserve', 'accepted', [PASS, INFO], 'conforme'],
    ['a warning failed', 'accepted', [PASS, RESERVE], 'conforme_avec_reserves'],
    ['a case left to a person', 'accepted', [PASS, REVIEW], 'a_examiner'],
    ['to examine wins over reserves', 'accepted', [RESERVE, REVIEW], 'a_examiner'],
    ['rejected', 'rejected', [BLOCKING], 'non_conforme'],
    ['rejected wins over everything', 'rejected', [RESERVE, REVIEW, BLOCKING], 'non_conforme'],
  ])('%s (%s)', (_case, status, findings, expected) => {
    expect(verdictOfFindings({ status, findings })).toBe(expected);
  });

  it('lists the codes in their precedence, each with its French words', () => {
    expect(VERDICT_CODES).toEqual(['non_conforme', 'a_examiner', 'conforme_avec_reserves', 'conforme']);
    expect(VERDICT_CODES.map((c) => VERDICT_WORDS[c])).toEqual(['Non conforme', 'À examiner', 'Conforme avec réserves', 'Conforme']);
  });
});

describe('the finding said beside a verdict', () => {
  it.each<[VerdictCode, Finding[], string | null, number]>([
    ['non_conforme', [RESERVE, BLOCKING, finding('5.tarif', 'fail', 'error')], '7.nombre-ecoles', 1],
    ['a_examiner', [RESERVE, REVIEW], '9.lettre-recue', 0],
    ['conforme_avec_reserves', [PASS, INFO, RESERVE], '9.sans-remboursement', 0],
    ['conforme', [PASS, INFO], null, 0],
  ])('%s: the first finding of its kind', (verdict, findings, rule, others) => {
    const main = mainFinding(verdict, findings);
    expect(main?.finding.rule ?? null).toBe(rule);
    if (main) expect(main.others).toBe(others);
  });

  // Art. 6.2 and 6.3: a late avenant fails the window of 6.2, whose message refers to 6.3, which says the consequence.
  const late62 = finding(
    '6.2.transmis-dans-la-fenetre',
    'fail',
    'warning',
    "Transmis le 16/10/2020 (date à Paris), après le 15/10/2020 : avenant tardif, voir l'article 6.3.",
  );
  const late63 = finding(
    '6.3.augmentation-tardive',
    'fail',
    'warning',
    "Augmentation de 3 à 4 écoles transmise le 16/10/2020, après le 15/10/2020 : les nouvelles écoles ne seront pas activées et ne bénéficieront pas de l'ENT-école ; le titre reste établi pour 3 écoles.",
  );

  it('a finding that only refers to another article gives way to that article’s (art. 6.2 → 6.3)', () => {
    expect(mainFinding('conforme_avec_reserves', [late62, late63])?.finding.rule).toBe('6.3.augmentation-tardive');
    // Without the finding it refers to, it is said itself.
    expect(mainFinding('conforme_avec_reserves', [late62])?.finding.rule).toBe('6.2.transmis-dans-la-fenetre');
  });

  it('in one line: the first clause of the message, its article, how many others', () => {
    expect(verdictNote('conforme_avec_reserves', mainFinding('conforme_avec_reserves', [late62, late63]))).toBe(
      "Augmentation de 3 à 4 écoles transmise le 16/10/2020, après le 15/10/2020 : les nouvelles écoles ne seront pas activées et ne bénéficieront pas de l'ENT-école (art. 6.3) ; 1 autre réserve",
    );
    expect(verdictNote('non_conforme', { finding: finding('annexe-1.uai-cle', 'fail', 'error', 'UAI à la clé fausse : 0341301X.'), others: 2 })).toBe(
      'UAI à la clé fausse : 0341301X (annexe 1) ; 2 autres clauses bloquantes',
    );
    expect(verdictNote('conforme', null)).toBeNull();
  });

  it('cuts a long message at a word, and says so', () => {
    const long = finding('8.motif', 'review', 'error', `${'mot '.repeat(60)}fin.`);
    // 160 characters at most, cut at the last space before them: 40 words of 3 letters and 39 spaces.
    expect(verdictNote('a_examiner', { finding: long, others: 0 })).toBe(`${'mot '.repeat(39)}mot… (art. 8)`);
  });
});

describe('the document’s own date, beside the date received', () => {
  const doc = (name: string, changes: unknown = {}) => namedDocument(name, changes) as unknown as Submission;
  it.each<[string, Submission, string, string]>([
    ['a convention: its signature', doc('convention-3-ecoles', { signedOn: '2020-09-20' }), '2020-09-20', 'signée le 20/09/2020'],
    [
      'an avenant: its transmission, at Paris (23:30 UTC on the 15th is the 16th)',
      doc('avenant-4-ecoles', { transmittedAt: '2020-10-15T23:30:00Z' }),
      '2020-10-16',
      'transmis le 16/10/2020',
    ],
    ['an invoice: its issue', doc('titre-2020-2021', { issuedOn: '2020-11-02' }), '2020-11-02', 'émis le 02/11/2020'],
  ])('%s', (_case, submission, iso, words) => {
    expect(documentDate(submission, 'Europe/Paris')).toBe(iso);
    expect(documentDateWords(submission.kind, iso)).toBe(words);
  });

  it.each<[string, Partial<Submission> & { kind: Submission['kind'] }, string]>([
    [
      'a termination: its effect',
      { kind: 'termination', effectiveOn: '2021-02-28', letter: { method: 'registered_letter', sentOn: '2021-01-29' } } as never,
      '2021-02-28',
    ],
    [
      'a formal notice: the sending of its letter',
      { kind: 'formal_notice', letter: { method: 'registered_letter_ar', sentOn: '2021-03-01' } } as never,
      '2021-03-01',
    ],
    ['a conciliation: its holding', { kind: 'conciliation', heldOn: '2021-04-12' } as never, '2021-04-12'],
  ])('%s', (_case, submission, iso) => {
    expect(documentDate(submission as Submission, 'Europe/Paris')).toBe(iso);
  });
});
