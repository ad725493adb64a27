import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { testApp, type TestApp } from '../support/api-app';

/** Préambule: an RPI's dossier page lists the communes of the regroupement, as its latest accepted submission gives them. */

describe('dossier page of an RPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = testApp();
    const text = readFileSync(resolve(__dirname, '../fixtures/submissions/convention-rpi.yaml'), 'utf8');
    const res = await request(t.app).post('/api/submissions').set('Content-Type', 'application/yaml').send(text);
    expect(res.body.status).toBe('accepted');
  });
  afterAll(() => t.close());

  it('lists its communes with their INSEE code and SIRET', async () => {
    const res = await request(t.app).get('/dossiers/21340264700019');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<caption>Communes du regroupement pédagogique intercommunal</caption>');
    expect(res.text).toMatch(
      /<tr><td>Saint-Jean-de-Buèges<\/td><td><span class="code">34264<\/span><\/td><td><span class="code">21340264700019<\/span><\/td><\/tr>/,
    );
    expect(res.text).toMatch(
      /<tr><td>Pégairolles-de-Buèges<\/td><td><span class="code">34195<\/span><\/td><td><span class="code">21340195300012<\/span><\/td><\/tr>/,
    );
  });

  it('the API gives them too', async () => {
    const res = await request(t.app).get('/api/dossiers/21340264700019');
    expect(res.body.communes).toEqual([
      { name: 'Saint-Jean-de-Buèges', inseeCode: '34264', siret: '21340264700019' },
      { name: 'Pégairolles-de-Buèges', inseeCode: '34195', siret: '21340195300012' },
    ]);
    expect(res.body.partyType).toBe('rpi');
  });
});
