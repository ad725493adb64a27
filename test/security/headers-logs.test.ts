import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../../src/http/app';
import { createLogger } from '../../src/log';
import { createServices } from '../../src/service/services';
import { Store } from '../../src/store/store';
import { projectRegistry } from '../support/api-app';
import { fixtureText, tempDir } from '../support/api-fixtures';

/** helmet's headers on every answer, the pages' policy on pages, and what the request log holds. */

const tmp = tempDir();
const store = Store.open(tmp.dbPath);
const services = createServices(store, projectRegistry());
const token = services.tokens.create({ role: 'juriste', label: 'journal' });
const lines: Array<Record<string, unknown>> = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
    done();
  },
});
const app = createApp({ services, auth: 'on', logger: createLogger('info', sink) });
afterAll(() => {
  store.close();
  tmp.cleanup();
});
beforeEach(() => (lines.length = 0));

// The pages load their styles, fonts and icons from the app, and nothing inline (src/http/page-headers.ts).
const POLICY = "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

describe('headers', () => {
  it.each(['/health', '/api/rules', '/connexion', '/nulle-part'])('%s: helmet’s headers', async (path) => {
    const res = await request(app).get(path).set('Authorization', `Bearer ${token.token}`);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringMatching(/max-age=\d+/),
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it.each(['/', '/dossiers', '/regles', '/controle', '/connexion'])('%s: the pages’ policy, no script', async (path) => {
    const res = await request(app).get(path).set('Authorization', `Bearer ${token.token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(POLICY);
    expect(res.text).not.toMatch(/<script|\son[a-z]+=/i);
  });

  it('a refusal shown as a page has the policy too', async () => {
    const reader = services.tokens.create({ role: 'lecteur' });
    const res = await request(app).post('/controle').set('Authorization', `Bearer ${reader.token}`).type('form').send({ action: 'deposer', texte: '{}' });
    expect(res.headers['content-security-policy']).toBe(POLICY);
  });
});

describe('the request log', () => {
  it('one line per request, with the id sent back; no secret, no query, no content', async () => {
    const res = await request(app)
      .post('/api/check?q=Saint-Jean')
      .set('Authorization', `Bearer ${token.token}`)
      .set('Cookie', 'ent_session=valeur-du-cookie')
      .set('Content-Type', 'application/json')
      .send(fixtureText('convention-3-ecoles.json'));
    expect(res.status).toBe(200);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'requête',
        reqId: res.headers['x-request-id'],
        method: 'POST',
        path: '/api/check',
        status: 200,
        durationMs: expect.any(Number),
        role: 'juriste',
        tokenId: token.record.id,
      }),
    ]);
    const text = JSON.stringify(lines);
    for (const secret of [token.token, token.token.slice(18), 'valeur-du-cookie', 'Saint-Jean', 'Isabelle Guiraud', '0341301E'])
      expect(text).not.toContain(secret);
  });

  it('refused requests are logged without who, as they are nobody', async () => {
    await request(app).get('/api/rules').set('Authorization', 'Bearer entc_faux');
    expect(lines).toEqual([expect.objectContaining({ status: 401, path: '/api/rules' })]);
    expect(lines[0]).not.toHaveProperty('role');
    expect(JSON.stringify(lines)).not.toContain('entc_faux');
  });

  it('a login form’s token is not logged either', async () => {
    await request(app).post('/connexion').type('form').send({ jeton: token.token });
    expect(lines).toEqual([expect.objectContaining({ method: 'POST', path: '/connexion', status: 303 })]);
    expect(JSON.stringify(lines)).not.toContain(token.token.slice(18));
  });

  it('an app built without a logger writes nothing', async () => {
    const writes: unknown[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (writes.push(chunk), true));
    try {
      await request(createApp({ services })).get('/health');
    } finally {
      spy.mockRestore();
    }
    expect(writes).toEqual([]);
  });
});
