import request from 'supertest';
import { testApp, jsonWith, type TestApp } from '../support/api-app';
import { fixtureText, SIRET } from '../support/api-fixtures';
import { sha256Hex } from '../../src/documents/hash';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function post(t: TestApp, body: string, type = 'application/json') {
  return request(t.app).post('/api/submissions').set('Content-Type', type).send(body);
}

function expectError(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

describe('POST /api/submissions', () => {
  let t: TestApp;
  beforeEach(() => {
    t = testApp({ now: () => new Date('2020-09-21T08:00:00Z') });
  });
  afterEach(() => {
    expect(t.faults).toEqual([]);
    t.close();
  });

  it('201: accepts a convention, keeps it and says where', async () => {
    const res = await post(t, fixtureText('convention-3-ecoles.json'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'accepted',
      verdict: 'conforme',
      stage: 'rules',
      id: expect.stringMatching(UUID),
      dossier: { siret: SIRET, url: `/api/dossiers/${SIRET}` },
      ruleSet: { schoolYear: '2020-2021', status: 'in_force' },
    });
    expect(res.headers.location).toBe(`/api/submissions/${res.body.id}`);
    expect(res.body.url).toBe(res.headers.location);
    expect(res.body.report).toBe(`/reports/${res.body.id}`);
    expect(res.body.findings.length).toBeGreaterThan(10);
    expect(res.body.findings.every((f: { outcome: string }) => f.outcome !== 'fail')).toBe(true);
  });

  it.each(['application/yaml', 'text/yaml', 'application/x-yaml', 'application/yaml; charset=utf-8'])('201: reads YAML sent as %s', async (type) => {
    const res = await post(t, fixtureText('convention-3-ecoles.yaml'), type);
    expect(res.status).toBe(201);
    const stored = await request(t.app).get(res.headers.location);
    expect(stored.body).toMatchObject({ contentType: type.split(';')[0], sha256: sha256Hex(fixtureText('convention-3-ecoles.yaml')) });
  });

  it('422 rules: keeps a rejected submission with its report, and the dossier does not change', async () => {
    await post(t, fixtureText('convention-3-ecoles.json'));
    const res = await post(t, fixtureText('titre-2020-2021-4-ecoles.json'));
    expect(res.status).toBe(422);
    expect(res.headers.location).toBeUndefined();
    expect(res.body).toMatchObject({
      status: 'rejected',
      verdict: 'non_conforme',
      stage: 'rules',
      id: expect.stringMatching(UUID),
      dossier: { siret: SIRET },
      report: `/reports/${res.body.id}`,
    });
    expect(
      res.body.findings
        .filter((f: { outcome: string; severity: string }) => f.outcome === 'fail' && f.severity === 'error')
        .map((f: { rule: string }) => f.rule),
    ).toContain('6.titre-montant');
    const dossier = await request(t.app).get(`/api/dossiers/${SIRET}`);
    expect(dossier.body.submissions.map((s: { status: string }) => s.status)).toEqual(['accepted', 'rejected']);
    expect(dossier.body.dues[0]).toMatchObject({ schoolCount: 3, amount: 150 });
    // An invoice at the right count is still accepted: the rejected one changed nothing.
    expect((await post(t, fixtureText('titre-2020-2021-3-ecoles.json'))).status).toBe(201);
  });

  it('422 no_rule_set_in_force: a draft rule set files nothing (see no-rules.test.ts)', async () => {
    const res = await post(t, fixtureText('convention-2021-2022.json'));
    expectError(res, 422, 'no_rule_set_in_force');
    expect(res.body.error.message).toContain('en projet');
    expectError(await request(t.app).get(`/api/dossiers/${SIRET}`), 404, 'unknown_dossier');
  });

  it('422 schema: says what is wrong, where, and keeps nothing', async () => {
    const res = await post(t, fixtureText('convention-invalide.json'));
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ status: 'rejected', verdict: 'non_conforme', stage: 'schema', errors: expect.any(Array) });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/signedOn', message: expect.stringContaining('signedOn'), line: expect.any(Number) }),
        expect.objectContaining({ path: '/schools/0/uai', message: expect.any(String), line: expect.any(Number), column: expect.any(Number) }),
      ]),
    );
    expectError(await request(t.app).get(`/api/dossiers/${SIRET}`), 404, 'unknown_dossier');
    expect((await request(t.app).get('/api/dossiers')).body.total).toBe(0);
  });

  it.each([
    ['JSON', '{\n  "kind": "convention",\n  "schoolYear": "2020-2021",,\n}', 'application/json', 3],
    ['YAML', 'kind: convention\nschools: [a\nschoolYear: "2020-2021"', 'application/yaml', 3],
  ])('400: %s that cannot be read, with its line and column', async (_name, body, type, line) => {
    const res = await post(t, body, type);
    expectError(res, 400, 'malformed_document');
    expect(res.body.error.message).toMatch(/ligne \d+, colonne \d+/);
    expect(res.body.error.details[0]).toMatchObject({ keyword: 'syntax', line: expect.any(Number), column: expect.any(Number) });
    expect(res.body.error.details[0].line).toBeLessThanOrEqual(line);
  });

  it('400: an empty JSON body', async () => {
    expectError(await post(t, ''), 400, 'malformed_document');
  });

  it('400: a YAML body with nothing but a comment', async () => {
    const res = await post(t, '# rien\n', 'application/yaml');
    expectError(res, 400, 'malformed_document');
    expect(res.body.error.message).toContain('document vide');
  });

  it('422 schema: a list is not a submission', async () => {
    const res = await post(t, '- kind: convention\n', 'application/yaml');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ status: 'rejected', stage: 'schema', errors: [expect.objectContaining({ path: '' })] });
  });

  it('413: a document above the limit', async () => {
    const small = testApp({ bodyLimit: 2048 });
    try {
      const big = jsonWith('convention-3-ecoles', { padding: 'x'.repeat(4096) });
      expectError(await post(small, big), 413, 'payload_too_large');
      expect((await request(small.app).get('/api/dossiers')).body.total).toBe(0);
    } finally {
      small.close();
    }
  });

  it('413: the default limit is 1 MB', async () => {
    const big = jsonWith('convention-3-ecoles', { padding: 'x'.repeat(1024 * 1024) });
    expectError(await post(t, big), 413, 'payload_too_large');
  });

  it.each(['text/plain', 'application/xml', 'multipart/form-data; boundary=x'])('415: a body sent as %s', async (type) => {
    expectError(await post(t, fixtureText('convention-3-ecoles.json'), type), 415, 'unsupported_media_type');
  });

  it('415: a body without a media type', async () => {
    const res = await request(t.app)
      .post('/api/submissions')
      .send(Buffer.from(fixtureText('convention-3-ecoles.json')));
    expect(res.status).toBe(415);
  });

  it('405: other methods (GET lists what waits for a decision: test/http/attention.test.ts)', async () => {
    const res = await request(t.app).delete('/api/submissions');
    expectError(res, 405, 'method_not_allowed');
    expect(res.headers.allow).toBe('GET, POST');
  });
});

