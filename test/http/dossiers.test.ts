import request from 'supertest';
import { testApp, type TestApp } from '../support/api-app';
import { COMMUNES, fixtureFor, fixtureText, SIRET } from '../support/api-fixtures';

async function submit(t: TestApp, body: string) {
  return request(t.app).post('/api/submissions').set('Content-Type', 'application/json').send(body);
}

function expectError(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
}

describe('dossiers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = testApp();
    expect((await submit(t, fixtureText('convention-3-ecoles.json'))).status).toBe(201);
    for (const c of Object.values(COMMUNES)) expect((await submit(t, JSON.stringify(fixtureFor('convention-3-ecoles', c)))).status).toBe(201);
    // Mende's second convention (the same, laid out otherwise: not a repeat of the first text) is
    // refused: the dossier keeps one accepted and one rejected.
    expect((await submit(t, JSON.stringify(fixtureFor('convention-3-ecoles', COMMUNES.mende), null, 2))).status).toBe(422);
  });
  afterAll(() => t.close());

  describe('GET /api/dossiers', () => {
    it('200: a page of dossiers by name, with their state and what they owe', async () => {
      const res = await request(t.app).get('/api/dossiers');
      expect(res.status).toBe(200);
      // No rule set for today's school year: the latest in force, as « Sommes dues » opens on.
      expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: 5, schoolYear: '2020-2021' });
      expect(res.body.items.map((d: { name: string }) => d.name)).toEqual(['Béziers', 'Mende', 'Montpellier', 'Nîmes', 'Saint-Jean-de-Védas']);
      expect(res.body.items[1]).toEqual({
        siret: COMMUNES.mende.siret,
        name: 'Mende',
        url: `/api/dossiers/${COMMUNES.mende.siret}`,
        submissionCount: 2,
        lastReceivedAt: expect.stringMatching(/Z$/),
        state: expect.objectContaining({ status: 'in_force', label: expect.stringContaining('en vigueur') }),
        dues: { schoolYear: '2020-2021', schoolCount: 3, amount: 150, basis: '7', url: `/api/dossiers/${COMMUNES.mende.siret}/dues/2020-2021` },
        // The latest submission, its own date and its verdict with the line that explains it.
        lastSubmission: expect.objectContaining({
          kind: 'convention',
          documentDate: '2020-09-20',
          status: 'rejected',
          verdict: 'non_conforme',
          verdictNote: expect.stringMatching(/^Une convention signée le 20\/09\/2020 est déjà en cours .* \(art\. 3\)$/),
        }),
      });
    });

    it('200: pages of pageSize', async () => {
      const res = await request(t.app).get('/api/dossiers?page=2&pageSize=2');
      expect(res.body).toMatchObject({ page: 2, pageSize: 2, total: 5 });
      expect(res.body.items.map((d: { name: string }) => d.name)).toEqual(['Montpellier', 'Nîmes']);
      expect((await request(t.app).get('/api/dossiers?page=9')).body.items).toEqual([]);
      expect((await request(t.app).get('/api/dossiers?pageSize=100')).body.pageSize).toBe(100);
    });

    it.each([
      ['nimes', ['Nîmes']],
      ['SAINT', ['Saint-Jean-de-Védas']],
      ['2134', ['Béziers', 'Montpellier', 'Saint-Jean-de-Védas']],
      [SIRET, ['Saint-Jean-de-Védas']],
      ['inconnue', []],
    ])('200: ?q=%s finds by name or SIRET prefix', async (q, names) => {
      const res = await request(t.app).get('/api/dossiers').query({ q });
      expect(res.status).toBe(200);
      expect(res.body.items.map((d: { name: string }) => d.name)).toEqual(names);
      expect(res.body.total).toBe(names.length);
    });

    it.each(['page=0', 'page=-1', 'page=abc', 'pageSize=0', 'pageSize=101', 'pageSize=1.5', 'page=1&page=2', 'q=a&q=b'])('400: ?%s', async (qs) => {
      expectError(await request(t.app).get(`/api/dossiers?${qs}`), 400, 'invalid_query');
    });
  });

  describe('GET /api/dossiers/:siret', () => {
    it('200: submissions oldest first with their reports, state, enrolments, dues', async () => {
      const res = await request(t.app).get(`/api/dossiers/${COMMUNES.mende.siret}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        siret: COMMUNES.mende.siret,
        name: 'Mende',
        submissionCount: 2,
        state: {
          status: 'in_force',
          convention: { schoolYear: '2020-2021', signedOn: '2020-09-20', schoolCount: 3 },
          termination: null,
          termEnd: '2021-10-31',
        },
        enrolments: [{ schoolYear: '2020-2021', schoolCount: 3, basis: '7' }],
        dues: [{ schoolYear: '2020-2021', schoolCount: 3, amount: 150, basis: '7', url: `/api/dossiers/${COMMUNES.mende.siret}/dues/2020-2021` }],
      });
      const [first, second] = res.body.submissions;
      expect([first.status, second.status]).toEqual(['accepted', 'rejected']);
      expect(first.report).toBe(`/reports/${first.id}`);
      expect(res.body.state.convention.id).toBe(first.id);
      expect((await request(t.app).get(second.report)).status).toBe(200);
    });

    it.each([
      ['12345', 'unknown_dossier'],
      ['2134027040001A', 'unknown_dossier'],
      ['213402704000180', 'unknown_dossier'],
      ['21000000000000', 'unknown_dossier'],
    ])('404: %s', async (siret, code) => {
      expectError(await request(t.app).get(`/api/dossiers/${siret}`), 404, code);
    });
  });

  describe('GET /api/dossiers/:siret/dues/:schoolYear', () => {
    it('200: what is owed, on which article, with the schools', async () => {
      const res = await request(t.app).get(`/api/dossiers/${SIRET}/dues/2020-2021`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        siret: SIRET,
        schoolYear: '2020-2021',
        schoolCount: 3,
        amount: 150,
        schools: JSON.parse(fixtureText('convention-3-ecoles.json')).schools,
        basis: '7',
        explanation: expect.stringContaining('article 7'),
        ruleSet: { schoolYear: '2020-2021', status: 'in_force', version: expect.any(String) },
        url: `/api/dossiers/${SIRET}/dues/2020-2021`,
      });
    });

    it('200: a year with its own rules is computed under them, as its invoice would be checked; indicative while they are a draft', async () => {
      const res = await request(t.app).get(`/api/dossiers/${SIRET}/dues/2021-2022`);
      expect(res.body).toMatchObject({ schoolCount: 3, amount: 150, basis: '6.1', ruleSet: { schoolYear: '2021-2022', status: 'draft' } });
      expect(res.body.explanation).toContain('montant indicatif');
    });

    it("200: a year without rules of its own is computed with the convention's rules", async () => {
      const res = await request(t.app).get(`/api/dossiers/${SIRET}/dues/2030-2031`);
      expect(res.body).toMatchObject({ amount: 0, basis: '6', ruleSet: { schoolYear: '2020-2021' } });
    });

    it.each([
      [`/api/dossiers/${SIRET}/dues/2020`, 'unknown_school_year'],
      [`/api/dossiers/${SIRET}/dues/2020-2022`, 'unknown_school_year'],
      [`/api/dossiers/${SIRET}/dues/20a0-2021`, 'unknown_school_year'],
      ['/api/dossiers/21000000000000/dues/2020-2021', 'unknown_dossier'],
      ['/api/dossiers/abc/dues/2020-2021', 'unknown_dossier'],
    ])('404: %s', async (path, code) => {
      expectError(await request(t.app).get(path), 404, code);
    });

    it('404: a year no rule set prices, for a dossier without a convention', async () => {
      const other = testApp();
      try {
        // A dossier whose only piece was rejected: no convention, so no rules to borrow for 2030-2031.
        expect((await submit(other, JSON.stringify(fixtureFor('titre-2020-2021-3-ecoles', COMMUNES.nimes)))).status).toBe(422);
        expectError(await request(other.app).get(`/api/dossiers/${COMMUNES.nimes.siret}/dues/2030-2031`), 404, 'unknown_school_year');
        expect((await request(other.app).get(`/api/dossiers/${COMMUNES.nimes.siret}/dues/2020-2021`)).body).toMatchObject({ amount: 0, basis: 'none' });
      } finally {
        other.close();
      }
    });
  });

  it('405 on the dossier routes', async () => {
    expect((await request(t.app).post('/api/dossiers')).status).toBe(405);
    expect((await request(t.app).delete(`/api/dossiers/${SIRET}`)).status).toBe(405);
    expect((await request(t.app).put(`/api/dossiers/${SIRET}/dues/2020-2021`)).status).toBe(405);
  });

  it('404 for an address nobody answers', async () => {
    expectError(await request(t.app).get('/api/nothing'), 404, 'not_found');
  });
});
