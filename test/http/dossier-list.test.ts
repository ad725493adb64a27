import request from 'supertest';
import { formatEuros } from '../../src/wording/format';
import { testApp, type TestApp } from '../support/api-app';
import { COMMUNES, fixtureFor, fixtureText, SIRET } from '../support/api-fixtures';

/**
 * The list of dossiers (GET /api/dossiers, page /dossiers): each dossier with what it owes for the
 * current school year — the very amount « Sommes dues » gives (art. 5 to 7) — and the list narrowed
 * to conventions in force, terminated or absent.
 */

async function submit(t: TestApp, body: string) {
  return request(t.app).post('/api/submissions').set('Content-Type', 'application/json').send(body);
}

type Item = { name: string; siret: string; state: { status: string }; dues: { schoolYear: string; amount: number; schoolCount: number; basis: string } | null };

describe('the dossiers, with what each owes and the convention’s state', () => {
  let t: TestApp;
  // Filed after every document's own date; listed at a "today" of the school year 2020-2021.
  let now = new Date('2026-12-01T09:00:00Z');
  beforeAll(async () => {
    t = testApp({ now: () => now });
    // Saint-Jean-de-Védas and Montpellier: in force. Mende: terminated by right in April 2021 (the
    // year stays owed, art. 10). Nîmes: a titre without a convention, refused (no convention).
    expect((await submit(t, fixtureText('convention-3-ecoles.json'))).status).toBe(201);
    expect((await submit(t, JSON.stringify(fixtureFor('convention-3-ecoles', COMMUNES.montpellier)))).status).toBe(201);
    expect((await submit(t, JSON.stringify(fixtureFor('convention-3-ecoles', COMMUNES.mende)))).status).toBe(201);
    for (const name of ['mise-en-demeure', 'conciliation-echec', 'resiliation-plein-droit'])
      expect((await submit(t, JSON.stringify(fixtureFor(name, COMMUNES.mende)))).body.status).toBe('accepted');
    expect((await submit(t, JSON.stringify(fixtureFor('titre-2020-2021-3-ecoles', COMMUNES.nimes)))).body.status).toBe('rejected');
    now = new Date('2021-03-10T09:00:00Z');
  });
  afterAll(() => t.close());

  const list = async (query = '') => {
    const res = await request(t.app).get(`/api/dossiers${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: Item[]; total: number; schoolYear: string; convention?: string };
  };

  describe('GET /api/dossiers', () => {
    it('gives each dossier what it owes for the current school year, the amount of GET /api/dues', async () => {
      const body = await list();
      expect(body.schoolYear).toBe('2020-2021');
      const dues = (await request(t.app).get('/api/dues/2020-2021')).body.dossiers as Array<{
        siret: string;
        amount: number;
        schoolCount: number;
        basis: string;
      }>;
      expect(body.items.map((d) => [d.name, d.state.status, d.dues?.amount])).toEqual([
        ['Mende', 'terminated', 150],
        ['Montpellier', 'in_force', 150],
        ['Nîmes', 'no_convention', 0],
        ['Saint-Jean-de-Védas', 'in_force', 150],
      ]);
      for (const d of body.items) {
        const line = dues.find((l) => l.siret === d.siret)!;
        expect({ siret: d.siret, dues: d.dues }).toEqual({
          siret: d.siret,
          dues: {
            schoolYear: '2020-2021',
            schoolCount: line.schoolCount,
            amount: line.amount,
            basis: line.basis,
            url: `/api/dossiers/${d.siret}/dues/2020-2021`,
          },
        });
      }
    });

    it('takes the school year from the service’s clock: a year without rules falls back on the latest in force', async () => {
      now = new Date('2026-12-01T09:00:00Z');
      try {
        expect((await list()).schoolYear).toBe('2020-2021');
      } finally {
        now = new Date('2021-03-10T09:00:00Z');
      }
    });

    it.each([
      ['in_force', ['Montpellier', 'Saint-Jean-de-Védas']],
      ['terminated', ['Mende']],
      ['no_convention', ['Nîmes']],
    ])('?convention=%s: only those, counted as such', async (convention, names) => {
      const body = await list(`?convention=${convention}`);
      expect(body.items.map((d) => d.name)).toEqual(names);
      expect(body.total).toBe(names.length);
      expect(body.convention).toBe(convention);
    });

    it('pages a list narrowed to a state, and searches within it', async () => {
      const second = await list('?convention=in_force&pageSize=1&page=2');
      expect({ names: second.items.map((d) => d.name), total: second.total }).toEqual({ names: ['Saint-Jean-de-Védas'], total: 2 });
      expect((await list('?convention=in_force&q=vedas')).items.map((d) => d.siret)).toEqual([SIRET]);
      expect((await list('?convention=terminated&q=vedas')).total).toBe(0);
    });

    it('?convention=active → 400 in French', async () => {
      const res = await request(t.app).get('/api/dossiers?convention=active');
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_query', message: expect.stringMatching(/^paramètre « convention » : « in_force »/) });
    });
  });

  describe('page /dossiers', () => {
    it('shows what each owes for the year, with a link to « Sommes dues »', async () => {
      const res = await request(t.app).get('/dossiers');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<th scope="col">Dû pour 2020-2021</th>');
      expect(res.text).toContain(`<td class="app-nombre">${formatEuros(150)}</td>`);
      expect(res.text).toContain('href="/sommes-dues?annee&#x3D;2020-2021"');
    });

    it('narrows the list to a convention’s state', async () => {
      const res = await request(t.app).get('/dossiers?convention=terminated');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<option value="terminated" selected>Résiliée</option>');
      expect(res.text).toContain('<a href="/dossiers/' + COMMUNES.mende.siret + '">Mende</a>');
      expect(res.text).not.toContain('Montpellier</a>');
      expect(res.text).toContain('<title>Dossiers : conventions résiliées — Conformité ENT-école</title>');
    });
  });
});