describe('GET /api/submissions/:id, /api/submissions/:id/raw and /reports/:id', () => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = testApp({ now: () => new Date('2020-09-21T08:00:00Z') });
    id = (await post(t, fixtureText('convention-3-ecoles.json'))).body.id;
  });
  afterAll(() => t.close());

  it('200: the stored submission, its findings, document, hash and rule set', async () => {
    const res = await request(t.app).get(`/api/submissions/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      url: `/api/submissions/${id}`,
      report: `/reports/${id}`,
      raw: `/api/submissions/${id}/raw`,
      dossier: { siret: SIRET, url: `/api/dossiers/${SIRET}` },
      kind: 'convention',
      schoolYear: '2020-2021',
      partyName: 'Saint-Jean-de-Védas',
      receivedAt: '2020-09-21T08:00:00.000Z',
      status: 'accepted',
      stage: 'rules',
      contentType: 'application/json',
      sha256: sha256Hex(fixtureText('convention-3-ecoles.json')),
      ruleSet: {
        schoolYear: '2020-2021',
        status: 'in_force',
        url: '/api/rules/2020-2021',
        texts: expect.stringMatching(/^\/api\/rules\/versions\/[0-9a-f]{16}$/),
      },
      document: JSON.parse(fixtureText('convention-3-ecoles.json')),
    });
    expect(res.body.findings.length).toBeGreaterThan(0);
  });

  it('200: the text as received', async () => {
    const res = await request(t.app).get(`/api/submissions/${id}/raw`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toBe(fixtureText('convention-3-ecoles.json'));
  });

  it('200: the report, as HTML', async () => {
    const res = await request(t.app).get(`/reports/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<span class="verdict-mot">Conforme</span>');
    expect(res.text).toContain('Saint-Jean-de-Védas');
  });

  it.each([
    ['/api/submissions/not-an-id', 'unknown_submission'],
    ['/api/submissions/00000000-0000-4000-8000-000000000000', 'unknown_submission'],
    ['/api/submissions/00000000-0000-4000-8000-000000000000/raw', 'unknown_submission'],
    ['/reports/nope', 'unknown_submission'],
    ['/reports/00000000-0000-4000-8000-000000000000', 'unknown_report'],
    ["/reports/'%3Cscript%3E", 'unknown_submission'],
  ])('404: %s', async (path, code) => {
    expectError(await request(t.app).get(path), 404, code);
  });

  it.each([
    ['/reports/nope', 'aucune pièce « nope »'],
    ['/reports/00000000-0000-4000-8000-000000000000', 'aucun rapport pour la pièce « 00000000-0000-4000-8000-000000000000 »'],
    ["/reports/'%3Cscript%3E", 'aucune pièce « &#x27;&lt;script&gt; »'],
  ])('404 in a browser: a page saying so, not JSON: %s', async (path, message) => {
    const res = await request(t.app).get(path).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain(message);
  });
});
