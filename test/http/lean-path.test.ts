import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { HELMET_OPTIONS, recordHelmet, securityHeaders } from '../../src/http/middleware/security-headers';
import { sequence } from '../../src/http/middleware/sequence';
import { sendJson } from '../../src/http/answer';
import { testApp, type TestApp } from '../support/api-app';
import { fixtureText } from '../support/api-fixtures';

/**
 * The lighter path of the API's requests (issue 17): helmet's headers replayed from one
 * recording, middlewares run as one layer, the body read in one pass, verdicts sent without
 * Express's generic answer. Each must answer what the generic path answered.
 */

/** The headers a response got, without those that differ from one response to the next. */
function stableHeaders(h: Record<string, string | string[] | undefined>) {
  const { date: _d, connection: _c, 'keep-alive': _k, 'x-request-id': _r, 'content-length': _l, etag: _e, ...rest } = h;
  return rest;
}

describe('helmet’s headers, recorded once and replayed', () => {
  it('are the very headers helmet sets on a response', async () => {
    const withHelmet = express()
      .disable('x-powered-by')
      .use(helmet(HELMET_OPTIONS))
      .get('/', (_q, r) => void r.send('x'));
    const replayed = express()
      .disable('x-powered-by')
      .use(securityHeaders())
      .get('/', (_q, r) => void r.send('x'));
    const [a, b] = await Promise.all([request(withHelmet).get('/'), request(replayed).get('/')]);
    expect(stableHeaders(b.headers)).toEqual(stableHeaders(a.headers));
    expect(recordHelmet().set.length).toBeGreaterThanOrEqual(10);
  });

  it('removes X-Powered-By as helmet does', async () => {
    const app = express()
      .use(securityHeaders())
      .get('/', (_q, r) => void r.send('x'));
    expect((await request(app).get('/')).headers['x-powered-by']).toBeUndefined();
  });
});

describe('sequence', () => {
  const app = (...handlers: express.RequestHandler[]) =>
    express()
      .use(sequence(...handlers))
      .get('/', (_q, r) => void r.send('fin'))
      .use(((err, _q, r, _n) => void r.status(418).send(String((err as Error).message))) as express.ErrorRequestHandler);

  it('runs each in turn, then the routes', async () => {
    const seen: string[] = [];
    const res = await request(
      app(
        (_q, _r, n) => (seen.push('a'), n()),
        (_q, _r, n) => (seen.push('b'), n()),
      ),
    ).get('/');
    expect([res.text, seen]).toEqual(['fin', ['a', 'b']]);
  });

  it('stops at one that answers', async () => {
    const res = await request(
      app(
        (_q, r) => void r.status(401).send('non'),
        () => {
          throw new Error('jamais');
        },
      ),
    ).get('/');
    expect([res.status, res.text]).toEqual([401, 'non']);
  });

  it('hands errors passed, thrown or rejected to the error handler', async () => {
    for (const h of [
      ((_q, _r, n) => n(new Error('passée'))) as express.RequestHandler,
      () => {
        throw new Error('levée');
      },
      async () => {
        throw new Error('rejetée');
      },
    ]) {
      const res = await request(app(h)).get('/');
      expect(res.status).toBe(418);
      expect(res.text).toMatch(/passée|levée|rejetée/);
    }
  });
});

describe('the body read in one pass', () => {
  let t: TestApp;
  beforeEach(() => (t = testApp({ bodyLimit: '64kb' })));
  afterEach(() => {
    expect(t.faults).toEqual([]);
    t.close();
  });

  it('a body sent gzip-compressed is still inflated and judged', async () => {
    const res = await request(t.app)
      .post('/api/check')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize((b: unknown) => b as string)
      .send(gzipSync(fixtureText('convention-3-ecoles.json')));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('accepted');
  });

  it('a compressed body beyond the limit once inflated: 413', async () => {
    const big = JSON.stringify({ kind: 'convention', padding: ' '.repeat(200 * 1024) });
    const res = await request(t.app)
      .post('/api/check')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize((b: unknown) => b as string)
      .send(gzipSync(big));
    expect(res.status).toBe(413);
  });

  it('a leading byte-order mark is dropped, the text kept otherwise as sent', async () => {
    const text = fixtureText('convention-3-ecoles.json');
    const res = await request(t.app)
      .post('/api/submissions')
      .set('Content-Type', 'application/json')
      .serialize((b: unknown) => b as string)
      .send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(res.status).toBe(201);
    expect((await request(t.app).get(`/api/submissions/${res.body.id}/raw`)).text).toBe(text);
  });

  it('an empty body is an unreadable document (400), not a fault', async () => {
    const res = await request(t.app).post('/api/check').set('Content-Type', 'application/json').send('');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_document');
  });

  it('a body in several chunks is joined before decoding, a character cut between two included', async () => {
    const bytes = Buffer.from(fixtureText('convention-3-ecoles.json'));
    // Cut inside "é" of Védas: each chunk alone is not UTF-8, the whole is.
    const cut = bytes.indexOf(Buffer.from('é')) + 1;
    const server = createServer(t.app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<{ status: number; body: { status: string } }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: '/api/check', method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (text += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        req.write(bytes.subarray(0, cut));
        setTimeout(() => req.end(bytes.subarray(cut)), 20);
      });
      expect(answer).toMatchObject({ status: 200, body: { status: 'accepted' } });
    } finally {
      server.close();
    }
  });
});

describe('verdicts sent without res.json', () => {
  it('the same bytes and headers as res.json', async () => {
    const body = { status: 'accepted', message: 'Conforme : « 3 écoles » ✓', n: 1.5, list: [null, true], absent: undefined };
    const viaExpress = express().post('/', (_q, r) => void r.status(201).json(body));
    const viaSend = express().post('/', (_q, r) => sendJson(r, 201, body));
    const [a, b] = await Promise.all([request(viaExpress).post('/'), request(viaSend).post('/')]);
    expect(b.status).toBe(201);
    expect(b.text).toBe(a.text);
    expect(b.headers['content-type']).toBe(a.headers['content-type']);
    expect(b.headers['content-length']).toBe(a.headers['content-length']);
  });
});
