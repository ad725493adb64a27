import request from 'supertest';
import { testApp, type TestApp } from '../support/api-app';
import { fixtureText } from '../support/api-fixtures';

describe('rule sets', () => {
  let t: TestApp;
  beforeAll(() => {
    t = testApp();
  });
  afterAll(() => t.close());

  it('GET /api/rules: 200, every rule set with its rule count, and the lint failures', async () => {
    const res = await request(t.app).get('/api/rules');
    expect(res.status).toBe(200);
    expect(res.body.failures).toEqual([]);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        schoolYear: '2020-2021',
        status: 'in_force',
        version: expect.stringMatching(/^[0-9a-f]{16}$/),
        title: expect.stringContaining('2020-2021'),
        ruleCount: expect.any(Number),
        url: '/api/rules/2020-2021',
      }),
      expect.objectContaining({ schoolYear: '2021-2022', status: 'draft', url: '/api/rules/2021-2022' }),
    ]);
    expect(res.body.items[0].ruleCount).toBeGreaterThan(30);
  });

  it('GET /api/rules/:schoolYear: 200, the rule set as data', async () => {
    const res = await request(t.app).get('/api/rules/2020-2021');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ schoolYear: '2020-2021', status: 'in_force', title: expect.any(String) });
    expect(res.body.parameters).toContainEqual(expect.objectContaining({ name: 'feePerSchool', value: 50, article: '5' }));
    expect(res.body.rules).toContainEqual(expect.objectContaining({ id: '3.convention-unique', article: '3', severity: 'error' }));
    expect(res.body.articles).toContainEqual(expect.objectContaining({ id: '2.1', notCheckable: expect.any(String) }));
    expect(res.body).not.toHaveProperty('engines');
  });

  it('GET /api/rules/versions/:version: 200, the texts, loaded or kept', async () => {
    const { version } = (await request(t.app).get('/api/rules/2020-2021')).body;
    const loaded = await request(t.app).get(`/api/rules/versions/${version}`);
    expect(loaded.status).toBe(200);
    expect(loaded.body).toMatchObject({ version, schoolYear: '2020-2021', status: 'in_force', storedAt: null });
    expect(loaded.body.files.map((f: { path: string }) => f.path)).toContain('ruleset.yaml');

    // A version that judged a submission stays readable after the rules change.
    const sent = await request(t.app).post('/api/submissions').set('Content-Type', 'application/json').send(fixtureText('convention-3-ecoles.json'));
    const registry = t.services.registry;
    const saved = registry.ruleSets;
    registry.ruleSets = [];
    try {
      const kept = await request(t.app).get(sent.body.ruleSet ? `/api/rules/versions/${sent.body.ruleSet.version}` : '');
      expect(kept.status).toBe(200);
      expect(kept.body).toMatchObject({ version, storedAt: expect.stringMatching(/Z$/) });
      expect(kept.body.files).toEqual(loaded.body.files);
    } finally {
      registry.ruleSets = saved;
    }
  });

  it.each([
    ['/api/rules/2019-2020', 'unknown_school_year'],
    ['/api/rules/2020', 'unknown_school_year'],
    ['/api/rules/versions/0000000000000000', 'unknown_rule_set_version'],
    ['/api/rules/versions/xyz', 'unknown_rule_set_version'],
  ])('404: %s', async (path, code) => {
    const res = await request(t.app).get(path);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe(code);
  });
});
