import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/http/app';
import { buildRegistry } from '../../src/rules/registry';
import { createServices, type Services } from '../../src/service/services';
import { Store } from '../../src/store/store';
import { RULES_DIR, fixture, tempDir } from '../support/api-fixtures';
import { withArticleTexts, withParameterValues } from '../../src/rules/draft';
import { secureApp, type SecureApp } from '../support/secure-app';

/**
 * A juriste prepares 2022-2023 from 2021-2022, edits it and publishes it through the API, over a
 * copy of the project's rules: every version kept, every save linted first, a stale save refused.
 */

const tmp = tempDir('ent-compliance-drafts-');
const rulesDir = join(tmp.dir, 'rules');
cpSync(RULES_DIR, rulesDir, { recursive: true });
// 2021-2022 in force, as it will be when 2022-2023 is prepared.
const y2122 = join(rulesDir, '2021-2022', 'ruleset.yaml');
writeFileSync(y2122, readFileSync(y2122, 'utf8').replace(/^status: draft$/m, 'status: in_force'));

let s: SecureApp;
beforeAll(() => {
  s = secureApp({ rulesDir, now: () => new Date('2022-11-02T08:00:00Z') });
});
afterAll(() => {
  s.close();
  tmp.cleanup();
});

const as = (who: 'juriste' | 'lecteur' | 'commune') => ({
  get: (path: string) => request(s.app).get(path).set('Authorization', `Bearer ${s.tokens[who]}`),
  post: (path: string, body: unknown) =>
    request(s.app)
      .post(path)
      .set('Authorization', `Bearer ${s.tokens[who]}`)
      .send(body as object),
  patch: (path: string, body: unknown, version?: string) => {
    const r = request(s.app).patch(path).set('Authorization', `Bearer ${s.tokens[who]}`);
    return (version ? r.set('If-Match', `"${version}"`) : r).send(body as object);
  },
  put: (path: string, text: string, version: string) =>
    request(s.app).put(path).set('Authorization', `Bearer ${s.tokens[who]}`).set('If-Match', version).set('Content-Type', 'text/yaml').send(text),
});
const juriste = as('juriste');

const ARTICLE_5 =
  "Le financement de l'ENT-école est assuré par l'engagement fort de l'académie et la participation des communes, celles-ci n'étant sollicitées que pour un coût réduit fixé à 60 euros TTC par école et par an.";

let version = '';

describe('prepare a year: POST /api/rules/:schoolYear/drafts', () => {
  it('201: a draft that extends its base, the dates proposed a year later and not applied', async () => {
    const res = await juriste.post('/api/rules/2022-2023/drafts', { extends: '2021-2022' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ schoolYear: '2022-2023', extends: '2021-2022', status: 'draft', version: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(res.body.proposals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'termEnd', current: '2022-10-31', proposed: '2023-10-31', article: '3' }),
        expect.objectContaining({ name: 'lastSchoolYearBilled', current: '2021-2022', proposed: '2022-2023' }),
      ]),
    );
    version = res.body.version;
    const text = readFileSync(join(rulesDir, '2022-2023', 'ruleset.yaml'), 'utf8');
    expect(text).toContain('extends: "2021-2022"');
    expect(text).not.toContain('2023-10-31');
    const rules = await juriste.get('/api/rules/2022-2023');
    expect(rules.body).toMatchObject({ status: 'draft', version });
    expect(rules.body.parameters).toContainEqual(expect.objectContaining({ name: 'termEnd', value: '2022-10-31' }));
  });

  it.each([
    ['a year that exists', '2021-2022', { extends: '2020-2021' }, 409, 'rule_set_exists'],
    ['an unknown base', '2023-2024', { extends: '2019-2020' }, 422, 'unknown_base'],
    ['a later base', '2019-2020', { extends: '2021-2022' }, 422, 'unknown_base'],
  ])('refused: %s', async (_name, year, body, status, code) => {
    const res = await juriste.post(`/api/rules/${year}/drafts`, body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });
});

