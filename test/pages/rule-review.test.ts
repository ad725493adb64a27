import request from 'supertest';
import { fixtureText } from '../support/api-fixtures';
import { testApp, type TestApp } from '../support/api-app';
import { secureApp, type SecureApp } from '../support/secure-app';
import { pageProblems } from './accessibility';

/**
 * The pages a lawyer reads before a year opens: /regles/A/comparer/B (what changes from A's rules
 * to B's) and /regles/YEAR/impact (what YEAR's rules would change to the stored dossiers), through
 * the HTTP layer.
 */

describe('GET /regles/:a/comparer/:b', () => {
  let t: TestApp;
  beforeAll(() => {
    t = testApp();
  });
  afterAll(() => t.close());

  it('the real years: parameters old → new with their article, articles word by word, rules changed', async () => {
    const res = await request(t.app).get('/regles/2020-2021/comparer/2021-2022');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(pageProblems(res.text)).toEqual([]);
    expect(res.text).toContain('<h1>Règles 2020-2021 → 2021-2022</h1>');
    expect(res.text).toMatch(
      /<th scope="row">Fin de la convention<span class="origine"><code>termEnd<\/code><\/span><\/th><td class="nowrap">Article 3<\/td><td class="avant">31\/10\/2021<\/td><td class="apres">31\/10\/2022<\/td>/,
    );
    expect(res.text).toContain(
      'se termine au 31 octobre <del><span class="sr-only">[supprimé : </span>2021<span class="sr-only">]</span></del><ins><span class="sr-only">[ajouté : </span>2022<span class="sr-only">]</span></ins>.',
    );
    expect(res.text).toMatch(/<h2>Articles dont le texte change<\/h2>/);
  });

  it('a year with itself: no difference', async () => {
    const res = await request(t.app).get('/regles/2020-2021/comparer/2020-2021');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Aucune différence : mêmes paramètres, mêmes articles, mêmes règles.');
  });

  it.each([
    ['/regles/2020-2021/comparer/2040-2041', 'Aucun jeu de règles pour l’année scolaire 2040-2041.'],
    ['/regles/2020/comparer/2021-2022', 'aucune année scolaire « 2020 »'],
  ])('%s: 404 page', async (path, message) => {
    const res = await request(t.app).get(path);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain(message);
  });

  it('the rule set page links to the comparisons and the impact', async () => {
    const res = await request(t.app).get('/regles/2021-2022');
    expect(res.text).toContain('<a class="bouton bouton-second" href="/regles/2020-2021/comparer/2021-2022">Comparer avec 2020-2021</a>');
    expect(res.text).toContain('<a class="bouton bouton-second" href="/regles/2021-2022/impact">Impact sur les pièces conservées</a>');
  });
});

describe('GET /regles/:schoolYear/impact', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = testApp({ now: () => new Date('2020-11-20T08:00:00Z') });
    for (const name of ['convention-3-ecoles.json', 'titre-2020-2021-3-ecoles.json']) {
      const res = await request(t.app).post('/api/submissions').set('Content-Type', 'application/json').send(fixtureText(name));
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('the year as it judged: the verdicts, and nothing that changes', async () => {
    const res = await request(t.app).get('/regles/2020-2021/impact');
    expect(res.status).toBe(200);
    expect(pageProblems(res.text)).toEqual([]);
    expect(res.text).toContain('<h1>Impact des règles 2020-2021</h1>');
    expect(res.text).toMatch(
      /<th scope="row"><span class="fr-badge fr-badge--sm fr-badge--success">Conforme<\/span><\/th><td class="nombre">2<\/td><td class="nombre">2<\/td>/,
    );
    expect(res.text).toContain('Aucune pièce ne change de verdict ni de constat, aucun dossier ne doit autre chose.');
  });

  it('a draft as if in force: what it would owe, dossier by dossier', async () => {
    const res = await request(t.app).get('/regles/2021-2022/impact');
    expect(res.status).toBe(200);
    expect(pageProblems(res.text)).toEqual([]);
    expect(res.text).toContain('<span class="fr-badge fr-badge--sm fr-badge--no-icon">en projet</span>');
    expect(res.text).toContain('<h2>Sommes dues pour 2021-2022</h2>');
  });
});

describe('who may compare and measure: lecteur and juriste, not a commune', () => {
  let s: SecureApp;
  beforeAll(() => {
    s = secureApp();
  });
  afterAll(() => s.close());

  it.each([
    ['/regles/2020-2021/comparer/2021-2022', 'juriste', 200],
    ['/regles/2020-2021/comparer/2021-2022', 'lecteur', 200],
    ['/regles/2020-2021/comparer/2021-2022', 'commune', 403],
    ['/regles/2021-2022/impact', 'juriste', 200],
    ['/regles/2021-2022/impact', 'lecteur', 200],
    ['/regles/2021-2022/impact', 'commune', 403],
  ] as const)('%s as %s: %i', async (path, who, status) => {
    const res = await request(s.app).get(path).set('Authorization', `Bearer ${s.tokens[who]}`);
    expect(res.status).toBe(status);
    if (status === 403) expect(res.text).toContain('de comparer les années et d’en mesurer l’impact sur tous les dossiers');
  });

  // The rules in force: a draft year's page is not for a commune at all (404, test/security/access.test.ts).
  it('a commune’s rule set page offers neither', async () => {
    const res = await request(s.app).get('/regles/2020-2021').set('Authorization', `Bearer ${s.tokens.commune}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('/comparer/');
    expect(res.text).not.toContain('/impact');
  });
});
