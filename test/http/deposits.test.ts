import { filed } from '../support/filed';
import request from 'supertest';
import { fixtureText, SIRET } from '../support/api-fixtures';
import { secureApp, type SecureApp } from '../support/secure-app';
import { Store } from '../../src/store/store';
import { DossierService } from '../../src/service/dossier-service';
import { projectRegistry } from '../support/api-app';

/**
 * One deposit per document: the same text (byte for byte) deposited again in its dossier keeps
 * nothing and answers 200 with the submission already there; a client's retry with the same
 * `Idempotency-Key` gets its first answer; the key with another body is 409. Through the API,
 * with authentication on as in production.
 */

let s: SecureApp;
beforeEach(() => {
  s = secureApp({ now: () => new Date('2020-09-21T08:00:00Z') });
});
afterEach(() => {
  expect(s.faults).toEqual([]);
  s.close();
});

function file(body: string, options: { token?: string; key?: string } = {}) {
  const req = request(s.app)
    .post('/api/submissions')
    .set('Authorization', `Bearer ${options.token ?? s.tokens.juriste}`)
    .set('Content-Type', 'application/json');
  if (options.key !== undefined) req.set('Idempotency-Key', options.key);
  return req.send(body);
}

const count = () => s.services.store.submissionsOf(SIRET).length;
const convention = fixtureText('convention-3-ecoles.json');

describe('the same document deposited again', () => {
  it('200 with the submission already there (id, report, duplicateOf), nothing kept', async () => {
    const first = await file(convention);
    expect(first.status).toBe(201);
    const again = await file(convention);
    expect(again.status).toBe(200);
    expect(again.headers.location).toBeUndefined();
    expect(again.body).toMatchObject({
      status: 'accepted',
      id: first.body.id,
      report: `/reports/${first.body.id}`,
      duplicateOf: { id: first.body.id, url: `/api/submissions/${first.body.id}`, receivedAt: '2020-09-21T08:00:00.000Z' },
    });
    expect(again.body.findings).toEqual(first.body.findings);
    expect(count()).toBe(1);
  });

  it('by the commune, after the juriste: the same dossier, the same answer', async () => {
    const first = await file(convention);
    const again = await file(convention, { token: s.tokens.commune });
    expect([again.status, again.body.duplicateOf.id]).toEqual([200, first.body.id]);
    expect(count()).toBe(1);
  });

  it('laid out otherwise (not the same bytes): a new submission, judged on the dossier', async () => {
    await file(convention);
    const other = await file(`${convention}\n`);
    expect(other.status).toBe(422);
    expect(other.body.duplicateOf).toBeUndefined();
    expect(count()).toBe(2);
  });

  it('a rejected document sent again on an unchanged dossier: the rejection already there', async () => {
    await file(convention);
    const invoice = fixtureText('titre-2020-2021-4-ecoles.json');
    const first = await file(invoice);
    expect(first.status).toBe(422);
    const again = await file(invoice);
    expect([again.status, again.body.status, again.body.duplicateOf?.id]).toEqual([200, 'rejected', first.body.id]);
    expect(count()).toBe(2);
  });

  it('a rejected document sent again once the dossier changed: judged again, and kept (art. 10: the termination after its formal notice and conciliation)', async () => {
    await file(convention);
    const termination = fixtureText('resiliation-plein-droit.json');
    const early = await file(termination);
    expect(early.status).toBe(422);
    expect((await file(fixtureText('mise-en-demeure.json'))).status).toBe(201);
    expect((await file(fixtureText('conciliation-echec.json'))).status).toBe(201);
    const later = await file(termination);
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(early.body.id);
    expect(later.body.duplicateOf).toBeUndefined();
  });

  it('two identical deposits sent at the same moment: exactly one kept, both answered with it', async () => {
    const [a, b] = await Promise.all([file(convention), file(convention, { token: s.tokens.commune })]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(count()).toBe(1);
  });

  it('ten identical deposits at once through two services on one file (two processes): one kept', async () => {
    // A second store and service on the same file stand for another process: its queue does not
    // know this one's, the write transaction's check is what holds.
    const other = Store.open(s.services.store.db.name);
    const otherService = new DossierService(other, projectRegistry());
    try {
      const incoming = { submission: JSON.parse(convention), rawText: convention, contentType: 'application/json' };
      const results = (await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? s.services.dossiers : otherService).submit(incoming)))).map(filed);
      expect(results.filter((r) => r.outcome === 'stored')).toHaveLength(1);
      expect(new Set(results.map((r) => r.stored.id)).size).toBe(1);
      expect(count()).toBe(1);
    } finally {
      other.close();
    }
  });
});

describe('Idempotency-Key', () => {
  it('a retry with the same key and body gets the first answer again (201, same id), marked as replayed', async () => {
    const key = '5c0e4a1e-7b8d-4c1f-9a2e-3d4b5c6d7e8f';
    const first = await file(convention, { key });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await file(convention, { key });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.body).toEqual(first.body);
    expect(count()).toBe(1);
  });

  it('a rejection is replayed as a rejection (422, same id)', async () => {
    await file(convention);
    const key = 'titre-1';
    const first = await file(fixtureText('titre-2020-2021-4-ecoles.json'), { key });
    const retry = await file(fixtureText('titre-2020-2021-4-ecoles.json'), { key });
    expect([first.status, retry.status]).toEqual([422, 422]);
    expect(retry.body).toEqual(first.body);
  });

  it('the same key with another body: 409, nothing kept', async () => {
    const key = 'envoi-42';
    await file(convention, { key });
    const other = await file(fixtureText('titre-2020-2021-3-ecoles.json'), { key });
    expect(other.status).toBe(409);
    expect(other.body.error).toEqual({ code: 'idempotency_key_reused', message: expect.stringContaining('« envoi-42 » a déjà servi pour un autre document') });
    expect(count()).toBe(1);
  });

  it('a key first answered with a duplicate replays that answer (200, duplicateOf)', async () => {
    const first = await file(convention);
    const dup = await file(convention, { key: 'k-dup' });
    const retry = await file(convention, { key: 'k-dup' });
    expect([dup.status, retry.status]).toEqual([200, 200]);
    expect(retry.body).toEqual(dup.body);
    expect(retry.body.duplicateOf.id).toBe(first.body.id);
  });

  it('one token’s keys are its own: the same key from another token is another key', async () => {
    await file(convention, { key: 'partagee' });
    const other = await file(fixtureText('titre-2020-2021-3-ecoles.json'), { key: 'partagee', token: s.tokens.commune });
    expect(other.status).toBe(201);
  });

  it('the same key and body sent twice at the same moment: one kept, the same answer', async () => {
    const [a, b] = await Promise.all([file(convention, { key: 'simultanee' }), file(convention, { key: 'simultanee' })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(count()).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['with a space inside', 'deux mots'],
    ['not ASCII', 'clé'],
  ])('400 for a key %s', async (_name, key) => {
    const res = await request(s.app)
      .post('/api/submissions')
      .set('Authorization', `Bearer ${s.tokens.juriste}`)
      .set('Content-Type', 'application/json')
      .set('Idempotency-Key', Buffer.from(key, 'utf8').toString('latin1'))
      .send(convention);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_idempotency_key');
    expect(count()).toBe(0);
  });
});
