import request from 'supertest';
import { testApp } from '../support/api-app';
import { fixtureText, SIRET } from '../support/api-fixtures';
import { secureApp, type SecureApp } from '../support/secure-app';
import { pageProblems } from '../pages/accessibility';

/** The pages' sign-in with a token, the session cookie, signing out, and the AUTH=off banner. */

let s: SecureApp;
beforeAll(() => {
  s = secureApp({ now: () => new Date('2020-09-21T08:00:00Z') });
});
afterAll(() => s.close());
afterEach(() => expect(s.faults).toEqual([]));

function signIn(token: string, suivant?: string, cookie?: string) {
  const req = request(s.app).post('/connexion').type('form');
  if (cookie) req.set('Cookie', cookie);
  return req.send({ jeton: token, ...(suivant !== undefined ? { suivant } : {}) });
}

function sessionCookie(res: request.Response): string {
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const c = set.find((x) => x.startsWith('ent_session='));
  if (!c) throw new Error(`no session cookie in ${JSON.stringify(set)}`);
  return c.split(';')[0];
}

describe('GET /connexion', () => {
  it('is an accessible page with the form, under the pages’ policy', async () => {
    const res = await request(s.app).get('/connexion?suivant=%2Fdossiers');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<form method="post" action="/connexion"');
    expect(res.text).toContain('name="suivant" value="/dossiers"');
    expect(res.text).toContain('type="password" id="jeton" name="jeton"');
    expect(pageProblems(res.text)).toEqual([]);
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('drops a return address to another site', async () => {
    for (const suivant of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await request(s.app).get('/connexion').query({ suivant });
      expect(res.text).toContain('name="suivant" value="/"');
    }
  });
});

describe('POST /connexion', () => {
  it('a good token: a session cookie (HttpOnly, SameSite=Strict, Path=/), never the token, and back where the person was going', async () => {
    const res = await signIn(s.tokens.lecteur, '/dossiers?q=v%C3%A9das');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/dossiers?q=v%C3%A9das');
    const set = ([] as string[]).concat(res.headers['set-cookie']);
    expect(set).toHaveLength(1);
    expect(set[0]).toMatch(/^ent_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(set[0]).not.toContain(s.tokens.lecteur.slice(18));

    const cookie = sessionCookie(res);
    const page = await request(s.app).get('/dossiers').set('Cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Connecté : <strong>essai lecteur — lecteur (lecture seule)</strong>');
    expect(page.text).toContain('<form method="post" action="/deconnexion"');
    expect(pageProblems(page.text)).toEqual([]);
    // The cookie opens the API too, for a person following a link to a JSON answer.
    expect((await request(s.app).get('/api/dossiers').set('Cookie', cookie)).status).toBe(200);
    expect((await request(s.app).get('/connexion').set('Cookie', cookie)).text).toContain('Vous êtes connecté avec le jeton');
  });

  it.each([
    ['no token', '', 'Saisissez votre jeton.'],
    ['a malformed token', 'bonjour', 'Ce n’est pas un jeton'],
    ['an unknown token', `entc_000000000000_${'A'.repeat(43)}`, 'Jeton inconnu'],
  ])('%s: 401, the form again with the reason, no cookie', async (_name, token, message) => {
    const res = await signIn(token, '/dossiers');
    expect(res.status).toBe(401);
    expect(res.text).toContain(message);
    expect(res.text).toContain('name="suivant" value="/dossiers"');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('a revoked token: 401, said to be revoked', async () => {
    const { token, id } = s.token('lecteur');
    s.services.tokens.revoke(id);
    expect((await signIn(token)).text).toContain('Ce jeton a été révoqué');
  });

  it('goes to the home page after signing in when the return address is another site’s', async () => {
    expect((await signIn(s.tokens.juriste, '//evil.example')).headers.location).toBe('/');
  });

  it('a new session id at every sign-in; the one the browser had before is closed', async () => {
    const first = sessionCookie(await signIn(s.tokens.juriste));
    const second = sessionCookie(await signIn(s.tokens.juriste, '/', first));
    expect(second).not.toBe(first);
    expect((await request(s.app).get('/').set('Cookie', first)).status).toBe(303);
    expect((await request(s.app).get('/').set('Cookie', second)).status).toBe(200);
  });
});

describe('the session', () => {
  it('signing out closes it and clears the cookie', async () => {
    const cookie = sessionCookie(await signIn(s.tokens.juriste));
    const out = await request(s.app).post('/deconnexion').set('Cookie', cookie);
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/connexion');
    expect(([] as string[]).concat(out.headers['set-cookie'])[0]).toMatch(/^ent_session=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0$/);
    const after = await request(s.app).get('/dossiers').set('Cookie', cookie);
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/connexion?suivant=%2Fdossiers');
  });

  it('revoking the token ends its sessions', async () => {
    const { token, id } = s.token('juriste');
    const cookie = sessionCookie(await signIn(token));
    expect((await request(s.app).get('/').set('Cookie', cookie)).status).toBe(200);
    s.services.tokens.revoke(id);
    expect((await request(s.app).get('/').set('Cookie', cookie)).status).toBe(303);
  });

  it('a made-up session id opens nothing', async () => {
    expect(
      (
        await request(s.app)
          .get('/')
          .set('Cookie', `ent_session=${'A'.repeat(43)}`)
      ).status,
    ).toBe(303);
    expect(
      (
        await request(s.app)
          .get('/api/rules')
          .set('Cookie', `ent_session=${'A'.repeat(43)}`)
      ).status,
    ).toBe(401);
  });

  it('a form posted from another site with the cookie: 403, nothing kept', async () => {
    const cookie = sessionCookie(await signIn(s.tokens.juriste));
    const before = s.services.store.submissionsOf(SIRET).length;
    const res = await request(s.app)
      .post('/controle')
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ action: 'deposer', texte: fixtureText('convention-3-ecoles.json') });
    expect(res.status).toBe(403);
    expect(res.text).toContain('formulaire envoyé depuis un autre site');
    expect(s.services.store.submissionsOf(SIRET)).toHaveLength(before);
    const same = await request(s.app)
      .post('/controle')
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ action: 'deposer', texte: fixtureText('convention-3-ecoles.json') });
    // Filed from this site: kept, and the browser sent on to the submission's page.
    expect(same.status).toBe(303);
    expect(same.headers.location).toMatch(/^\/pieces\/[0-9a-f-]{36}\?depot=depose$/);
    expect(s.services.store.submissionsOf(SIRET)).toHaveLength(before + 1);
  });

  it('a reader signed in may check on the form but not file: 403 as a page', async () => {
    const cookie = sessionCookie(await signIn(s.tokens.lecteur));
    const res = await request(s.app)
      .post('/controle')
      .set('Cookie', cookie)
      .type('form')
      .send({ action: 'deposer', texte: fixtureText('titre-2020-2021-3-ecoles.json') });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('ne permet pas de déposer une pièce');
  });
});

describe('AUTH=off', () => {
  const t = testApp();
  afterAll(() => t.close());

  it('every page says so in a visible strip, below the header', async () => {
    for (const path of ['/', '/dossiers', '/regles', '/controle', '/connexion']) {
      const res = await request(t.app).get(path);
      expect(res.status).toBe(200);
      expect(res.text).toContain('Authentification désactivée (AUTH=off)');
      expect(res.text.indexOf('app-acces')).toBeGreaterThan(res.text.indexOf('</header>'));
      expect(pageProblems(res.text)).toEqual([]);
    }
    expect((await request(t.app).get('/connexion')).text).toContain('Le service tourne avec <code>AUTH=off</code>');
  });

  it('the API needs no token; reports are served exactly as kept, without the strip', async () => {
    const res = await request(t.app).post('/api/submissions').set('Content-Type', 'application/json').send(fixtureText('convention-3-ecoles.json'));
    expect(res.status).toBe(201);
    const report = await request(t.app).get(`/reports/${res.body.id}`);
    expect(report.text).toBe(t.services.store.report(res.body.id));
    expect(report.text).not.toContain('AUTH=off');
  });
});
