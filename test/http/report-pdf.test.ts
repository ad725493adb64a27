import request from 'supertest';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { testApp, type TestApp } from '../support/api-app';
import { fixtureText } from '../support/api-fixtures';

/**
 * The report as PDF: made from the stored report's input, never judged again; opened here by a PDF
 * text extractor, as a person would select its text.
 */

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The PDF's text as pdf-parse extracts it (in a process of its own: see test/support/pdf-text.js). */
function textOf(pdf: Buffer): string {
  return execFileSync(process.execPath, [resolve(__dirname, '../support/pdf-text.js')], { input: pdf, encoding: 'utf8' });
}

describe('GET /reports/:id/pdf', () => {
  let t: TestApp;
  let id: string;
  let rejected: string;
  beforeAll(async () => {
    t = testApp();
    id = (await request(t.app).post('/api/submissions').set('Content-Type', 'application/json').send(fixtureText('convention-3-ecoles.json'))).body.id;
    const titre = await request(t.app).post('/api/submissions').set('Content-Type', 'application/json').send(fixtureText('titre-2020-2021-4-ecoles.json'));
    expect(titre.status).toBe(422);
    rejected = titre.body.id;
  });
  afterAll(() => t.close());

  const get = (path: string) => request(t.app).get(path).buffer(true).parse(binary);

  it('an A4 PDF to keep, named like the HTML report', async () => {
    const res = await get(`/reports/${id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?rapport-21340270400018-convention-\d{4}-\d{2}-\d{2}\.pdf"?$/);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  it('its text holds the verdict, an article’s finding and both SHA-256', async () => {
    const pdf = (await get(`/reports/${rejected}/pdf`)).body as Buffer;
    const text = textOf(pdf);
    const stored = t.services.dossiers.submission(rejected)!;
    const html = (await request(t.app).get(`/reports/${rejected}`)).text;
    expect(text).toContain('Verdict : Non conforme');
    expect(text).toMatch(/Article 7/);
    expect(text).toContain('non conforme (bloquant)');
    expect(text).toContain(stored.sha256);
    expect(text).toContain(createHash('sha256').update(html, 'utf8').digest('hex'));
    expect(text).toContain('Saint-Jean-de-Védas');
  });

  it('the same bytes at every download', async () => {
    const a = (await get(`/reports/${id}/pdf`)).body as Buffer;
    const b = (await get(`/reports/${id}/pdf`)).body as Buffer;
    expect(a.equals(b)).toBe(true);
  });

  it('an unknown report: 404, a page for a person', async () => {
    const res = await request(t.app).get('/reports/00000000-0000-4000-8000-000000000000/pdf').set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.text).toContain('aucun rapport pour la pièce');
  });

  it('the piece’s page links to it', async () => {
    const res = await request(t.app).get(`/pieces/${id}`);
    expect(res.text).toContain(`<a href="/reports/${id}/pdf">Télécharger en PDF</a>`);
  });
});
