import request from 'supertest';
import { matchRoute, ROUTE_ACCESS } from '../../src/auth/access';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureFor, fixtureText, COMMUNES, RULES_DIR, SIRET, tempDir } from '../support/api-fixtures';
import { OTHER_SIRET, secureApp, type SecureApp } from '../support/secure-app';

/**
 * Every role on every route: what each may do, what a commune may see of the others (nothing),
 * and what a request without a token gets (401 in JSON for the API, the login page for a page).
 */

type Who = 'juriste' | 'lecteur' | 'commune' | 'otherCommune';
const WHO: readonly Who[] = ['juriste', 'lecteur', 'commune', 'otherCommune'];

let s: SecureApp;
let ids: { convention: string; other: string; mistake: string };
/** A token made to be revoked from the pages. */
let spare: string;
let version: string;

// A juriste prepares and publishes rules below: on a copy of the project's, never in them.
const rules = tempDir('ent-compliance-access-rules-');
afterAll(() => rules.cleanup());

beforeAll(async () => {
  cpSync(RULES_DIR, join(rules.dir, 'rules'), { recursive: true });
  s = secureApp({ now: () => new Date('2020-09-21T08:00:00Z'), rulesDir: join(rules.dir, 'rules') });
  const file = (token: string, body: string) =>
    request(s.app).post('/api/submissions').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(body);
  const a = await file(s.tokens.juriste, fixtureText('convention-3-ecoles.json'));
  const b = await file(s.tokens.juriste, JSON.stringify(fixtureFor('convention-3-ecoles', COMMUNES.montpellier)));
  // An invoice for 4 schools, rejected: the one withdrawn below.
  const c = await file(s.tokens.juriste, fixtureText('titre-2020-2021-4-ecoles.json'));
  expect([a.status, b.status, c.status]).toEqual([201, 201, 422]);
  ids = { convention: a.body.id, other: b.body.id, mistake: c.body.id };
  version = a.body.ruleSet.version;
  spare = s.token('lecteur').id;
});
afterAll(() => s.close());
afterEach(() => expect(s.faults).toEqual([]));

interface Case {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: () => string;
  type?: 'json' | 'form' | 'yaml';
  body?: () => string | Record<string, string>;
  /** Expected status for each principal; `ok` is any 2xx. */
  expect: Record<Who, number | 'ok'>;
}

const ALL_OK = { juriste: 'ok', lecteur: 'ok', commune: 'ok', otherCommune: 'ok' } as const;
/** A resource of the commune's own dossier: the other commune is told it does not exist. */
const OWN = { juriste: 'ok', lecteur: 'ok', commune: 'ok', otherCommune: 404 } as const;
const STAFF = { juriste: 'ok', lecteur: 'ok', commune: 403, otherCommune: 403 } as const;
/** What only the académie's staff see, a draft: a commune is told it does not exist. */
const DRAFT = { juriste: 'ok', lecteur: 'ok', commune: 404, otherCommune: 404 } as const;
const JURISTE_ONLY = { juriste: 'ok', lecteur: 403, commune: 403, otherCommune: 403 } as const;
const invoice = () => fixtureText('titre-2020-2021-3-ecoles.json');

