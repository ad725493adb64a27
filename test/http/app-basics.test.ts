import express from 'express';
import request from 'supertest';
import { createApp } from '../../src/http/app';
import { errorHandler, HttpError, notFound } from '../../src/http/errors';
import { fixtureText, fixtureValue, INVALID_CASES, mutate } from '../support/submissions';
import { testApp } from '../support/api-app';

const faults: unknown[] = [];
const app = createApp({ onFault: (e) => faults.push(e) });

afterEach(() => {
  expect(faults).toEqual([]);
});

function expectErrorBody(res: request.Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(res.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

describe('home page', () => {
  // The home page lists the rule sets and the latest submissions: it needs the store, here a temporary one.
  const t = testApp();
  afterAll(() => t.close());

  it('is a French HTML page naming the service', async () => {
    const res = await request(t.app).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('ENT-école');
    expect(res.text).toContain('/api/validate');
  });

  it('does not advertise the framework', async () => {
    const res = await request(t.app).get('/');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('health', () => {
  it('answers ok', async () => {
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});

describe('POST /api/validate', () => {
  const post = (body: string, type: string | undefined) => {
    const req = request(app).post('/api/validate');
    if (type) req.set('Content-Type', type);
    return req.send(body);
  };

  it.each([
    ['convention-commune.json', 'application/json'],
    ['invoice.json', 'application/json; charset=utf-8'],
    ['convention-rpi.yaml', 'application/yaml'],
    ['convention-rpi.yaml', 'text/yaml'],
    ['termination-breach.json', 'application/yaml'],
  ] as const)('accepts %s sent as %s', async (name, type) => {
    const res = await post(fixtureText(name), type);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: true });
  });

  it.each(INVALID_CASES.filter((_, i) => i % 4 === 0).map((k) => [k.name, k] as const))('answers 422 for %s', async (_name, k) => {
    const res = await post(JSON.stringify(mutate(fixtureValue(k.fixture), k.at, k.value), null, 2), 'application/json');
    expect(res.status).toBe(422);
    expect(res.body.valid).toBe(false);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: k.path, keyword: k.keyword, line: expect.any(Number), column: expect.any(Number) }));
  });

  it('places errors of a YAML body at their line', async () => {
    const res = await post(fixtureText('convention-rpi.yaml').replace('type: EM', 'type: maternelle'), 'application/yaml');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/schools/1/type', line: 30, column: 11 })]);
  });

  it('answers 400 with the position of a syntax error', async () => {
    const res = await post('{\n  "kind": "invoice",\n}', 'application/json');
    expectErrorBody(res, 400, 'malformed_document');
    expect(res.body.error.message).toContain('virgule en trop');
    expect(res.body.error.details).toEqual([expect.objectContaining({ keyword: 'syntax', line: 3, column: 1 })]);
  });

  it('answers 400 for YAML sent as JSON', async () => {
    expectErrorBody(await post(fixtureText('convention-rpi.yaml'), 'application/json'), 400, 'malformed_document');
  });

  it('answers 400 for a custom YAML tag', async () => {
    const res = await post('kind: !!js/function "x"\n', 'application/yaml');
    expectErrorBody(res, 400, 'malformed_document');
    expect(res.body.error.message).toContain('!!js/function');
  });

  it('answers 400 for an empty body', async () => {
    expectErrorBody(await post('', 'application/json'), 400, 'malformed_document');
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x']])('answers 415 for %s', async (type) => {
    const res = await post('kind: invoice', type);
    expectErrorBody(res, 415, 'unsupported_media_type');
    expect(res.body.error.message).toContain('application/json');
  });

  it('answers 415 without a content type', async () => {
    const res = await request(app).post('/api/validate').send(Buffer.from('{}'));
    expectErrorBody(res, 415, 'unsupported_media_type');
  });

  it('answers 413 beyond 1 MB', async () => {
    const big = JSON.stringify({ kind: 'invoice', padding: 'x'.repeat(1024 * 1024) });
    const res = await post(big, 'application/json');
    expectErrorBody(res, 413, 'payload_too_large');
  });

  it('accepts a body just under the limit', async () => {
    const body = JSON.stringify({ ...fixtureValue('invoice.json'), padding: 'x'.repeat(1000 * 1000) });
    const res = await post(body, 'application/json');
    expect(res.status).toBe(422);
  });

  it('answers 405 to other methods, naming POST', async () => {
    const res = await request(app).get('/api/validate');
    expectErrorBody(res, 405, 'method_not_allowed');
    expect(res.headers.allow).toBe('POST');
  });
});

describe('errors', () => {
  it.each([['/nope'], ['/api'], ['/api/validate/x'], ['/health/x']])('answers 404 as JSON for %s', async (path) => {
    expectErrorBody(await request(app).get(path), 404, 'not_found');
  });

  it.each([['/nope'], ['/dossier'], ['/regles/2020-2021/x'], ['/api/nope']])('answers the French 404 page for %s opened in a browser', async (path) => {
    const res = await request(app).get(path).set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('<h1>Page introuvable</h1>');
    expect(res.text).toContain(`Aucune page à l’adresse ${path} : vérifiez l’adresse, ou repartez de l’accueil.`);
    expect(res.text).toContain('<a class="fr-btn" href="/">Retour à l’accueil</a>');
  });

  it.each([['*/*'], ['application/json'], ['application/json, text/html']])('still answers JSON to a program asking for %s', async (accept) => {
    expectErrorBody(await request(app).get('/nope').set('Accept', accept), 404, 'not_found');
  });

  it('escapes the address it repeats', async () => {
    const res = await request(app).get('/<script>alert(1)</script>').set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<script>');
  });

  it('answers 500 for a fault, without its stack, and reports it', async () => {
    const seen: unknown[] = [];
    const faulty = express();
    faulty.get('/boom', () => {
      throw new Error('secret detail at /srv/app.js:12');
    });
    faulty.get('/async', async () => {
      await Promise.resolve();
      throw new Error('later');
    });
    faulty.get('/known', () => {
      throw new HttpError(409, 'conflict', 'déjà là');
    });
    faulty.use(notFound);
    faulty.use(errorHandler((e) => seen.push(e)));
    const res = await request(faulty).get('/boom');
    expectErrorBody(res, 500, 'internal_error');
    expect(res.text).not.toContain('secret');
    expectErrorBody(await request(faulty).get('/async'), 500, 'internal_error');
    expect(seen).toHaveLength(2);
    const known = await request(faulty).get('/known');
    expectErrorBody(known, 409, 'conflict');
    expect(known.body.error.message).toBe('déjà là');
    expect(seen).toHaveLength(2);
  });
});
