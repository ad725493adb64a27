import request from 'supertest';
import { testApp, type TestApp } from '../support/api-app';
import { fixtureText, SIRET } from '../support/api-fixtures';

function check(t: TestApp, body: string, type = 'application/json') {
  return request(t.app).post('/api/check').set('Content-Type', type).send(body);
}

describe('POST /api/check', () => {
  let t: TestApp;
  beforeAll(() => {
    t = testApp();
  });
  afterAll(() => t.close());

  it('200: judges against the stored dossier and keeps nothing', async () => {
    const first = await check(t, fixtureText('convention-3-ecoles.json'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'accepted',
      stage: 'rules',
      dossier: { siret: SIRET, url: `/api/dossiers/${SIRET}` },
      ruleSet: { schoolYear: '2020-2021' },
    });
    expect(first.body).not.toHaveProperty('id');
    expect(first.body).not.toHaveProperty('report');
    expect((await request(t.app).get('/api/dossiers')).body.total).toBe(0);

    // Once the convention is kept, the same check sees it: a second one is refused (art. 3).
    await request(t.app).post('/api/submissions').set('Content-Type', 'application/json').send(fixtureText('convention-3-ecoles.json'));
    const second = await check(t, fixtureText('convention-3-ecoles.yaml'), 'application/yaml');
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('rejected');
    expect(second.body.findings).toContainEqual(expect.objectContaining({ rule: '3.convention-unique', outcome: 'fail' }));
    expect((await request(t.app).get(`/api/dossiers/${SIRET}`)).body.submissionCount).toBe(1);
  });

  it('200: a schema verdict, with the errors', async () => {
    const res = await check(t, fixtureText('convention-invalide.json'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'rejected',
      stage: 'schema',
      errors: expect.arrayContaining([expect.objectContaining({ path: '/schools/0/uai' })]),
    });
  });

  it('400, 415, 405: unreadable, of another type, another method', async () => {
    expect((await check(t, '{"kind": ')).status).toBe(400);
    expect((await check(t, 'kind: convention', 'text/plain')).status).toBe(415);
    expect((await request(t.app).get('/api/check')).status).toBe(405);
  });
});