const CASES: Case[] = [
  { method: 'GET', path: () => '/', expect: ALL_OK },
  { method: 'GET', path: () => '/dossiers', expect: ALL_OK },
  { method: 'GET', path: () => `/dossiers/${SIRET}`, expect: OWN },
  { method: 'GET', path: () => '/regles', expect: ALL_OK },
  { method: 'GET', path: () => '/regles/2020-2021', expect: ALL_OK },
  // Every dossier's submissions go into an impact: not for a commune.
  { method: 'GET', path: () => '/regles/2020-2021/comparer/2021-2022', expect: { juriste: 'ok', lecteur: 'ok', commune: 403, otherCommune: 403 } },
  { method: 'GET', path: () => '/regles/2021-2022/impact', expect: { juriste: 'ok', lecteur: 'ok', commune: 403, otherCommune: 403 } },
  { method: 'GET', path: () => '/controle', expect: ALL_OK },
  // A year's drafts: read by the académie's staff, changed by a juriste only, never seen by a commune.
  { method: 'GET', path: () => '/regles/preparer', expect: JURISTE_ONLY },
  { method: 'POST', path: () => '/regles/preparer', type: 'form', body: () => ({ annee: '2023-2024', base: '2021-2022' }), expect: JURISTE_ONLY },
  { method: 'GET', path: () => '/regles/2021-2022/brouillon', expect: STAFF },
  { method: 'POST', path: () => '/regles/2021-2022/brouillon', type: 'form', body: () => ({ 'p.maxAnnexRows': '15' }), expect: JURISTE_ONLY },
  { method: 'GET', path: () => '/regles/2021-2022/brouillon/fichiers/ruleset.yaml', expect: STAFF },
  {
    method: 'POST',
    path: () => '/regles/2021-2022/brouillon/fichiers/tests/cas.yaml',
    type: 'form',
    body: () => ({ texte: 'cases: []' }),
    expect: JURISTE_ONLY,
  },
  { method: 'GET', path: () => '/regles/2021-2022/verification', expect: STAFF },
  { method: 'GET', path: () => '/regles/2021-2022/publication', expect: JURISTE_ONLY },
  { method: 'POST', path: () => '/regles/2021-2022/publication', type: 'form', body: () => ({ motif: '' }), expect: JURISTE_ONLY },
  { method: 'GET', path: () => '/api/rules/2021-2022/versions', expect: STAFF },
  { method: 'GET', path: () => '/api/rules/2021-2022/draft', expect: STAFF },
  { method: 'GET', path: () => '/api/rules/2021-2022/check', expect: STAFF },
  { method: 'POST', path: () => '/api/rules/2022-2023/drafts', type: 'json', body: () => JSON.stringify({ extends: '2021-2022' }), expect: JURISTE_ONLY },
  { method: 'PATCH', path: () => '/api/rules/2022-2023/parameters', type: 'json', body: () => JSON.stringify({ maxAnnexRows: 15 }), expect: JURISTE_ONLY },
  { method: 'PATCH', path: () => '/api/rules/2022-2023/articles', type: 'json', body: () => JSON.stringify({}), expect: JURISTE_ONLY },
  { method: 'PUT', path: () => '/api/rules/2022-2023/files/tests/cas.yaml', type: 'yaml', body: () => 'cases: []\n', expect: JURISTE_ONLY },
  { method: 'POST', path: () => '/api/rules/2020-2021/corrections', expect: JURISTE_ONLY },
  { method: 'POST', path: () => '/regles/2020-2021/correction', type: 'form', body: () => ({}), expect: JURISTE_ONLY },
  { method: 'POST', path: () => '/api/rules/2022-2023/publication', type: 'json', body: () => JSON.stringify({ reason: '' }), expect: JURISTE_ONLY },
  {
    method: 'POST',
    path: () => '/controle',
    type: 'form',
    body: () => ({ action: 'controler', texte: invoice() }),
    expect: { juriste: 'ok', lecteur: 'ok', commune: 'ok', otherCommune: 403 },
  },
  {
    method: 'POST',
    path: () => '/controle',
    type: 'form',
    body: () => ({ action: 'deposer', texte: invoice() }),
    expect: { juriste: 'ok', lecteur: 403, commune: 'ok', otherCommune: 403 },
  },
  { method: 'GET', path: () => `/reports/${ids.convention}`, expect: OWN },
  { method: 'GET', path: () => `/reports/${ids.convention}/download`, expect: OWN },
  { method: 'GET', path: () => `/reports/${ids.convention}/pdf`, expect: OWN },
  { method: 'POST', path: () => '/api/validate', type: 'json', body: invoice, expect: ALL_OK },
  { method: 'POST', path: () => '/api/check', type: 'json', body: invoice, expect: { juriste: 'ok', lecteur: 'ok', commune: 'ok', otherCommune: 403 } },
  { method: 'POST', path: () => '/api/submissions', type: 'json', body: invoice, expect: { juriste: 'ok', lecteur: 403, commune: 'ok', otherCommune: 403 } },
  { method: 'GET', path: () => `/api/submissions/${ids.convention}`, expect: OWN },
  { method: 'GET', path: () => `/api/submissions/${ids.convention}/raw`, expect: OWN },
  { method: 'GET', path: () => '/api/dossiers', expect: ALL_OK },
  { method: 'GET', path: () => `/api/dossiers/${SIRET}`, expect: OWN },
  { method: 'GET', path: () => `/api/dossiers/${SIRET}/dues/2020-2021`, expect: OWN },
  // Académie-wide lists: a commune's token sees its own dossier's lines only (below).
  { method: 'GET', path: () => '/sommes-dues', expect: ALL_OK },
  { method: 'GET', path: () => '/a-traiter', expect: ALL_OK },
  { method: 'GET', path: () => '/echeances', expect: ALL_OK },
  { method: 'GET', path: () => '/api/dues/2020-2021', expect: ALL_OK },
  { method: 'GET', path: () => '/api/dues/2020-2021/export.csv', expect: ALL_OK },
  { method: 'GET', path: () => '/api/submissions', expect: ALL_OK },
  { method: 'GET', path: () => '/api/deadlines', expect: ALL_OK },
  { method: 'GET', path: () => '/api/deadlines/calendar.ics', expect: ALL_OK },
  { method: 'GET', path: () => '/api/rules', expect: ALL_OK },
  { method: 'POST', path: () => '/api/rules/reload', expect: { juriste: 'ok', lecteur: 403, commune: 403, otherCommune: 403 } },
  // The same from the pages, and the access tokens: juristes only.
  { method: 'POST', path: () => '/regles/recharger', expect: { juriste: 'ok', lecteur: 403, commune: 403, otherCommune: 403 } },
  { method: 'GET', path: () => '/jetons', expect: { juriste: 'ok', lecteur: 403, commune: 403, otherCommune: 403 } },
  {
    method: 'POST',
    path: () => '/jetons',
    type: 'form',
    body: () => ({ role: 'lecteur', label: 'essai' }),
    expect: { juriste: 'ok', lecteur: 403, commune: 403, otherCommune: 403 },
  },
  { method: 'GET', path: () => `/jetons/${spare}/revocation`, expect: { juriste: 'ok', lecteur: 403, commune: 403, otherCommune: 403 } },
  { method: 'POST', path: () => `/jetons/${spare}/revocation`, expect: { juriste: 303, lecteur: 403, commune: 403, otherCommune: 403 } },
  { method: 'GET', path: () => `/api/rules/versions/${version}`, expect: ALL_OK },
  { method: 'GET', path: () => '/api/rules/2020-2021', expect: ALL_OK },
  // A draft is the académie's work in progress: a commune is told there are no such rules.
  { method: 'GET', path: () => '/api/rules/2021-2022', expect: DRAFT },
  { method: 'GET', path: () => '/regles/2021-2022', expect: DRAFT },
  { method: 'GET', path: () => `/pieces/${ids.convention}`, expect: OWN },
  // Juristes only; another commune's is not there. The confirmation page before the withdrawal itself.
  { method: 'GET', path: () => `/pieces/${ids.mistake}/retrait`, expect: { juriste: 'ok', lecteur: 403, commune: 403, otherCommune: 404 } },
  {
    method: 'POST',
    path: () => `/pieces/${ids.mistake}/retrait`,
    type: 'form',
    body: () => ({ motif: 'titre envoyé par erreur' }),
    expect: { juriste: 'ok', lecteur: 403, commune: 403, otherCommune: 404 },
  },
  {
    method: 'POST',
    path: () => `/api/submissions/${ids.convention}/withdrawal`,
    type: 'json',
    body: () => '{"reason": "essai"}',
    expect: { juriste: 'ok', lecteur: 403, commune: 403, otherCommune: 404 },
  },
];

