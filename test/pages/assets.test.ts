import request from 'supertest';
import { APP_STYLESHEET, CACHE_FOR_A_YEAR, DSFR_BASE, DSFR_VERSION, PAGE_ASSETS } from '../../src/pages/assets';
import { renderAccessibilityPage } from '../../src/pages/accessibility';
import { testApp, type TestApp } from '../support/api-app';
import { secureApp, type SecureApp } from '../support/secure-app';
import { pageProblems } from './accessibility';

/**
 * The DSFR's files and the app's stylesheet, served by the app itself (the service runs on an
 * internal network: no CDN), kept a year by the browser since their addresses change with them;
 * every file the DSFR's stylesheet names is there; nothing else of the package is served; and the
 * files, like the accessibility statement, are public (the login page needs them).
 */

let t: TestApp;
beforeAll(() => {
  t = testApp();
});
afterAll(() => t.close());

/** The relative addresses a stylesheet names (fonts, icons), without the inline `data:` ones. */
function namedFiles(css: string): string[] {
  return [...new Set([...css.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)].map((m) => m[2]).filter((u) => !u.startsWith('data:')))];
}

describe('the DSFR from its installed package', () => {
  it('addresses its files by its version', () => {
    expect(DSFR_VERSION).toMatch(/^1\.\d+\.\d+$/);
    expect(PAGE_ASSETS.dsfrCss).toBe(`/assets/dsfr-${DSFR_VERSION}/dsfr.main.min.css`);
  });

  it('serves its stylesheet for a year, and every font and icon the stylesheet names', async () => {
    const css = await request(t.app).get(PAGE_ASSETS.dsfrCss);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe(CACHE_FOR_A_YEAR);
    const files = namedFiles(css.text);
    expect(files).toEqual(expect.arrayContaining(['fonts/Marianne-Regular.woff2', 'fonts/Marianne-Bold.woff2']));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      // Relative to the stylesheet, inside the DSFR's folder, never another site.
      expect(file).toMatch(/^[a-z]/);
      const res = await request(t.app).get(`${DSFR_BASE}/${file}`);
      expect({ file, status: res.status, cache: res.headers['cache-control'] }).toEqual({ file, status: 200, cache: CACHE_FOR_A_YEAR });
    }
  });

  it.each([
    ['font/woff2', 'fonts/Marianne-Regular.woff2'],
    ['image/svg+xml', 'favicon/favicon.svg'],
    ['image/png', 'favicon/apple-touch-icon.png'],
    ['text/css; charset=utf-8', 'dsfr.print.min.css'],
  ])('serves %s (%s)', async (type, file) => {
    const res = await request(t.app).get(`${DSFR_BASE}/${file}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
  });

  it.each([
    ['its scripts: the pages run none', 'dsfr.module.min.js'],
    ['its source maps', 'dsfr.main.min.css.map'],
    ['its documentation', 'README.md'],
    ['a file outside its folder', '..%2F..%2Fpackage.json'],
    ['a file it does not have', 'fonts/Inconnue.woff2'],
  ])('does not serve %s', async (_what, file) => {
    const res = await request(t.app).get(`${DSFR_BASE}/${file}`);
    expect(res.status).toBe(404);
    expect(res.headers['cache-control']).not.toBe(CACHE_FOR_A_YEAR);
  });

  it('gives the favicon where a browser looks for it, for a day', async () => {
    const res = await request(t.app).get('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
  });
});

describe('the app’s stylesheet', () => {
  it('is named by a hash of its content and kept a year', async () => {
    expect(APP_STYLESHEET.path).toMatch(/^\/assets\/app-[0-9a-f]{16}\.css$/);
    const res = await request(t.app).get(APP_STYLESHEET.path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers['cache-control']).toBe(CACHE_FOR_A_YEAR);
    expect(res.text).toBe(APP_STYLESHEET.text);
    // The report shown in a page, and the figures.
    expect(res.text).toContain('.verdict-mot');
    expect(res.text).toContain('.app-figure');
    expect(res.text).not.toMatch(/url\(|@import/);
  });

  it('is named by every page, with the DSFR’s, and nothing else', () => {
    const html = renderAccessibilityPage();
    expect([...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      PAGE_ASSETS.dsfrCss,
      PAGE_ASSETS.dsfrPrintCss,
      APP_STYLESHEET.path,
    ]);
  });
});

describe('open to anyone, authentication on', () => {
  let s: SecureApp;
  beforeAll(() => {
    s = secureApp();
  });
  afterAll(() => s.close());

  it.each([PAGE_ASSETS.dsfrCss, APP_STYLESHEET.path, `${DSFR_BASE}/fonts/Marianne-Bold.woff2`, '/favicon.ico', '/accessibilite'])('%s', async (path) => {
    const res = await request(s.app).get(path);
    expect(res.status).toBe(200);
  });

  it('a page still asks who one is', async () => {
    expect((await request(s.app).get('/dossiers')).status).toBe(303);
  });
});

describe('the accessibility statement', () => {
  const html = renderAccessibilityPage();

  it('is a page of the service, linked from its own footer', () => {
    expect(pageProblems(html)).toEqual([]);
  });

  it('follows the RGAA’s model: state of conformity, tests, content not accessible, contact, remedies', () => {
    for (const heading of [
      'État de conformité',
      'Résultats des tests',
      'Contenus non accessibles',
      'Établissement de cette déclaration d’accessibilité',
      'Retour d’information et contact',
      'Voies de recours',
    ])
      expect(html).toContain(`<h2>${heading}</h2>`);
    expect(html).toContain('est <strong>non conforme</strong> avec le référentiel général d’amélioration de l’accessibilité (RGAA)');
    expect(html).toContain('Aucun audit des critères du RGAA n’a encore été réalisé');
    expect(html).toContain(`le Système de design de l’État (DSFR) version ${DSFR_VERSION}`);
    expect(html).toContain('31, rue de l’Université<br>34064 Montpellier Cedex 2');
    expect(html).toContain('Libre réponse 71120<br>75342 Paris CEDEX 07');
  });
});
