import { filed } from '../support/filed';
import { Store } from '../../src/store/store';
import { renderStoredReport, storedReportInput } from '../../src/reports/stored-report';
import { createServices } from '../../src/service/services';
import { fixture, fixtureText, tempDir } from '../support/api-fixtures';
import { rules } from './report-inputs';
import { storable } from '../support/new-submission';

/** The report the store keeps with each submission is this renderer's, from the texts of the rules that judged it. */

describe('the report kept with a submission', () => {
  const tmp = tempDir();
  let store: Store;
  beforeAll(() => {
    store = Store.open(tmp.dbPath);
  });
  afterAll(() => {
    store.close();
    tmp.cleanup();
  });

  it('is rendered once when the submission is kept, from the stored verdict and the judging rule set’s texts', async () => {
    const services = createServices(store, rules(), { now: () => new Date('2020-09-21T08:00:00Z') });
    const text = fixtureText('convention-3-ecoles.json');
    const { stored } = filed(await services.dossiers.submit({ submission: fixture('convention-3-ecoles'), rawText: text, contentType: 'application/json' }));
    const html = store.report(stored.id)!;
    expect(html).toContain('<span class="verdict-mot">Conforme</span>');
    expect(html).toContain(`pièce n° <code>${stored.id}</code>, conservée au dossier`);
    expect(html).toContain(stored.sha256);
    expect(html).toContain('Reçue le</dt><dd>21/09/2020 à 10:00');
    // Quoted from the stored texts: the clause of article 7 and a clause nobody checks.
    expect(html).toContain('Article 7 — Montant de la participation financière');
    expect(html).toContain('Clauses qu’aucun programme ne vérifie');
    // The same stored submission and texts give the same report: it can be rebuilt to explain it.
    const version = store.ruleSetVersion(stored.ruleSet!.version)!;
    const storedAt = /Contrôlée le<\/dt><dd>(\d\d)\/(\d\d)\/(\d{4}) à (\d\d):(\d\d)/.exec(html)!;
    expect(storedAt).not.toBeNull();
    const input = storedReportInput({ submission: stored, ruleSet: version, storedAt: '2020-09-21T08:00:00Z' });
    expect(input).toMatchObject({ submissionId: stored.id, sha256: stored.sha256, dossier: { siret: stored.siret, name: 'Saint-Jean-de-Védas' } });
    expect(input.ruleSet?.rules.length).toBe(rules().ruleSets[0].rules.length);
    expect(renderStoredReport({ submission: stored, ruleSet: version, storedAt: '2020-09-21T08:00:00Z' })).toContain('Contrôlée le</dt><dd>21/09/2020 à 10:00');
  });

  it('still shows the findings when the stored texts no longer lint', () => {
    const document = fixture('convention-3-ecoles');
    const r = store.recordSubmission(
      storable({
        siret: '21340172200102',
        partyName: 'Montpellier',
        kind: 'convention',
        schoolYear: '2020-2021',
        rawText: '{}',
        contentType: 'application/json',
        receivedAt: '2020-09-21T08:00:00.000Z',
        status: 'rejected',
        ruleSet: { schoolYear: '2020-2021', status: 'in_force', version: 'broken-texts', files: [{ path: 'ruleset.yaml', text: 'schoolYear: 2020' }] },
        findings: [{ rule: '7.montant', article: '7', outcome: 'fail', severity: 'error', message: 'Montant faux', facts: { amount: 140 } }],
        document,
      }),
      store.head('21340172200102'),
    );
    if (!r.ok) throw new Error('stale');
    const html = store.report(r.submission.id)!;
    expect(html).toContain('<span class="verdict-mot">Non conforme</span>');
    expect(html).toContain('<h3 id="article-7-titre">Article 7</h3>');
    expect(html).toContain('Montant faux');
    expect(html).toContain('140,00 €');
    expect(html).toContain('version <code>broken-texts</code>');
  });
});