describe('edit: PATCH parameters and articles, PUT a file, with If-Match', () => {
  it('200: the fee and the text of article 5 changed together, a new version', async () => {
    const fee = await juriste.patch('/api/rules/2022-2023/parameters', { feePerSchool: 60 }, version);
    // The fee alone: article 5 no longer quotes it — refused, nothing applied, the error at the parameter.
    expect(fee.status).toBe(422);
    expect(fee.body.error.details.errors[0]).toMatchObject({
      file: 'ruleset.yaml',
      field: 'parameters.feePerSchool',
      message: expect.stringContaining('article 5'),
    });
    expect(readFileSync(join(rulesDir, '2022-2023', 'ruleset.yaml'), 'utf8')).not.toContain('60');

    const text = await juriste.patch('/api/rules/2022-2023/articles', { '5': ARTICLE_5 }, version);
    expect(text.status).toBe(422);
    const both = await request(s.app)
      .put('/api/rules/2022-2023/files/ruleset.yaml')
      .set('Authorization', `Bearer ${s.tokens.juriste}`)
      .set('If-Match', version)
      .set('Content-Type', 'text/yaml')
      .send(
        `${readFileSync(join(rulesDir, '2022-2023', 'ruleset.yaml'), 'utf8')}parameters:\n  feePerSchool: { value: 60 }\narticles:\n  "5":\n    text: ${JSON.stringify(ARTICLE_5)}\n`,
      );
    expect(both.status).toBe(200);
    expect(both.body.version).not.toBe(version);
    expect(both.headers.etag).toBe(`"${both.body.version}"`);
    version = both.body.version;
    const rules = await juriste.get('/api/rules/2022-2023');
    expect(rules.body.parameters).toContainEqual(expect.objectContaining({ name: 'feePerSchool', value: 60 }));
  });

  it('422: a wrong date, at its field; nothing applied', async () => {
    const before = readFileSync(join(rulesDir, '2022-2023', 'ruleset.yaml'), 'utf8');
    const res = await juriste.patch('/api/rules/2022-2023/parameters', { termEnd: '2023-10-31' }, version);
    expect(res.status).toBe(422);
    expect(res.body.error.details.errors).toContainEqual(
      expect.objectContaining({ field: 'parameters.termEnd', message: expect.stringContaining('article 3') }),
    );
    expect(readFileSync(join(rulesDir, '2022-2023', 'ruleset.yaml'), 'utf8')).toBe(before);
    const bad = await juriste.patch('/api/rules/2022-2023/parameters', { termEnd: '31/10/2023' }, version);
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.errors).toContainEqual(expect.objectContaining({ field: 'parameters.termEnd' }));
    // The form of a date, but no such day: 2023-02-30 is not read as 2 March.
    const none = await juriste.patch('/api/rules/2022-2023/parameters', { termEnd: '2023-02-30' }, version);
    expect(none.status).toBe(422);
    expect(none.body.error.details.errors).toContainEqual(
      expect.objectContaining({ field: 'parameters.termEnd', message: expect.stringContaining('une date « AAAA-MM-JJ » du calendrier') }),
    );
    expect(readFileSync(join(rulesDir, '2022-2023', 'ruleset.yaml'), 'utf8')).toBe(before);
  });

  it('400: a body that is not JSON, said where; 404: the versions of a year that has none', async () => {
    const res = await request(s.app)
      .patch('/api/rules/2022-2023/parameters')
      .set('Authorization', `Bearer ${s.tokens.juriste}`)
      .set('If-Match', version)
      .set('Content-Type', 'application/json')
      .send('{termEnd: 1}');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'malformed_body',
      message: expect.stringMatching(/^corps de la requête illisible \(ligne 1, colonne 2\) : JSON invalide/),
    });
    const unknown = await juriste.get('/api/rules/2030-2031/versions');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_school_year');
  });

  it('200: the dates confirmed with the articles that state them, in one save', async () => {
    const article3 = await juriste.patch(
      '/api/rules/2022-2023/articles',
      { '3': 'La présente convention prend effet à la date de signature et se termine au 31 octobre 2023.' },
      version,
    );
    expect(article3.status).toBe(422);
    const base = (await juriste.get('/api/rules/2021-2022')).body as { articles: Array<{ id: string; text: string }> };
    const texts = Object.fromEntries(
      ['3', '6', '7'].map((id) => [
        id,
        base.articles
          .find((a) => a.id === id)!
          .text.replace('31 octobre 2022', '31 octobre 2023')
          .replace(/2021-2022/g, '2022-2023'),
      ]),
    );
    const file = withArticleTexts(
      withParameterValues(readFileSync(join(rulesDir, '2022-2023', 'ruleset.yaml'), 'utf8'), {
        termEnd: '2023-10-31',
        firstSchoolYear: '2022-2023',
        lastSchoolYearBilled: '2022-2023',
      }),
      texts,
    );
    const res = await juriste.put('/api/rules/2022-2023/files/ruleset.yaml', file, version);
    expect(res.body.error).toBeUndefined();
    expect(res.status).toBe(200);
    version = res.body.version;
    expect((await juriste.get('/api/rules/2022-2023/draft')).body.proposals).toEqual([]);
  });

  it('409: a save on a version that is no longer the draft’s, with what changed since', async () => {
    const versions = (await juriste.get('/api/rules/2022-2023/versions')).body as Array<{ version: string }>;
    const older = versions[0].version;
    const res = await juriste.patch('/api/rules/2022-2023/parameters', { maxAnnexRows: 20 }, older);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'stale_version', details: { version, expected: older } });
    expect(JSON.stringify(res.body.error.details.changes)).toContain('feePerSchool');
    expect((await juriste.get('/api/rules/2022-2023')).body.version).toBe(version);
  });

  it('428 without If-Match; 422 for a path outside the folder', async () => {
    expect((await juriste.patch('/api/rules/2022-2023/parameters', { maxAnnexRows: 20 })).status).toBe(428);
    const res = await juriste.put('/api/rules/2022-2023/files/rules/..%2F..%2Fx.yaml', 'a: 1', version);
    expect([404, 422]).toContain(res.status);
    expect(existsSync(join(rulesDir, 'x.yaml'))).toBe(false);
  });

  it('roles: a lecteur reads the draft and its versions, changes nothing; a commune sees neither', async () => {
    expect((await as('lecteur').get('/api/rules/2022-2023/versions')).status).toBe(200);
    expect((await as('lecteur').get('/api/rules/2022-2023/draft')).status).toBe(200);
    expect((await as('lecteur').patch('/api/rules/2022-2023/parameters', { maxAnnexRows: 20 }, version)).status).toBe(403);
    expect((await as('lecteur').post('/api/rules/2022-2023/publication', { reason: 'x' })).status).toBe(403);
    expect((await as('commune').get('/api/rules/2022-2023/versions')).status).toBe(403);
    expect((await as('commune').get('/api/rules/2022-2023/draft')).status).toBe(403);
  });
});

