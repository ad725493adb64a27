import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { COMMUNES, fixtureFor, fixtureText, SIRET } from '../support/api-fixtures';
import { closeRulesCopy, openOnRulesCopy } from '../support/rules-copy';
import type { SecureApp } from '../support/secure-app';
import { axeViolations } from './axe';
import { describeInBrowser, openBrowser, type Browsing } from '../support/chromium';

/**
 * The RGAA's automatable part, page by page, in Chromium: every page the service has — signed out
 * and signed in, empty and in error, the stored report, the accessibility statement — passes
 * axe-core's WCAG 2.1 A and AA rules with no violation; each has a title of its own; the keyboard
 * reaches the skip links first and then everything in reading order, always with a visible focus;
 * no page loads or names anything from another site, and the DSFR's files come from the app.
 * A screenshot of each page is kept under test/artifacts/ (git-ignored) for a person to look at.
 *
 * Chromium: see test/support/chromium.ts.
 */

const ARTIFACTS = resolve(__dirname, '../artifacts/accessibilite');

/** A clock that moves a day at each reading, from the start of the school year 2020-2021: deposits spread over months. */
function clock(start = Date.parse('2020-09-14T08:00:00Z')) {
  let t = start;
  return () => new Date((t += 5 * 24 * 3600 * 1000));
}

/**
 * Run in the page (the project's TypeScript has no DOM types): every address an element names —
 * links, sources, form actions — that resolves to another origin than the page's.
 */
const OUTSIDE_ADDRESSES = `(() => {
  const names = ['href', 'src', 'action', 'srcset', 'poster', 'data', 'xlink:href', 'formaction'];
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (!names.includes(attr.name)) continue;
      const parts = attr.name === 'srcset' ? attr.value.split(',').map((p) => p.trim().split(' ')[0]) : [attr.value];
      for (const part of parts) if (new URL(part, document.baseURI).origin !== location.origin) found.push('<' + el.localName + ' ' + attr.name + '="' + attr.value + '">');
    }
  }
  return found;
})()`;

