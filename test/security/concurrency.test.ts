import request from 'supertest';
import { siretValid } from '../../src/identifiers/siret';
import { fixture, fixtureText, SIRET } from '../support/api-fixtures';
import { secureApp, type SecureApp } from '../support/secure-app';

/**
 * Fifty submissions at the same moment through the HTTP app, with authentication on as in
 * production: to one dossier, and to fifty. Every one is kept, the dossiers' states are what a
 * one-at-a-time arrival would give, and so are the dues.
 */

const N = 50;

let s: SecureApp;
beforeEach(() => {
  s = secureApp({ now: () => new Date('2020-09-21T08:00:00Z') });
});
afterEach(() => {
  expect(s.faults).toEqual([]);
  s.close();
});

const file = (token: string, body: string) =>
  request(s.app).post('/api/submissions').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(body);
const get = (path: string) => request(s.app).get(path).set('Authorization', `Bearer ${s.tokens.lecteur}`);

/** Establishments of Saint-Jean-de-Védas's SIREN, each a valid SIRET: as many dossiers. */
function sirets(count: number): string[] {
  const out: string[] = [];
  for (let nic = 100; out.length < count; nic++) {
    const base = `213402704${String(nic).padStart(4, '0')}`;
    for (let d = 0; d <= 9; d++) {
      if (siretValid(`${base}${d}`)) {
        out.push(`${base}${d}`);
        break;
      }
    }
  }
  return out;
}

it(`${N} conventions at once to one dossier: all kept, exactly one accepted, the dues of one convention`, async () => {
  // The commune's own token for half, the juriste's for the other half.
  // Each text laid out a little otherwise: fifty deposits, none a repeat of another byte for byte.
  const responses = await Promise.all(
    Array.from({ length: N }, (_, i) => file(i % 2 ? s.tokens.commune : s.tokens.juriste, `${fixtureText('convention-3-ecoles.json')}${' '.repeat(i)}`)),
  );
  const statuses = responses.map((r) => r.status).sort();
  expect(statuses.filter((x) => x === 201)).toHaveLength(1);
  expect(statuses.filter((x) => x === 422)).toHaveLength(N - 1);
  for (const r of responses.filter((x) => x.status === 422)) {
    expect(r.body.findings).toContainEqual(expect.objectContaining({ rule: '3.convention-unique', outcome: 'fail' }));
  }
  const ids = new Set(responses.map((r) => r.body.id));
  expect(ids.size).toBe(N);

  const dossier = await get(`/api/dossiers/${SIRET}`);
  expect(dossier.body.submissionCount).toBe(N);
  expect(dossier.body.submissions.filter((x: { status: string }) => x.status === 'accepted')).toHaveLength(1);
  expect(new Set(dossier.body.submissions.map((x: { id: string }) => x.id))).toEqual(ids);
  const dues = await get(`/api/dossiers/${SIRET}/dues/2020-2021`);
  expect(dues.body).toMatchObject({ schoolCount: 3, amount: 150, basis: '7' });
  // Every one has its report.
  for (const id of ids) expect(s.services.store.report(id)).toEqual(expect.stringContaining('<html'));
});

it(`${N} conventions at once to ${N} dossiers, with an invoice each in the same burst: all accepted, 150 € each`, async () => {
  const all = sirets(N);
  const convention = fixture('convention-3-ecoles');
  const invoice = fixture('titre-2020-2021-3-ecoles');
  const bodies = all.flatMap((siret) => [
    JSON.stringify({ ...convention, party: { ...convention.party, siret } }),
    JSON.stringify({ ...invoice, party: { ...invoice.party, siret } }),
  ]);
  const responses = await Promise.all(bodies.map((b) => file(s.tokens.juriste, b)));
  expect(responses.filter((r) => r.body.id === undefined)).toEqual([]);
  const conventions = responses.filter((_, i) => i % 2 === 0);
  expect(conventions.map((r) => r.status)).toEqual(all.map(() => 201));

  const list = await get(`/api/dossiers?pageSize=100&q=2134027`);
  expect(list.body.total).toBe(N);
  for (const siret of all) {
    const d = await get(`/api/dossiers/${siret}`);
    expect(d.body.submissionCount).toBe(2);
    expect(d.body.submissions.filter((x: { kind: string; status: string }) => x.kind === 'convention' && x.status === 'accepted')).toHaveLength(1);
    const dues = await get(`/api/dossiers/${siret}/dues/2020-2021`);
    expect(dues.body).toMatchObject({ siret, schoolCount: 3, amount: 150 });
  }
});
