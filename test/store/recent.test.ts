import { filed } from '../support/filed';
import { Store } from '../../src/store/store';
import { createServices } from '../../src/service/services';
import { fixture, fixtureText, tempDir } from '../support/api-fixtures';
import { projectRegistry } from '../support/api-app';

/** The latest submissions of every dossier, and whether a person must look at one (the pages' « À examiner »). */
describe('Store.recentSubmissions and needsReview', () => {
  const tmp = tempDir();
  let store: Store;
  beforeAll(() => {
    store = Store.open(tmp.dbPath);
  });
  afterAll(() => {
    store.close();
    tmp.cleanup();
  });

  it('lists the newest first, at most as many as asked, each saying whether a finding was left to a person', async () => {
    const { dossiers } = createServices(store, projectRegistry());
    await dossiers.submit({ submission: fixture('convention-3-ecoles'), rawText: fixtureText('convention-3-ecoles.json'), contentType: 'application/json' });
    // A termination whose letter has no date of receipt: accepted, its notice left to a person (9.lettre-recue).
    const termination = {
      kind: 'termination' as const,
      schoolYear: '2020-2021',
      party: { type: 'commune' as const, name: 'Saint-Jean-de-Védas', siret: '21340270400018' },
      ground: 'notice' as const,
      initiator: 'commune' as const,
      letter: { method: 'registered_letter' as const, sentOn: '2021-01-29' },
      effectiveOn: '2021-02-28',
    };
    const judged = filed(await dossiers.submit({ submission: termination, rawText: JSON.stringify(termination), contentType: 'application/json' }));
    expect(judged.result.status).toBe('accepted');
    const recent = store.recentSubmissions(10);
    expect(recent.map((s) => [s.kind, s.status, s.needsReview])).toEqual([
      ['termination', 'accepted', true],
      ['convention', 'accepted', false],
    ]);
    expect(store.recentSubmissions(1).map((s) => s.kind)).toEqual(['termination']);
    expect(store.submissionsOf('21340270400018').map((s) => s.needsReview)).toEqual([false, true]);
  });
});
