import request from 'supertest';
import { testApp, type TestApp } from '../support/api-app';
import { COMMUNES, fixtureFor, fixtureText, SIRET } from '../support/api-fixtures';

/**
 * « À traiter »: what waits for a decision — submissions « Non conforme » and « À examiner », not
 * withdrawn, newest first, filtered by verdict, school year, kind and dossier, with page numbers.
 */

async function submit(t: TestApp, body: string) {
  return request(t.app).post('/api/submissions').set('Content-Type', 'application/json').send(body);
}

describe('À traiter', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = testApp();
    ids.convention = (await submit(t, fixtureText('convention-3-ecoles.json'))).body.id;
    // A titre of 4 schools where 3 are owed: « Non conforme ».
    const wrong = await submit(t, fixtureText('titre-2020-2021-4-ecoles.json'));
    expect(wrong.status).toBe(422);
    ids.wrongTitre = wrong.body.id;
    // A late avenant: accepted, its case left to a person or rejected, depending on the rules; what counts is its verdict.
    ids.lateAmendment = (await submit(t, fixtureText('avenant-4-ecoles-tardif.json'))).body.id;
    // Montpellier's second convention is refused (art. 3): « Non conforme » of another dossier.
    expect((await submit(t, JSON.stringify(fixtureFor('convention-3-ecoles', COMMUNES.montpellier)))).status).toBe(201);
    const second = await submit(t, JSON.stringify(fixtureFor('convention-3-ecoles', COMMUNES.montpellier), null, 2));
    expect(second.status).toBe(422);
    ids.secondConvention = second.body.id;
  });
  afterAll(() => t.close());

  const list = async (query = '') => {
    const res = await request(t.app).get(`/api/submissions${query}`);
    expect(res.status).toBe(200);
    return res.body as {
      items: Array<{ id: string; verdict: string; kind: string; dossier: { siret: string } }>;
      total: number;
      page: number;
      pageSize: number;
    };
  };

  describe('GET /api/submissions', () => {
    it('every submission but « Conforme », newest first, with its verdict and dossier', async () => {
      const body = await list();
      expect(body.items.every((s) => s.verdict !== 'conforme')).toBe(true);
      expect(body.items.map((s) => s.id)).not.toContain(ids.convention);
      expect(body.items[0]).toMatchObject({
        id: ids.secondConvention,
        verdict: 'non_conforme',
        kind: 'convention',
        dossier: { siret: COMMUNES.montpellier.siret },
      });
      expect(body.items.map((s) => s.id)).toContain(ids.wrongTitre);
      expect(body.total).toBe(body.items.length);
    });

    it.each([
      ['?verdict=non_conforme', (s: { verdict: string }) => s.verdict === 'non_conforme'],
      ['?kind=invoice', (s: { kind: string }) => s.kind === 'invoice'],
      [`?siret=${SIRET}`, (s: { dossier: { siret: string } }) => s.dossier.siret === SIRET],
      ['?schoolYear=2020-2021', () => true],
    ])('%s filters', async (query, keep) => {
      const all = (await list()).items;
      const body = await list(query);
      expect(body.items.map((s) => s.id)).toEqual(all.filter(keep as (s: unknown) => boolean).map((s) => s.id));
      expect(body.items.length).toBeGreaterThan(0);
    });

    it('another year has nothing to treat', async () => {
      expect((await list('?schoolYear=2021-2022')).total).toBe(0);
    });

    it('pages of pageSize, newest first', async () => {
      const all = (await list()).items.map((s) => s.id);
      const first = await list('?pageSize=1');
      const second = await list('?pageSize=1&page=2');
      expect([first.items[0].id, second.items[0].id]).toEqual(all.slice(0, 2));
      expect(second).toMatchObject({ page: 2, pageSize: 1, total: all.length });
    });

    it.each(['?verdict=conforme', '?verdict=ok', '?kind=lettre', '?schoolYear=2020', '?siret=123', '?page=0'])('%s → 400 in French', async (q) => {
      const res = await request(t.app).get(`/api/submissions${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_query', message: expect.stringMatching(/^paramètre « /) });
    });

    it('a verdict not in the list: the ones it may be, the last after « ou »', async () => {
      const res = await request(t.app).get('/api/submissions?verdict=ok');
      expect(res.body.error.message).toBe('paramètre « verdict » : « non_conforme », « a_examiner » ou « conforme_avec_reserves » attendu, reçu « ok »');
    });
  });

  describe('page « À traiter »', () => {
    it('lists them with their verdict in words, filters and page numbers', async () => {
      const res = await request(t.app).get('/a-traiter?pageSize=1');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<h1>À traiter</h1>');
      expect(res.text).toContain('Non conforme');
      expect(res.text).toContain(`href="/pieces/${ids.secondConvention}"`);
      expect(res.text).toMatch(/<a class="fr-pagination__link" href="\/a-traiter\?page&#x3D;2&amp;pageSize&#x3D;1" title="Page 2">2<\/a>/);
      expect(res.text).toContain('<a class="fr-pagination__link" aria-current="page" title="Page 1">1</a>');
      expect(res.text).toContain('<option value="non_conforme">Non conforme</option>');
    });

    it('filters by verdict and kind', async () => {
      const res = await request(t.app).get('/a-traiter?verdict=non_conforme&kind=convention');
      expect(res.text).toContain(`href="/pieces/${ids.secondConvention}"`);
      expect(res.text).toContain('<option value="non_conforme" selected>');
      expect(res.text).toContain('1 pièce à traiter');
    });
  });

  describe('withdrawals', () => {
    it('a withdrawn submission waits for nothing', async () => {
      const res = await request(t.app).post(`/api/submissions/${ids.wrongTitre}/withdrawal`).send({ reason: 'titre émis par erreur, remplacé' });
      expect(res.status).toBe(201);
      expect((await list()).items.map((s) => s.id)).not.toContain(ids.wrongTitre);
    });
  });
});