/** Run in the page: the element that has the focus, where it is and how its outline is drawn. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  // A link that covers a card or the brand (fr-enlarge-link) has its focus drawn around the whole, by its ::before.
  const drawn = [getComputedStyle(el), getComputedStyle(el, '::before')].find((s) => s.outlineStyle !== 'none' && s.outlineWidth !== '0px') ?? getComputedStyle(el);
  return { text: (el.innerText || el.getAttribute('aria-label') || el.localName).trim(), top: el.getBoundingClientRect().top + scrollY, outline: drawn.outlineStyle + ' ' + drawn.outlineWidth };
})()`;

describeInBrowser('every page against the RGAA’s automatable rules (axe-core, WCAG 2.1 A and AA)', () => {
  let rulesCopy: string;
  let s: SecureApp;
  let browsing: Browsing;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let reportId: string;
  /** Every request the browser made, and every problem it reported. */
  const requests: string[] = [];
  const problems: string[] = [];
  /** Title of each page visited, by name. */
  const titles = new Map<string, string>();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // A juriste opens a correction below: on a copy of the project's rules, never in them.
    ({ dir: rulesCopy, s } = openOnRulesCopy('ent-compliance-axe-rules-', clock()));
    const file = (doc: string) =>
      request(s.app).post('/api/submissions').set('Authorization', `Bearer ${s.tokens.juriste}`).set('Content-Type', 'application/json').send(doc);
    const filed = await file(fixtureText('convention-3-ecoles.json'));
    expect(filed.status).toBe(201);
    reportId = filed.body.id as string;
    for (const doc of [
      fixtureText('avenant-4-ecoles.json'),
      fixtureText('titre-2020-2021-4-ecoles.json'),
      JSON.stringify(fixtureFor('convention-3-ecoles', COMMUNES.nimes)),
      JSON.stringify(fixtureFor('convention-3-ecoles', COMMUNES.mende)),
    ])
      expect([201, 422]).toContain((await file(doc)).status);

    browsing = await openBrowser(s.app, { problems, width: 1280, bypassCSP: true });
    ({ base, context, page } = browsing);
    context.on('request', (r) => {
      if (r.url() !== 'about:blank') requests.push(r.url());
    });
  }, 120_000);

  afterAll(async () => {
    await browsing?.close();
    if (s) closeRulesCopy(rulesCopy, s);
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
    expect(s.faults).toEqual([]);
  });

  /** The page as it is now: no axe violation, its title kept, a screenshot. */
  async function audit(name: string): Promise<void> {
    expect({ page: name, violations: await axeViolations(page) }).toEqual({ page: name, violations: [] });
    titles.set(name, await page.title());
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  async function open(name: string, path: string, status = 200): Promise<void> {
    const res = await page.goto(`${base}${path}`);
    expect({ path, status: res?.status() }).toEqual({ path, status });
    await audit(name);
  }

  const send = async (button = 'Envoyer la pièce') => {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button }).click()]);
  };

  it('signed out: the login page, and its refusal', async () => {
    await open('01-connexion', '/connexion');
    await page.getByLabel('Jeton d’accès').fill('entc_pas_un_jeton');
    await send('Se connecter');
    await audit('02-connexion-refusee');
    await page.getByLabel('Jeton d’accès').fill(s.tokens.juriste);
    await send('Se connecter');
    expect(new URL(page.url()).pathname).toBe('/');
  }, 120_000);

  it.each([
    ['03-accueil', '/'],
    ['04-dossiers', '/dossiers'],
    ['05-dossiers-recherche', '/dossiers?q=vedas'],
    ['06-dossiers-recherche-vide', '/dossiers?q=Perpignan'],
    ['07-dossier', `/dossiers/${SIRET}`],
    ['08-regles', '/regles'],
    ['09-regles-2020-2021', '/regles/2020-2021'],
    ['10-regles-2021-2022', '/regles/2021-2022'],
    ['11-formulaire', '/controle'],
    ['12-declaration-accessibilite', '/accessibilite'],
    ['12b-regles-comparer', '/regles/2020-2021/comparer/2021-2022'],
    ['12c-regles-impact', '/regles/2021-2022/impact'],
    ['12d-regles-preparer', '/regles/preparer'],
    ['12e-regles-brouillon', '/regles/2021-2022/brouillon'],
    ['12f-regles-fichier', '/regles/2021-2022/brouillon/fichiers/ruleset.yaml'],
    ['12g-regles-verification', '/regles/2021-2022/verification'],
    ['12h-regles-publication', '/regles/2021-2022/publication'],
    ['12s-sommes-dues', '/sommes-dues'],
    ['12t-sommes-dues-vide', '/sommes-dues?annee=2020-2021&convention=terminated'],
    ['12u-a-traiter', '/a-traiter'],
    ['12v-a-traiter-filtre', '/a-traiter?verdict=non_conforme&kind=invoice'],
    ['12w-echeances', '/echeances'],
  ])(
    'signed in: %s (%s)',
    async (name, path) => {
      await open(name, path);
    },
    // A year's rules are a long page: axe reads every element of it.
    120_000,
  );

  it('the stored report, the page of a submission and its withdrawal form', async () => {
    await open('13-rapport-conserve', `/reports/${reportId}`);
    await open('13b-piece', `/pieces/${reportId}`);
    await open('13c-retrait', `/pieces/${reportId}/retrait`);
  }, 120_000);

  it('a year to prepare and a draft, refused with their errors (nothing written)', async () => {
    await page.goto(`${base}/regles/preparer`);
    await page.getByLabel('Année scolaire à préparer').fill('2023');
    await send('Préparer le brouillon');
    await audit('12i-regles-preparer-erreur');
    await page.goto(`${base}/regles/2021-2022/brouillon`);
    await page.getByLabel(/^Participation de la commune par école inscrite/).fill('cinquante');
    await send('Enregistrer les paramètres et les textes');
    await audit('12j-regles-brouillon-erreur');
  }, 120_000);

  it('the access tokens (list, a token made, a form in error, a revocation to confirm) and the rules reloaded', async () => {
    await open('13d-jetons', '/jetons');
    await page.getByLabel('Rôle').selectOption('commune');
    await send('Créer le jeton');
    await audit('13e-jetons-erreur');
    await page.getByLabel('Rôle').selectOption('commune');
    await page.getByLabel('SIRET du dossier').fill(SIRET);
    await page.getByLabel('Libellé').fill('Mairie, service scolaire');
    await send('Créer le jeton');
    await audit('13f-jeton-cree');
    const spare = s.token('lecteur').id;
    await open('13g-jeton-revocation', `/jetons/${spare}/revocation`);
    await send('Confirmer la révocation');
    expect(new URL(page.url()).pathname).toBe('/jetons');
    await audit('13h-jeton-revoque');
    await page.goto(`${base}/regles`);
    await send('Recharger les règles');
    await audit('13i-regles-rechargees');
  }, 120_000);

  it('the correction of a published year, opened from its page', async () => {
    await page.goto(`${base}/regles/2020-2021`);
    await send('Corriger ces règles…');
    expect(new URL(page.url()).pathname).toBe('/regles/2020-2021/brouillon');
    await audit('12k-regles-correction');
  }, 120_000);

  it('error pages', async () => {
    await open('14-page-introuvable', '/nulle-part', 404);
    await open('15-dossier-inconnu', '/dossiers/21340172200102', 404);
  }, 120_000);

  it('the form sent empty, a check, a filing, a document refused for its format', async () => {
    await page.goto(`${base}/controle`);
    await send();
    await audit('16-formulaire-en-erreur');

    await page.goto(`${base}/controle`);
    await page.getByLabel('Ou texte de la pièce').fill(fixtureText('titre-2020-2021-3-ecoles.json'));
    await page.locator('label[for="action-controler"]').click();
    await send();
    await audit('17-resultat-controle');

    await page.goto(`${base}/controle`);
    await page.getByLabel('Ou texte de la pièce').fill(JSON.stringify(fixtureFor('convention-3-ecoles', COMMUNES.beziers)));
    await page.locator('label[for="action-deposer"]').click();
    await send();
    await audit('18-resultat-depot');

    await page.goto(`${base}/controle`);
    await page.getByLabel('Ou texte de la pièce').fill(fixtureText('convention-invalide.json'));
    await send();
    await audit('19-piece-refusee-format');
  }, 120_000);

  it('gives every page a title of its own', () => {
    const byTitle = new Map<string, string[]>();
    for (const [name, title] of titles) byTitle.set(title, [...(byTitle.get(title) ?? []), name]);
    expect([...byTitle].filter(([, names]) => names.length > 1)).toEqual([]);
    expect(titles.size).toBeGreaterThanOrEqual(21);
    // A page names the service after itself; the kept report is a document of its own, named by what it reports.
    for (const [name, title] of titles)
      expect({ name, title }).toEqual({
        name,
        title: name === '13-rapport-conserve' ? expect.stringMatching(/^Rapport de contrôle — /) : expect.stringMatching(/^\S.* — Conformité ENT-école$/),
      });
  });

  it('loaded nothing from elsewhere, and the DSFR’s files from the app', () => {
    expect(requests.filter((u) => !u.startsWith(`${base}/`) && !u.startsWith('data:'))).toEqual([]);
    expect(requests.some((u) => /\/assets\/dsfr-[\d.]+\/dsfr\.main\.min\.css$/.test(u))).toBe(true);
    expect(requests.some((u) => /\/assets\/dsfr-[\d.]+\/fonts\/Marianne-Regular\.woff2$/.test(u))).toBe(true);
  });

  it('names no address of another site in any page', async () => {
    for (const path of ['/', `/dossiers/${SIRET}`, '/regles/2020-2021', '/controle', '/accessibilite', `/reports/${reportId}`]) {
      await page.goto(`${base}${path}`);
      const outside = await page.evaluate<string[]>(OUTSIDE_ADDRESSES);
      expect({ path, outside }).toEqual({ path, outside: [] });
    }
  }, 120_000);

  it('reaches the skip links first, then everything in reading order, with a visible focus', async () => {
    await page.goto(`${base}/`);
    const seen: Array<{ text: string; top: number; outline: string }> = [];
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press('Tab');
      seen.push(await page.evaluate<{ text: string; top: number; outline: string }>(FOCUSED));
    }
    expect(seen.slice(0, 3).map((f) => f.text)).toEqual(['Contenu', 'Menu', 'Pied de page']);
    const nav = seen.findIndex((f) => f.text === 'Accueil');
    expect(seen.slice(nav, nav + 7).map((f) => f.text)).toEqual([
      'Accueil',
      'Dossiers',
      'Sommes dues',
      'À traiter',
      'Échéances',
      'Contrôler ou déposer',
      'Règles',
    ]);
    // After the skip links (drawn over the page's top), the focus goes down the page, never up.
    const after = seen.slice(3);
    for (let i = 1; i < after.length; i++)
      expect({ from: after[i - 1].text, to: after[i].text, down: after[i].top >= after[i - 1].top - 1 }).toEqual({
        from: after[i - 1].text,
        to: after[i].text,
        down: true,
      });
    for (const f of seen) expect({ text: f.text, visible: !/^none /.test(f.outline) && !/ 0px$/.test(f.outline) }).toEqual({ text: f.text, visible: true });
  });

  it('takes the focus to the content with the first skip link', async () => {
    await page.goto(`${base}/dossiers`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // The next stop is inside the content: its first field.
    expect(await page.evaluate("document.activeElement?.closest('main')?.id")).toBe('contenu');
  });
});