describe('publish: POST /api/rules/:schoolYear/publication', () => {
  it('422 while a test case fails, with the reasons; nothing published', async () => {
    const failing = `cases:\n  - name: Convention de 3 écoles à 150 €\n    submission: ${JSON.stringify({ ...fixture('convention-3-ecoles'), schoolYear: '2022-2023', signedOn: '2022-09-20' })}\n    expect: { status: accepted }\n`;
    const put = await juriste.put('/api/rules/2022-2023/files/tests/conventions.yaml', failing, version);
    expect(put.status).toBe(200);
    version = put.body.version;
    const check = await juriste.get('/api/rules/2022-2023/check');
    expect(check.body.failed).toHaveLength(1);
    const res = await juriste.post('/api/rules/2022-2023/publication', { reason: 'Convention 2022-2023 signée' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('tests_failed');
    expect(res.body.error.details.failures[0]).toContain(
      '« Convention de 3 écoles à 150 € » (tests/conventions.yaml:2) : verdict : attendu accepted, obtenu rejected',
    );
    expect((await juriste.get('/api/rules/2022-2023')).body.status).toBe('draft');
  });

  it('201: published with its reason, by whom and when; deposits of the year are then judged by it', async () => {
    const fixed = `cases:\n  - name: Convention de 3 écoles à 180 €\n    submission: ${JSON.stringify({ ...fixture('convention-3-ecoles'), schoolYear: '2022-2023', signedOn: '2022-09-20', amount: 180 })}\n    expect: { status: accepted, failed: [] }\n`;
    const put = await juriste.put('/api/rules/2022-2023/files/tests/conventions.yaml', fixed, version);
    expect(put.status).toBe(200);
    const res = await juriste.post('/api/rules/2022-2023/publication', {
      reason: 'Convention 2022-2023 signée le 1er septembre 2022',
      version: put.body.version,
    });
    expect(res.body.error?.details).toBeUndefined();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      schoolYear: '2022-2023',
      status: 'in_force',
      reason: 'Convention 2022-2023 signée le 1er septembre 2022',
      createdBy: expect.stringContaining('essai juriste'),
      publishedAt: '2022-11-02T08:00:00.000Z',
      previousVersion: put.body.version,
    });
    expect(readFileSync(join(rulesDir, '2022-2023', 'ruleset.yaml'), 'utf8')).toMatch(/^status: in_force$/m);

    const deposit = await request(s.app)
      .post('/api/submissions')
      .set('Authorization', `Bearer ${s.tokens.juriste}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...fixture('convention-3-ecoles'), schoolYear: '2022-2023', signedOn: '2022-09-20', amount: 180 }));
    expect(deposit.status).toBe(201);
    expect(deposit.body.ruleSet).toEqual(expect.objectContaining({ schoolYear: '2022-2023', status: 'in_force', version: res.body.version }));
  });

  it('409: a published version is not edited in place', async () => {
    const res = await juriste.patch('/api/rules/2022-2023/parameters', { maxAnnexRows: 20 }, (await juriste.get('/api/rules/2022-2023')).body.version);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('published');
  });

  it('every version kept, in order; a server restarted from the files and the database serves the same', async () => {
    const versions = (await juriste.get('/api/rules/2022-2023/versions')).body as Array<Record<string, unknown>>;
    // A test file's change leaves the rules, and so their version, as they were.
    expect(versions.map((v) => v.status)).toEqual(['draft', 'draft', 'draft', 'in_force']);
    expect(versions[3]).toMatchObject({ reason: expect.stringContaining('signée'), publishedAt: expect.any(String) });
    for (const v of versions) expect(v).toEqual(expect.objectContaining({ createdAt: expect.any(String), createdBy: expect.any(String) }));
    const current = (await juriste.get('/api/rules/2022-2023')).body.version;
    expect(readdirSync(join(rulesDir, '2022-2023')).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const again = Store.open(s.services.store.db.name);
    const services: Services = { ...createServices(again, buildRegistry(rulesDir)), rulesDir };
    const app = createApp({ services });
    try {
      expect((await request(app).get('/api/rules/2022-2023/versions')).body).toEqual(versions);
      expect((await request(app).get('/api/rules/2022-2023')).body).toMatchObject({ version: current, status: 'in_force' });
      const kept = await request(app).get(`/api/rules/versions/${versions[2].version as string}`);
      expect(kept.status).toBe(200);
    } finally {
      again.close();
    }
  });
});