function send(c: Case, auth?: { bearer?: string }) {
  const agent = request(s.app);
  let req =
    c.method === 'GET' ? agent.get(c.path()) : c.method === 'PATCH' ? agent.patch(c.path()) : c.method === 'PUT' ? agent.put(c.path()) : agent.post(c.path());
  if (auth?.bearer) req = req.set('Authorization', `Bearer ${auth.bearer}`);
  if (c.type === 'json') req = req.set('Content-Type', 'application/json').send(c.body!() as string);
  else if (c.type === 'form') req = req.type('form').send(c.body!() as Record<string, string>);
  else if (c.type === 'yaml') req = req.set('Content-Type', 'text/yaml').send(c.body!() as string);
  return req;
}

/** `GET /dossiers/${SIRET}`, from the case's function: the ids are not known when the tests are named. */
const title = (c: Case) => {
  const path = c.path
    .toString()
    .replace(/^\(\)\s*=>\s*/, '')
    .replace(/[`'"]/g, '')
    .replace(/\b\w+_\d+\./g, '');
  const action = c.type === 'form' && 'action' in (c.body!() as Record<string, string>) ? ` (${(c.body!() as Record<string, string>).action})` : '';
  return `${c.method} ${path}${action}`;
};

describe('académie-wide lists, for a commune', () => {
  const get = (path: string, who: Who) => request(s.app).get(path).set('Authorization', `Bearer ${s.tokens[who]}`);
  it('dues: its own dossier only; staff see every dossier', async () => {
    expect((await get('/api/dues/2020-2021', 'commune')).body.dossiers.map((d: { siret: string }) => d.siret)).toEqual([SIRET]);
    expect((await get('/api/dues/2020-2021', 'otherCommune')).body.dossiers.map((d: { siret: string }) => d.siret)).not.toContain(SIRET);
    expect((await get('/api/dues/2020-2021', 'lecteur')).body.dossiers.map((d: { siret: string }) => d.siret)).toEqual(
      expect.arrayContaining([SIRET, COMMUNES.montpellier.siret]),
    );
  });
  it('deadlines and submissions to treat: its own dossier only, whatever it asks', async () => {
    const deadlines = (await get('/api/deadlines', 'otherCommune')).body.deadlines as Array<{ siret: string }>;
    expect(deadlines.every((d) => d.siret === OTHER_SIRET)).toBe(true);
    expect((await get(`/api/submissions?siret=${SIRET}`, 'otherCommune')).body.items).toEqual([]);
    expect((await get('/api/deadlines/calendar.ics', 'otherCommune')).text).not.toContain(SIRET);
  });
});

it('the cases cover every row of the access table but the public ones', () => {
  const covered = new Set(CASES.map((c) => matchRoute(c.method, c.path())?.route));
  const rows = ROUTE_ACCESS.filter((r) => r.access !== 'public');
  for (const r of rows) expect({ row: `${r.method} ${r.path}`, covered: covered.has(r) }).toEqual({ row: `${r.method} ${r.path}`, covered: true });
});

describe('a commune never sees a draft', () => {
  it.each(WHO)('the list of rule sets, as %s: the draft 2021-2022 only for the staff', async (who) => {
    const staff = who === 'juriste' || who === 'lecteur';
    const api = await request(s.app).get('/api/rules').set('Authorization', `Bearer ${s.tokens[who]}`);
    const years = (api.body.items as { schoolYear: string; status: string }[]).map((r) => `${r.schoolYear} ${r.status}`);
    expect(years).toContain('2020-2021 in_force');
    expect(years.includes('2021-2022 draft')).toBe(staff);
    for (const path of ['/regles', '/']) {
      const page = await request(s.app).get(path).set('Authorization', `Bearer ${s.tokens[who]}`);
      expect(page.status).toBe(200);
      expect({ path, draft: page.text.includes('/regles/2021-2022"') }).toEqual({ path, draft: staff });
    }
  });
});

describe.each(CASES.map((c) => [title(c), c] as const))('%s', (_title, c) => {
  it.each(WHO)('as %s', async (who) => {
    const res = await send(c, { bearer: s.tokens[who] });
    const expected = c.expect[who];
    // Allowed: done (2xx), refused by the rules (422), a draft's save without its version or on
    // another (428, 409), or a form's redirect to what it made (303, not to the login page).
    const allowed =
      (res.status >= 200 && res.status < 300) ||
      [409, 422, 428].includes(res.status) ||
      (res.status === 303 && !String(res.headers.location).startsWith('/connexion'));
    if (expected === 'ok') expect({ status: res.status, ok: allowed }).toEqual({ status: res.status, ok: true });
    else expect(res.status).toBe(expected);
    if (expected === 403 || expected === 404) {
      // The reports' routes answer their errors in JSON, as the API does.
      if (/^\/(api|reports)\//.test(c.path()))
        expect(res.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
      else expect(res.headers['content-type']).toMatch(/^text\/html/);
      // Nothing of the other dossier leaks into the refusal.
      expect(res.text).not.toContain('Saint-Jean-de-Védas');
    }
  });

  it('without a token: 401 in JSON for the API, the login page for a page', async () => {
    const res = await send(c);
    if (c.path().startsWith('/api')) {
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="ent-compliance"');
      expect(res.body.error).toEqual({ code: 'unauthenticated', message: expect.stringContaining('Authorization: Bearer') });
    } else {
      expect(res.status).toBe(303);
      const back = c.method === 'GET' && c.path() !== '/' ? `/connexion?suivant=${encodeURIComponent(c.path())}` : '/connexion';
      expect(res.headers.location).toBe(back);
    }
  });
});

describe('tokens refused', () => {
  it.each([
    ['a token of another shape', 'Bearer abc', 'jeton mal formé'],
    ['an unknown token', `Bearer entc_000000000000_${'A'.repeat(43)}`, 'jeton inconnu'],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`, 'jeton mal formé'],
    ['an empty bearer', 'Bearer ', 'jeton mal formé'],
  ])('%s: 401, invalid_token', async (_name, header, message) => {
    const res = await request(s.app).get('/api/rules').set('Authorization', header);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="ent-compliance", error="invalid_token"');
    expect(res.body.error.message).toContain(message);
  });

  it('a revoked token: 401 from the next request on', async () => {
    const { token, id } = s.token('juriste');
    expect((await request(s.app).get('/api/rules').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    s.services.tokens.revoke(id);
    const res = await request(s.app).get('/api/rules').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain('jeton révoqué');
  });

  it('/health stays public', async () => {
    expect((await request(s.app).get('/health')).status).toBe(200);
  });
});

