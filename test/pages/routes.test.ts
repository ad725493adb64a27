import request from 'supertest';
import { CONTENT_SECURITY_POLICY, REPORT_CONTENT_SECURITY_POLICY } from '../../src/http/page-headers';
import { fixtureText, SIRET } from '../support/api-fixtures';
import { testApp, type TestApp } from '../support/api-app';
import { pageProblems } from './accessibility';

/** The pages as served: status codes, headers, the form in both encodings, the reports and their download. */

const B = 'formulaireENT';

function multipart(fields: Record<string, string>, file?: { name: string; text: string }): Buffer {
  const parts = Object.entries(fields).map(([k, v]) => `--${B}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  if (file)
    parts.push(`--${B}\r\nContent-Disposition: form-data; name="fichier"; filename="${file.name}"\r\nContent-Type: application/json\r\n\r\n${file.text}\r\n`);
  return Buffer.from(`${parts.join('')}--${B}--\r\n`);
}

const post = (t: TestApp, body: Buffer) => request(t.app).post('/controle').set('Content-Type', `multipart/form-data; boundary=${B}`).send(body);

describe('the pages', () => {
  let t: TestApp;
  beforeAll(() => {
    t = testApp({ now: () => new Date('2020-10-10T08:00:00Z') });
  });
  afterAll(() => t.close());

  // The form used to answer 201 with the report; it now redirects (POST → redirect → GET) to the
  // page of the submission kept, so that a refresh never deposits again.
  it('files a convention sent as a file: 303 to its page, which shows the report kept, served unchanged, downloadable under a telling name', async () => {
    const res = await post(t, multipart({ texte: '', action: 'deposer' }, { name: 'convention.json', text: fixtureText('convention-3-ecoles.json') }));
    expect(res.status).toBe(303);
    const location = res.headers.location;
    expect(location).toMatch(/^\/pieces\/[0-9a-f-]{36}\?depot=depose$/);
    const id = location.split('/')[2].split('?')[0];
    const stored = t.services.store.submission(id)!;
    expect(stored.rawText).toBe(fixtureText('convention-3-ecoles.json'));
    expect(stored.contentType).toBe('application/json');

    const page = await request(t.app).get(location);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.text).toContain('<span class="verdict-mot">Conforme</span>');
    expect(page.text).toContain('<strong>Pièce déposée.</strong>');
    expect(page.text).toContain(`<a href="/reports/${id}">Rapport conservé</a>`);
    expect(pageProblems(page.text)).toEqual([]);

    const report = await request(t.app).get(`/reports/${id}`);
    expect(report.status).toBe(200);
    // The kept report is a document of its own: inline styles, nothing loaded.
    expect(report.headers['content-security-policy']).toBe(REPORT_CONTENT_SECURITY_POLICY);
    expect(report.headers['x-content-type-options']).toBe('nosniff');
    expect(report.text).toBe(t.services.store.report(id));
    expect(report.headers['content-disposition']).toBeUndefined();
    // The stored report leads back to its dossier, whose page lists it.
    const back = /<p class="retour-dossier"><a href="([^"]+)">Retour au dossier Saint-Jean-de-Védas<\/a><\/p>/.exec(report.text)?.[1];
    expect(back).toBe('/dossiers/21340270400018');
    const dossier = await request(t.app).get(back!);
    expect(dossier.status).toBe(200);
    expect(dossier.text).toContain(`href="/reports/${id}"`);

    for (const url of [`/reports/${id}/download`, `/reports/${id}?download=1`]) {
      const download = await request(t.app).get(url);
      expect(download.status).toBe(200);
      expect(download.headers['content-disposition']).toBe('attachment; filename=rapport-21340270400018-convention-2020-10-10.html');
      expect(download.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(download.text).toBe(report.text);
    }
  });

  it('files the same file again (a second click, a refresh that resends): nothing kept, 303 to the submission already there, « déjà déposée le … »', async () => {
    const before = t.services.store.submissionsOf(SIRET).length;
    const res = await post(t, multipart({ texte: '', action: 'deposer' }, { name: 'convention.json', text: fixtureText('convention-3-ecoles.json') }));
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/\?depot=deja-depose$/);
    expect(t.services.store.submissionsOf(SIRET)).toHaveLength(before);
    const page = await request(t.app).get(res.headers.location);
    expect(page.text).toContain('<strong>Pièce déjà déposée le 10/10/2020 à 10:00.</strong>');
    expect(page.text).not.toContain('<strong>Pièce déposée.</strong>');
  });

  it('checks a pasted amendment without keeping it (urlencoded form too)', async () => {
    const before = t.services.store.submissionsOf(SIRET).length;
    const res = await request(t.app)
      .post('/controle')
      .type('form')
      .send({ texte: fixtureText('avenant-4-ecoles.json'), action: 'controler' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<strong>Contrôle seul :</strong>');
    expect(res.text).toMatch(/Rapport de contrôle — Avenant 2020-2021/);
    expect(res.text).toContain('<a href="/dossiers/21340270400018">Voir le dossier</a>');
    expect(t.services.store.submissionsOf(SIRET)).toHaveLength(before);
  });

  it('answers 422 with the errors by field for a document of the wrong format, and the form filled again', async () => {
    const res = await post(t, multipart({ texte: fixtureText('convention-invalide.json'), action: 'deposer' }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('Pièce refusée — format d’échange non respecté');
    expect(res.text).toContain('Écoles › n° 1 › UAI');
    expect(res.text).toMatch(/value="deposer" checked>/);
    expect(pageProblems(res.text)).toEqual([]);
  });

  it('answers 422 for unreadable text, with its line', async () => {
    const res = await post(t, multipart({ texte: '{"kind": ', action: 'controler' }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('Pièce refusée — texte illisible (ni JSON ni YAML valide)');
    expect(res.text).toMatch(/ligne 1, colonne \d+/);
  });

  it.each([
    ['nothing', multipart({ texte: '', action: 'controler' }), 'Choisissez le fichier de la pièce ou collez son texte.'],
    ['no action', multipart({ texte: '{}' }), 'Choisissez « Contrôler » ou « Déposer ».'],
  ])('answers 400 with the form and its problem when %s is chosen', async (_case, body, message) => {
    const res = await post(t, body);
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(pageProblems(res.text)).toEqual([]);
  });

  it.each([
    [
      'a PDF',
      'convention-signee.pdf',
      Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n', 'latin1'),
      'c’est un fichier PDF, pas un document JSON ou YAML',
    ],
    [
      'a Word file',
      'convention.docx',
      Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000', 'latin1'), Buffer.alloc(24), Buffer.from('word/document.xml'), Buffer.from([0x8f, 0xc3])]),
      'c’est un document Word (.docx), pas un document JSON ou YAML',
    ],
  ])('says in one line that %s is not a document, with the form', async (_case, name, bytes, words) => {
    const head = Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="action"\r\n\r\ncontroler\r\n--${B}\r\nContent-Disposition: form-data; name="fichier"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const res = await post(t, Buffer.concat([head, bytes, Buffer.from(`\r\n--${B}--\r\n`)]));
    expect(res.status).toBe(400);
    expect(res.text).toContain(`Le fichier « ${name} » ne peut pas être contrôlé : ${words}`);
    expect(res.text).not.toContain('UTF-8');
    expect(pageProblems(res.text)).toEqual([]);
  });

  it('answers 400 as a page for a malformed multipart body', async () => {
    const res = await request(t.app).post('/controle').set('Content-Type', `multipart/form-data; boundary=${B}`).send(Buffer.from('garbage'));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('formulaire mal formé : séparateur absent');
  });

  it('answers 413 with the form when the document is too large', async () => {
    const small = testApp({ bodyLimit: 2048 });
    try {
      const res = await request(small.app)
        .post('/controle')
        .set('Content-Type', `multipart/form-data; boundary=${B}`)
        .send(multipart({ texte: 'x'.repeat(4096), action: 'controler' }));
      expect(res.status).toBe(413);
      expect(res.text).toContain('Le document dépasse la taille acceptée (2 Kio au plus).');
    } finally {
      small.close();
    }
  });

  it('lists the dossier with its history and dues, and finds it by a part of its name', async () => {
    const dossier = await request(t.app).get(`/dossiers/${SIRET}`);
    expect(dossier.status).toBe(200);
    expect(dossier.text).toContain('<h1>Saint-Jean-de-Védas</h1>');
    expect(dossier.text).toContain('150,00 €');
    expect(pageProblems(dossier.text)).toEqual([]);
    const found = await request(t.app).get('/dossiers').query({ q: 'védas' });
    expect(found.text).toContain(`<a href="/dossiers/${SIRET}">Saint-Jean-de-Védas</a>`);
    const none = await request(t.app).get('/dossiers').query({ q: 'Perpignan' });
    expect(none.text).toContain('Aucun dossier ne correspond à « Perpignan ».');
  });

  it('shows the latest submissions on the home page', async () => {
    const home = await request(t.app).get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('<p class="fr-badge fr-badge--sm fr-badge--success">Conforme</p>');
    expect(home.text).toContain(`<a href="/dossiers/${SIRET}">Saint-Jean-de-Védas</a>`);
  });

  it.each([
    ['/regles', 'Règles par année scolaire'],
    ['/regles/2020-2021', 'Règles de l’année scolaire 2020-2021'],
    ['/controle', 'Contrôler ou déposer une pièce'],
  ])('serves %s with its security headers', async (url, h1) => {
    const res = await request(t.app).get(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.text).toContain(`<h1>${h1}</h1>`);
    expect(pageProblems(res.text)).toEqual([]);
  });

  it.each([
    ['/dossiers/21340172200102', 404, 'Aucun dossier pour le SIRET 21340172200102'],
    ['/dossiers/abc', 404, 'un SIRET compte 14 chiffres'],
    ['/regles/2030-2031', 404, 'Aucun jeu de règles pour l’année scolaire 2030-2031.'],
    ['/dossiers?page=0', 400, 'paramètre « page »'],
  ])('answers %s with an HTML page %i', async (url, status, message) => {
    const res = await request(t.app).get(url);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.text).toContain(message);
  });

  it('refuses other methods with Allow', async () => {
    const res = await request(t.app).delete('/controle');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, POST');
  });

  it('leaves the API’s answers as they were: JSON, without the pages’ policy', async () => {
    const res = await request(t.app).get('/api/rules');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-security-policy']).toBeUndefined();
  });
});
