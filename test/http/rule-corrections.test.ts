import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/http/app';
import { buildRegistry } from '../../src/rules/registry';
import { createServices, type Services } from '../../src/service/services';
import { Store } from '../../src/store/store';
import { COMMUNES, fixtureFor, tempDir } from '../support/api-fixtures';
import { RULES_DIR } from '../support/api-fixtures';
import { secureApp, type SecureApp } from '../support/secure-app';

/**
 * « Une version publiée ne se modifie jamais sur place » : the correction of the published year
 * 2021-2022 is a draft kept aside (RULES_DIR/2021-2022/correction/) while the published version
 * goes on judging the year's deposits; published with its reason, it judges the deposits that
 * follow, and each decision already made keeps the version that made it. Over a copy of the
 * project's rules, 2021-2022 made in force.
 */

const tmp = tempDir('ent-compliance-corrections-');
const rulesDir = join(tmp.dir, 'rules');
cpSync(RULES_DIR, rulesDir, { recursive: true });
const y2122 = join(rulesDir, '2021-2022', 'ruleset.yaml');
writeFileSync(y2122, readFileSync(y2122, 'utf8').replace(/^status: draft$/m, 'status: in_force'));
const correctionFile = join(rulesDir, '2021-2022', 'correction', 'ruleset.yaml');

let s: SecureApp;
beforeAll(() => {
  s = secureApp({ rulesDir, now: () => new Date('2021-11-02T08:00:00Z') });
});
afterAll(() => {
  s.close();
  tmp.cleanup();
});

const auth = (r: request.Test) => r.set('Authorization', `Bearer ${s.tokens.juriste}`);
const get = (path: string) => auth(request(s.app).get(path));
const post = (path: string, body?: object) => auth(request(s.app).post(path)).send(body);
const deposit = (commune: (typeof COMMUNES)[keyof typeof COMMUNES]) =>
  auth(request(s.app).post('/api/submissions'))
    .set('Content-Type', 'application/json')
    .send(JSON.stringify({ ...fixtureFor('convention-3-ecoles', commune), schoolYear: '2021-2022', signedOn: '2021-09-20' }));

/** A restarted server: the same files and database, new registry and services. */
async function restarted<T>(read: (app: ReturnType<typeof createApp>) => Promise<T>): Promise<T> {
  const again = Store.open(s.services.store.db.name);
  const services: Services = { ...createServices(again, buildRegistry(rulesDir)), rulesDir };
  try {
    return await read(createApp({ services }));
  } finally {
    again.close();
  }
}

let published = '';
let correction = '';
let before = '';

describe('open the correction of a published year: POST /api/rules/:schoolYear/corrections', () => {
  it('a decision made before: judged by the published version', async () => {
    published = (await get('/api/rules/2021-2022')).body.version as string;
    const res = await deposit(COMMUNES.montpellier);
    expect(res.status).toBe(201);
    expect(res.body.ruleSet).toMatchObject({ schoolYear: '2021-2022', status: 'in_force', version: published });
    before = res.body.id as string;
  });

  it('the year’s page offers it to a juriste: « Corriger ces règles… »', async () => {
    const page = await get('/regles/2021-2022');
    expect(page.text).toContain('Corriger ces règles…');
    expect(page.text).toContain('action="/regles/2021-2022/correction"');
    const lecteur = await request(s.app).get('/regles/2021-2022').set('Authorization', `Bearer ${s.tokens.lecteur}`);
    expect(lecteur.text).not.toContain('Corriger ces règles…');
  });

  it('201: a draft kept aside with the year’s files; the published version still serves', async () => {
    const res = await post('/api/rules/2021-2022/corrections');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ schoolYear: '2021-2022', status: 'draft', correctionOf: published });
    correction = res.body.version as string;
    expect(correction).not.toBe(published);
    expect(readFileSync(correctionFile, 'utf8')).toMatch(/^status: draft$/m);
    expect(readFileSync(y2122, 'utf8')).toMatch(/^status: in_force$/m);
    expect((await get('/api/rules/2021-2022')).body).toMatchObject({ status: 'in_force', version: published });
    expect((await get('/api/rules/2021-2022/draft')).body).toMatchObject({ status: 'draft', version: correction, correctionOf: published });
  });

  it.each([
    ['a second correction while one is open', '2021-2022', 409, 'correction_open'],
    ['a year that is not published (its draft is changed directly)', '2022-2023', 409, 'not_published'],
    ['a year without rules', '2030-2031', 404, 'unknown_school_year'],
  ])('refused: %s', async (_name, year, status, code) => {
    if (year === '2022-2023') expect((await post('/api/rules/2022-2023/drafts', { extends: '2021-2022' })).status).toBe(201);
    const res = await post(`/api/rules/${year}/corrections`);
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
  });

  it('the page’s button goes on with the open correction rather than opening another', async () => {
    const res = await auth(request(s.app).post('/regles/2021-2022/correction')).type('form').send({});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/regles/2021-2022/brouillon');
    expect((await get('/regles/2021-2022')).text).toContain('Correction en cours : modifier, vérifier, publier');
  });
});

