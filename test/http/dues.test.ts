import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { formatEuros } from '../../src/wording/format';
import { testApp, type TestApp } from '../support/api-app';
import { COMMUNES, fixtureFor, fixtureText, SIRET } from '../support/api-fixtures';

/**
 * « Sommes dues » (art. 5 to 7): what every dossier owes for a school year, the titre de
 * perception accepted for it and the difference, as JSON, as a page and as a CSV for a French
 * spreadsheet read back by a CSV parser.
 */

async function submit(t: TestApp, body: string) {
  return request(t.app).post('/api/submissions').set('Content-Type', 'application/json').send(body);
}

describe('Sommes dues', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = testApp();
    // Saint-Jean-de-Védas: 3 schools, titre of 3 schools accepted. Montpellier: 3 schools, no titre.
    // Mende: 3 schools, terminated by right in April 2021 (the year stays owed: no refund, art. 10).
    expect((await submit(t, fixtureText('convention-3-ecoles.json'))).status).toBe(201);
    expect((await submit(t, fixtureText('titre-2020-2021-3-ecoles.json'))).body.status).toBe('accepted');
    expect((await submit(t, JSON.stringify(fixtureFor('convention-3-ecoles', COMMUNES.montpellier)))).status).toBe(201);
    expect((await submit(t, JSON.stringify(fixtureFor('convention-3-ecoles', COMMUNES.mende)))).status).toBe(201);
    for (const name of ['mise-en-demeure', 'conciliation-echec', 'resiliation-plein-droit']) {
      expect((await submit(t, JSON.stringify(fixtureFor(name, COMMUNES.mende)))).body.status).toBe('accepted');
    }
  });
  afterAll(() => t.close());

  describe('GET /api/dues/:schoolYear', () => {
    it('200: each dossier with its schools, amount, basis, titre and difference, and the totals', async () => {
      const res = await request(t.app).get('/api/dues/2020-2021');
      expect(res.status).toBe(200);
      expect(res.body.schoolYear).toBe('2020-2021');
      expect(res.body.total).toEqual({ schoolCount: 9, amount: 450 });
      expect(res.body.dossiers.map((d: { name: string }) => d.name)).toEqual(['Mende', 'Montpellier', 'Saint-Jean-de-Védas']);
      const sjdv = res.body.dossiers[2];
      expect(sjdv).toEqual({
        siret: SIRET,
        name: 'Saint-Jean-de-Védas',
        type: 'commune',
        schoolCount: 3,
        amount: 150,
        basis: '7',
        explanation: expect.stringContaining('article 7'),
        convention: 'in_force',
        invoiced: true,
        invoicedAmount: 150,
        difference: 0,
        url: `/api/dossiers/${SIRET}`,
      });
      expect(res.body.dossiers[1]).toMatchObject({ name: 'Montpellier', amount: 150, invoiced: false, invoicedAmount: null, difference: null });
      expect(res.body.dossiers[0]).toMatchObject({ name: 'Mende', amount: 150, convention: 'terminated' });
    });

    it.each([
      ['convention=terminated', ['Mende']],
      ['convention=in_force', ['Montpellier', 'Saint-Jean-de-Védas']],
      ['titre=missing', ['Mende', 'Montpellier']],
      ['titre=different', []],
      ['convention=in_force&titre=missing', ['Montpellier']],
    ])('200: ?%s filters, and the totals are of the lines shown', async (query, names) => {
      const res = await request(t.app).get(`/api/dues/2020-2021?${query}`);
      expect(res.status).toBe(200);
      expect(res.body.dossiers.map((d: { name: string }) => d.name)).toEqual(names);
      expect(res.body.total).toEqual({ schoolCount: 3 * names.length, amount: 150 * names.length });
    });

    it('a year before the convention owes nothing (art. 6)', async () => {
      const res = await request(t.app).get('/api/dues/2021-2022');
      expect(res.status).toBe(200);
      expect(res.body.dossiers.find((d: { name: string }) => d.name === 'Mende')).toMatchObject({ amount: 0, basis: '10' });
    });

    it.each([
      ['/api/dues/2019-2020', 404, 'unknown_school_year'],
      ['/api/dues/2020-2022', 404, 'unknown_school_year'],
      ['/api/dues/2020-2021?convention=active', 400, 'invalid_query'],
      ['/api/dues/2020-2021?titre=oui', 400, 'invalid_query'],
    ])('%s → %i %s, in French', async (path, status, code) => {
      const res = await request(t.app).get(path);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/année scolaire|paramètre/);
    });
  });

  describe('GET /api/dues/:schoolYear/export.csv', () => {
    it('UTF-8 with a BOM, `;`, decimal comma, one French header row, the total last', async () => {
      const res = await request(t.app)
        .get('/api/dues/2020-2021/export.csv')
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename=sommes-dues-2020-2021.csv');
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows: string[][] = parse(bytes, { delimiter: ';', bom: true });
      expect(rows[0]).toEqual([
        'SIRET',
        'Commune ou RPI',
        'Type',
        'Écoles inscrites',
        'Montant dû (€)',
        'Fondement',
        'Convention',
        'Titre de perception accepté',
        'Montant du titre (€)',
        'Écart titre − dû (€)',
      ]);
      expect(rows.slice(1, -1).map((r) => [r[1], r[3], r[4], r[6], r[7], r[8], r[9]])).toEqual([
        ['Mende', '3', '150,00', 'résiliée', 'non', '', ''],
        ['Montpellier', '3', '150,00', 'en vigueur', 'non', '', ''],
        ['Saint-Jean-de-Védas', '3', '150,00', 'en vigueur', 'oui', '150,00', '0,00'],
      ]);
      const sum = rows.slice(1, -1).reduce((s, r) => s + Number(r[4].replace(',', '.')), 0);
      expect(rows.at(-1)!.slice(1, 5)).toEqual(['Total', '', '9', '450,00']);
      expect(sum).toBe(450);
    });

    it('the filters apply to the export too', async () => {
      const res = await request(t.app).get('/api/dues/2020-2021/export.csv?titre=missing');
      const rows: string[][] = parse(res.text, { delimiter: ';', bom: true });
      expect(rows.slice(1, -1).map((r) => r[1])).toEqual(['Mende', 'Montpellier']);
      expect(rows.at(-1)![4]).toBe('300,00');
    });
  });

  describe('page « Sommes dues »', () => {
    it('lists the dossiers with their amounts in euros, the totals and the export link', async () => {
      const res = await request(t.app).get('/sommes-dues?annee=2020-2021');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<h1>Sommes dues pour l’année scolaire 2020-2021</h1>');
      expect(res.text).toContain(formatEuros(450));
      expect(res.text).toContain('href="/api/dues/2020-2021/export.csv"');
      expect(res.text).toContain('article 7 (liste de la convention)');
      expect(res.text).toMatch(/<option value="2020-2021" selected>/);
    });

    it('filters by convention and titre', async () => {
      const res = await request(t.app).get('/sommes-dues?annee=2020-2021&convention=terminated');
      expect(res.text).toContain('Mende');
      expect(res.text).not.toContain('Montpellier</a>');
      // Handlebars writes `=` as `&#x3D;` in an attribute: the browser reads it back as `=`.
      expect(res.text).toContain('href="/api/dues/2020-2021/export.csv?convention&#x3D;terminated"');
    });

    it('an unknown year is a French page, 404', async () => {
      const res = await request(t.app).get('/sommes-dues?annee=2019-2020');
      expect(res.status).toBe(404);
      expect(res.text).toContain('Aucun jeu de règles ne fixe la participation de l’année scolaire 2019-2020');
    });
  });
});