describe('a commune sees its own dossier only', () => {
  const as = (who: Who) => (path: string) => request(s.app).get(path).set('Authorization', `Bearer ${s.tokens[who]}`);

  it('the list of dossiers: its own, whatever the search', async () => {
    const list = await as('commune')('/api/dossiers');
    expect(list.body.items.map((d: { siret: string }) => d.siret)).toEqual([SIRET]);
    expect(list.body.total).toBe(1);
    expect((await as('commune')('/api/dossiers?q=montpellier')).body.total).toBe(0);
    expect((await as('commune')(`/api/dossiers?q=${OTHER_SIRET.slice(0, 6)}`)).body.total).toBe(0);
    expect((await as('lecteur')('/api/dossiers')).body.total).toBe(2);
    const page = await as('otherCommune')('/dossiers');
    expect(page.text).toContain('Montpellier');
    expect(page.text).not.toContain('Saint-Jean-de-Védas');
  });

  it('the home page lists its own latest submissions only', async () => {
    const home = await as('otherCommune')('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain(`/reports/${ids.other}`);
    expect(home.text).not.toContain(`/reports/${ids.convention}`);
    expect((await as('juriste')('/')).text).toContain(`/reports/${ids.convention}`);
  });

  it('the other commune’s submission and report by id: 404, the very answer to one that does not exist', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    const unknownSiret = COMMUNES.nimes.siret;
    for (const path of [
      `/api/submissions/${ids.other}`,
      `/api/submissions/${ids.other}/raw`,
      `/reports/${ids.other}`,
      `/reports/${ids.other}/download`,
      `/pieces/${ids.other}`,
      `/pieces/${ids.other}/retrait`,
      `/dossiers/${OTHER_SIRET}`,
      `/api/dossiers/${OTHER_SIRET}`,
      `/api/dossiers/${OTHER_SIRET}/dues/2020-2021`,
    ]) {
      const res = await as('commune')(path);
      const absent = await as('commune')(path.replace(ids.other, nobody).replace(OTHER_SIRET, unknownSiret));
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.text.replace(ids.other, nobody).replace(OTHER_SIRET, unknownSiret)).toBe(absent.text);
    }
  });

  it('the other commune’s report opened in a browser: the page of a report that does not exist', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    const browser = (path: string) => as('commune')(path).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    for (const path of [`/reports/${ids.other}`, `/reports/${ids.other}/download`]) {
      const res = await browser(path);
      const absent = await browser(path.replace(ids.other, nobody));
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 404, type: 'text/html; charset=utf-8' });
      expect(res.text).toContain('Rapport introuvable');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.text.replace(ids.other, nobody)).toBe(absent.text);
    }
  });

  it('the same, spelt with capitals or a trailing slash, as Express would route it', async () => {
    for (const path of [`/API/DOSSIERS/${OTHER_SIRET}`, `/api/dossiers/${OTHER_SIRET}/`, `/Reports/${ids.other}`, `/api/Submissions/${ids.other}/RAW`]) {
      const res = await as('commune')(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });

  it('filing or checking a document of another dossier: 403, nothing kept', async () => {
    const before = s.services.store.submissionsOf(OTHER_SIRET).length;
    const body = JSON.stringify(fixtureFor('titre-2020-2021-3-ecoles', COMMUNES.montpellier));
    for (const path of ['/api/submissions', '/api/check']) {
      const res = await request(s.app).post(path).set('Authorization', `Bearer ${s.tokens.commune}`).set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('other_dossier');
    }
    expect(s.services.store.submissionsOf(OTHER_SIRET)).toHaveLength(before);
  });
});

describe('routes outside the table', () => {
  const as = (who: Who, method: 'get' | 'delete' | 'put', path: string) => request(s.app)[method](path).set('Authorization', `Bearer ${s.tokens[who]}`);

  it('are closed to communes, and beyond reading to all but juristes', async () => {
    expect((await as('commune', 'get', '/nulle-part')).status).toBe(403);
    expect((await as('lecteur', 'get', '/nulle-part')).status).toBe(404);
    expect((await as('lecteur', 'delete', `/api/submissions/${ids.convention}`)).status).toBe(403);
    expect((await as('commune', 'put', `/api/dossiers/${SIRET}`)).status).toBe(403);
    expect((await as('juriste', 'delete', `/api/submissions/${ids.convention}`)).status).toBe(405);
  });
});