describe('edit the correction: the published version goes on judging', () => {
  const patch = (what: string, body: object, version: string) =>
    auth(request(s.app).patch(`/api/rules/2021-2022/${what}`))
      .set('If-Match', `"${version}"`)
      .send(body);

  it('a change that a test case of the year contradicts: saved in the correction, its publication refused with the case', async () => {
    const res = await patch('parameters', { maxAnnexRows: 25 }, correction);
    expect(res.status).toBe(200);
    const refused = await post('/api/rules/2021-2022/publication', { reason: 'essai' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.failures[0]).toContain('tests/annexe-1.yaml');
    expect(readFileSync(y2122, 'utf8')).not.toContain('25');
    const back = await patch('parameters', { maxAnnexRows: 15 }, res.body.version as string);
    expect(back.status).toBe(200);
    correction = back.body.version as string;
  });

  it('200: an article’s text corrected in the correction only', async () => {
    const article1 = ((await get('/api/rules/2021-2022')).body.articles as Array<{ id: string; text: string }>).find((a) => a.id === '1')!.text;
    const res = await patch('articles', { '1': `${article1.trimEnd()} (texte corrigé)` }, correction);
    expect(res.body.error).toBeUndefined();
    expect(res.status).toBe(200);
    correction = res.body.version as string;
    expect(readFileSync(correctionFile, 'utf8')).toContain('(texte corrigé)');
    expect(readFileSync(y2122, 'utf8')).not.toContain('(texte corrigé)');
    const page = await get('/regles/2021-2022/brouillon');
    expect(page.text).toContain('Correction des règles 2021-2022');
    expect(page.text).toContain('Ce que la correction change');
    expect(page.text).toMatch(/[Aa]rticle 1/);
  });

  it('a deposit meanwhile is judged by the published version', async () => {
    const res = await deposit(COMMUNES.nimes);
    expect(res.status).toBe(201);
    expect(res.body.ruleSet).toMatchObject({ status: 'in_force', version: published });
  });

  it('a server restarted meanwhile serves the published version and the correction aside', async () => {
    await restarted(async (app) => {
      expect((await request(app).get('/api/rules/2021-2022')).body).toMatchObject({ status: 'in_force', version: published });
      expect((await request(app).get('/api/rules/2021-2022/draft')).body).toMatchObject({ version: correction, correctionOf: published });
    });
  });
});

describe('publish the correction: POST /api/rules/:schoolYear/publication with its reason', () => {
  it('422 without a reason; nothing published', async () => {
    const res = await post('/api/rules/2021-2022/publication', { reason: '  ' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('bad_reason');
    expect(existsSync(correctionFile)).toBe(true);
  });

  it('201: the year’s folder becomes the correction, its reason kept; the correction’s folder is gone', async () => {
    const res = await post('/api/rules/2021-2022/publication', { reason: 'Texte de l’article 1 corrigé', version: correction });
    expect(res.body.error).toBeUndefined();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'in_force',
      reason: 'Texte de l’article 1 corrigé',
      previousVersion: correction,
      publishedAt: '2021-11-02T08:00:00.000Z',
    });
    expect(res.body.version).not.toBe(published);
    expect(existsSync(join(rulesDir, '2021-2022', 'correction'))).toBe(false);
    expect(readFileSync(y2122, 'utf8')).toMatch(/^status: in_force$/m);
    expect(readFileSync(y2122, 'utf8')).toContain('(texte corrigé)');
    expect((await get('/api/rules/2021-2022')).body).toMatchObject({ status: 'in_force', version: res.body.version });
  });

  it('deposits are then judged by the new version; a decision made before keeps the version that made it', async () => {
    const now = (await get('/api/rules/2021-2022')).body.version as string;
    const after = await deposit(COMMUNES.mende);
    expect(after.status).toBe(201);
    expect(after.body.ruleSet).toMatchObject({ status: 'in_force', version: now });
    const old = await get(`/api/submissions/${before}`);
    expect(old.body.ruleSet).toMatchObject({ version: published });
    const report = await get(`/reports/${before}`);
    expect(report.status).toBe(200);
    expect(report.text).toContain(published);
    expect(report.text).not.toContain(now);
    expect((await get(`/api/rules/versions/${published}`)).status).toBe(200);
  });

  it('every version kept: the published one, the correction’s drafts, the correction published; the same after a restart', async () => {
    const versions = (await get('/api/rules/2021-2022/versions')).body as Array<Record<string, unknown>>;
    // Published; the correction opened, changed (changed back: its first version, already kept), its text corrected; published.
    expect(versions.map((v) => [v.status, v.version === published])).toEqual([
      ['in_force', true],
      ['draft', false],
      ['draft', false],
      ['draft', false],
      ['in_force', false],
    ]);
    expect(versions[1]).toMatchObject({ previousVersion: published });
    expect(versions.at(-1)).toMatchObject({ reason: 'Texte de l’article 1 corrigé' });
    await restarted(async (app) => {
      expect((await request(app).get('/api/rules/2021-2022/versions')).body).toEqual(versions);
      expect((await request(app).get('/api/rules/2021-2022')).body.version).toBe(versions.at(-1)!.version);
    });
  });

  it('422 when a correction changes nothing', async () => {
    expect((await post('/api/rules/2021-2022/corrections')).status).toBe(201);
    const res = await post('/api/rules/2021-2022/publication', { reason: 'essai' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unchanged');
  });
});
