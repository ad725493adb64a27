import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { createApp } from '../../src/http/app';
import { CONTENT_SECURITY_POLICY, REPORT_CONTENT_SECURITY_POLICY } from '../../src/http/page-headers';
import { createServices } from '../../src/service/services';
import { Store } from '../../src/store/store';
import { API_FIXTURES, fixtureText, tempDir } from '../support/api-fixtures';
import { projectRegistry } from '../support/api-app';
import { CHROMIUM, describeInBrowser, mustRunInBrowser, openBrowser, type Browsing } from '../support/chromium';

/**
 * The pages driven in a real Chromium, as the legal staff use them: open the home page, file a
 * convention through the form, read the verdict and a finding, open the dossier and its stored
 * report, print the report to PDF, withdraw an amendment filed by mistake after reading what it
 * changes. A screenshot of each page is kept under test/artifacts/ for a
 * person to look at.
 * Chromium: see test/support/chromium.ts.
 */

const ARTIFACTS = resolve(__dirname, '../artifacts');

describeInBrowser(mustRunInBrowser ? 'the pages in Chromium' : `the pages in Chromium — SKIPPED: ${CHROMIUM} is absent (apt-get install -y chromium)`, () => {
  const tmp = tempDir('ent-compliance-browser-');
  let store: Store;
  let browsing: Browsing;
  let base: string;
  let page: Page;
  /** Console errors and failed requests: a CSP violation or a missing resource shows up here. */
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    store = Store.open(tmp.dbPath);
    const app = createApp({ services: createServices(store, projectRegistry()) });
    browsing = await openBrowser(app, { problems, timeout: 10_000 });
    ({ base, page } = browsing);
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) problems.push(`request outside the app: ${r.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browsing?.close();
    store?.close();
    tmp.cleanup();
  });

  afterEach(() => {
    const seen = problems.splice(0);
    expect(seen).toEqual([]);
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('opens the home page: the rule sets by year, a skip link reached by the keyboard', async () => {
    const res = await page.goto(`${base}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('h1').innerText()).toBe('Contrôle de conformité des pièces ENT-école');
    expect(await page.locator('.fr-card').filter({ hasText: 'Année scolaire 2020-2021' }).locator('.fr-tag').textContent()).toBe('en vigueur');
    expect(await page.locator('.fr-card').filter({ hasText: 'Année scolaire 2021-2022' }).locator('.fr-tag').textContent()).toBe('en projet');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').innerText()).toBe('Contenu');
    const skip = await page.locator('.fr-skiplinks a[href="#contenu"]').boundingBox();
    expect(skip && skip.width > 0 && skip.x >= 0).toBe(true);
    await shot('01-accueil');
  });

  it('files a convention through the form and shows its verdict and an article’s finding', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Contrôler ou déposer', exact: true }).click();
    await page.waitForURL(`${base}/controle`);
    await shot('02-formulaire');
    await page.setInputFiles('#fichier', join(API_FIXTURES, 'convention-3-ecoles.json'));
    await page.locator('label[for="action-deposer"]').click();
    // POST → redirect → GET: the form leads to the page of the submission kept.
    await Promise.all([page.waitForURL(/\/pieces\/[0-9a-f-]{36}\?depot=depose$/), page.getByRole('button', { name: 'Envoyer la pièce' }).click()]);
    expect(await page.locator('.verdict-mot').innerText()).toBe('Conforme');
    expect(await page.locator('h1').innerText()).toBe('Rapport de contrôle — Convention 2020-2021 — Saint-Jean-de-Védas');
    const article7 = page.locator('#article-7');
    expect(await article7.locator('h3').innerText()).toBe('Article 7 — Montant de la participation financière');
    expect(await article7.innerText()).toContain('Montant 150,00 € = 3 écoles × 50,00 €.');
    expect(await page.locator('[role="status"]').first().innerText()).toContain('Pièce déposée.');
    await shot('03-verdict-convention');
    // Printed, the page keeps the report and drops the navigation and the links to act.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#navigation-principale').isVisible()).toBe(false);
    expect(await page.locator('.app-liens').first().isVisible()).toBe(false);
    expect(await page.locator('#article-7').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    // A refresh reads the page again; it deposits nothing.
    await page.reload();
    expect(await page.locator('.verdict-mot').innerText()).toBe('Conforme');
    expect(store.submissionsOf('21340270400018')).toHaveLength(1);
  });

  it('opens the dossier: its history with the verdict, the schools and what is owed', async () => {
    await page.getByRole('link', { name: 'Voir le dossier' }).click();
    await page.waitForURL(`${base}/dossiers/21340270400018`);
    expect(await page.locator('h1').innerText()).toBe('Saint-Jean-de-Védas');
    const year = page.locator('section.annee').filter({ hasText: 'Année scolaire 2020-2021' });
    expect(await year.innerText()).toContain('150,00 €');
    expect(await year.locator('tbody tr').count()).toBe(3);
    const history = page.locator('table', { hasText: 'Toutes les pièces du dossier' });
    expect(await history.locator('tbody tr').first().locator('.fr-badge').textContent()).toBe('Conforme');
    await shot('04-dossier');
  });

  it('opens the stored report, served as it was kept, and prints it to PDF', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/reports/')),
      page.getByRole('link', { name: /^Lire/ }).first().click(),
    ]);
    expect(response.headers()['content-security-policy']).toBe(REPORT_CONTENT_SECURITY_POLICY);
    const id = /\/reports\/([0-9a-f-]{36})$/.exec(page.url())![1];
    expect(await response.text()).toBe(store.report(id));
    expect(await page.locator('.verdict-mot').innerText()).toBe('Conforme');
    expect(await page.locator('.non-verifie').count()).toBeGreaterThan(5);
    await shot('05-rapport');
    await page.emulateMedia({ media: 'print' });
    await shot('05b-rapport-impression');
    await page.emulateMedia({ media: 'screen' });
    const pdfPath = join(ARTIFACTS, 'rapport.pdf');
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    // A4 portrait: 595.92 × 842.88 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.9\d* 842\.8\d*\]/);
    const download = await page.request.get(`${base}/reports/${id}/download`);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    expect(download.headers()['content-disposition']).toMatch(new RegExp(`^attachment; filename="?rapport-21340270400018-convention-${today}\\.html"?$`));
    expect(await download.text()).toBe(store.report(id));
  });

  it('checks a pasted invoice without storing it: « Non conforme », what is owed', async () => {
    await page.goto(`${base}/controle`);
    await page.getByLabel('Ou texte de la pièce').fill(fixtureText('titre-2020-2021-4-ecoles.json'));
    await page.locator('label[for="action-controler"]').click();
    await page.getByRole('button', { name: 'Envoyer la pièce' }).click();
    await page.waitForSelector('.verdict-mot');
    expect(await page.locator('.verdict-mot').innerText()).toBe('Non conforme');
    expect(await page.locator('dl.calculs').innerText()).toContain('150,00 €');
    expect(await page.locator('[role="status"]').first().innerText()).toContain('Contrôle seul');
    await shot('06-controle-titre');
    await page.goto(`${base}/dossiers/21340270400018`);
    expect(await page.locator('table', { hasText: 'Toutes les pièces du dossier' }).locator('tbody tr').count()).toBe(1);
  });

  it('lists a schema-invalid document’s errors by field, with the form filled again', async () => {
    await page.goto(`${base}/controle`);
    await page.getByLabel('Ou texte de la pièce').fill(fixtureText('convention-invalide.json'));
    await page.getByRole('button', { name: 'Envoyer la pièce' }).click();
    await page.waitForSelector('.verdict-mot');
    expect(await page.locator('h1').innerText()).toBe('Pièce refusée — format d’échange non respecté');
    expect(await page.locator('table.erreurs tbody').innerText()).toContain('Écoles › n° 1 › UAI');
    expect(await page.locator('#texte').inputValue()).toBe(fixtureText('convention-invalide.json'));
    await shot('07-erreurs-de-format');
  });

  it('says what is missing when the form is sent empty, and keeps the focus usable', async () => {
    await page.goto(`${base}/controle`);
    await page.getByRole('button', { name: 'Envoyer la pièce' }).click();
    await page.waitForSelector('[role="alert"]');
    expect(await page.locator('[role="alert"]').innerText()).toContain('Choisissez le fichier de la pièce ou collez son texte.');
    await page.locator('[role="alert"] a').first().click();
    expect(await page.locator(':focus').getAttribute('id')).toBe('fichier');
    await shot('08-formulaire-vide');
  });

  it('searches the dossiers and shows a year’s rules in words', async () => {
    await page.goto(`${base}/dossiers`);
    // Accents and case ignored: « vedas » finds Saint-Jean-de-Védas.
    await page.getByLabel('Nom de la commune ou du RPI, ou début du SIRET').fill('VEDAS');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    // The form sends its « Convention » list too, left on « Toutes » (empty: every dossier).
    await page.waitForURL(/\/dossiers\?convention=&q=VEDAS$/);
    expect(await page.locator('table', { hasText: 'Dossiers correspondant à « VEDAS »' }).locator('tbody tr').count()).toBe(1);
    await shot('09-recherche-dossiers');
    await page.goto(`${base}/regles/2020-2021`);
    // Each article is folded: the lawyer unfolds the one to read.
    await page.locator('details#article-6-2 > summary').click();
    const rule = page.locator('#regle-6-2-transmis-dans-la-fenetre');
    expect(await rule.innerText()).toContain(
      '« Date de transmission de l’avenant, à Paris » la date est antérieure ou égale à « Dernier jour de la période de transmission des avenants',
    );
    await shot('10-regles-2020-2021');
  });

  it('withdraws an amendment filed by mistake: the confirmation page says what changes, then the dossier no longer counts it', async () => {
    // The amendment to 4 schools, within the window (art. 6.2): 200,00 € owed for 2020-2021.
    await page.goto(`${base}/controle`);
    await page.setInputFiles('#fichier', join(API_FIXTURES, 'avenant-4-ecoles.json'));
    await page.locator('label[for="action-deposer"]').click();
    await Promise.all([page.waitForURL(/\/pieces\/[0-9a-f-]{36}\?depot=depose$/), page.getByRole('button', { name: 'Envoyer la pièce' }).click()]);
    const id = /\/pieces\/([0-9a-f-]{36})/.exec(page.url())![1];
    const report = store.report(id);

    await Promise.all([page.waitForURL(`${base}/pieces/${id}/retrait`), page.getByRole('link', { name: 'Retirer cette pièce…' }).click()]);
    expect(await page.locator('h1').innerText()).toBe('Retirer une pièce du dossier');
    const year = page.locator('table.changements tbody tr').filter({ hasText: '2020-2021' });
    expect(await year.locator('td').nth(0).innerText()).toBe('4 → 3');
    expect(await year.locator('td').nth(1).innerText()).toBe('200,00 € → 150,00 €');
    expect(await year.innerText()).toContain('Ne seraient plus inscrites :');
    await shot('11-retrait-confirmation');

    // Without a reason: refused, said at the field, nothing withdrawn.
    await page.getByRole('button', { name: 'Confirmer le retrait' }).click();
    await page.waitForSelector('[role="alert"]');
    expect(await page.locator('[role="alert"]').innerText()).toContain('Le motif du retrait est obligatoire');
    expect(store.withdrawal(id)).toBeUndefined();

    await page.getByLabel('Motif du retrait').fill('Avenant de l’année 2021-2022 déposé par erreur');
    await Promise.all([page.waitForURL(`${base}/pieces/${id}`), page.getByRole('button', { name: 'Confirmer le retrait' }).click()]);
    expect(await page.locator('.retrait').innerText()).toMatch(
      /^Retirée le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} par accès libre \(AUTH=off\) : Avenant de l’année 2021-2022 déposé par erreur/,
    );
    expect(await page.getByRole('link', { name: 'Retirer cette pièce…' }).count()).toBe(0);
    await shot('12-piece-retiree');

    await page.getByRole('link', { name: 'Voir le dossier' }).click();
    await page.waitForURL(`${base}/dossiers/21340270400018`);
    const owed = page.locator('section.annee').filter({ hasText: 'Année scolaire 2020-2021' });
    expect(await owed.innerText()).toContain('150,00 €');
    // textContent: the DSFR's badges are drawn in capitals, the words stay as written.
    expect(await page.locator('table', { hasText: 'Toutes les pièces du dossier' }).locator('tbody tr').first().textContent()).toContain('Retirée le');
    await shot('13-dossier-apres-retrait');
    // The report kept with it is as it was rendered.
    expect(store.report(id)).toBe(report);
  });

  it('files a late avenant: « Conforme avec réserves », its main reserve and its own date in every list', async () => {
    await page.goto(`${base}/controle`);
    await page.setInputFiles('#fichier', join(API_FIXTURES, 'avenant-4-ecoles-tardif.json'));
    await page.locator('label[for="action-deposer"]').click();
    await Promise.all([page.waitForURL(/\/pieces\/[0-9a-f-]{36}\?depot=depose$/), page.getByRole('button', { name: 'Envoyer la pièce' }).click()]);
    expect(await page.locator('.verdict-mot').innerText()).toBe('Conforme avec réserves');
    expect(await page.locator('p.verdict').innerText()).toContain('les nouvelles écoles ne seront pas activées');
    const reserve =
      'Augmentation de 3 à 4 écoles transmise le 16/10/2020, après le 15/10/2020 : les nouvelles écoles ne seront pas activées et ne bénéficieront pas de l’ENT-école (art. 6.3) ; 1 autre réserve'.replace(
        '’',
        "'",
      );
    // The colour of its own, neither the green of « Conforme » nor the brown of « À examiner ».
    type Styles = { getComputedStyle(e: unknown): { color: string } };
    const colour = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => (globalThis as unknown as Styles).getComputedStyle(e).color);
    await page.goto(`${base}/`);
    const line = page.locator('table', { hasText: 'Les pièces déposées les plus récentes' }).locator('tbody tr').first();
    const cells = await line.locator('td').allInnerTexts();
    // The kind links to the piece's page (with words for a screen reader after it).
    expect(cells.slice(1, 5)).toEqual([
      expect.stringMatching(/^avenant\b/),
      '2020-2021',
      'transmis le 16/10/2020',
      expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/),
    ]);
    // The DSFR's badge writes its word in capitals; the page says it as written.
    expect(await line.locator('td').nth(5).locator('.fr-badge').textContent()).toBe('Conforme avec réserves');
    expect(await line.locator('td').nth(5).locator('.note-verdict').textContent()).toBe(reserve);
    // Olive, the DSFR's « tilleul verveine » (#66673d), not the green of « Conforme ».
    expect(await colour('.fr-badge--green-tilleul-verveine')).toBe('rgb(102, 103, 61)');
    expect(await colour('.fr-badge--success')).not.toBe(await colour('.fr-badge--green-tilleul-verveine'));
    await shot('14-accueil-avec-reserves');
    await page.goto(`${base}/dossiers/21340270400018`);
    const history = page.locator('table', { hasText: 'Toutes les pièces du dossier' }).locator('tbody tr');
    expect(await history.first().innerText()).toContain('transmis le 16/10/2020');
    expect(await history.first().locator('.fr-badge').textContent()).toBe('Conforme avec réserves');
    expect(await history.first().locator('.note-verdict').textContent()).toBe(reserve);
    expect(await history.last().innerText()).toContain('signée le 20/09/2020');
    await shot('15-dossier-avec-reserves');
    await page.goto(`${base}/dossiers?q=vedas`);
    const found = page.locator('table', { hasText: 'Dossiers correspondant à « vedas »' }).locator('tbody tr').first();
    expect(await found.innerText()).toContain('transmis le 16/10/2020, réception le');
    expect(await found.locator('.fr-badge').textContent()).toBe('Conforme avec réserves');
    expect(await found.locator('.note-verdict').textContent()).toBe(reserve);
    await shot('16-recherche-avec-reserves');
  });

  it('opens a year’s rules on its table of contents, each article folded, unfolded by a click or a link, without script', async () => {
    await page.goto(`${base}/regles/2020-2021`);
    // Folded, the page is a few screens high (every article open, it was some 30 000 pixels).
    const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
    expect(height).toBeLessThan(6000);
    const article = page.locator('details#article-6-2');
    expect(await article.getAttribute('open')).toBeNull();
    await page.locator('details#article-6-2 > summary').click();
    expect(await article.getAttribute('open')).toBe('');
    expect(await page.locator('#regle-6-2-transmis-dans-la-fenetre').isVisible()).toBe(true);
    expect(await page.locator('#regle-6-2-transmis-dans-la-fenetre').innerText()).toContain('Transmis le 16/10/2020 (date à Paris), après le 15/10/2020');
    await shot('17-regles-article-deplie');
    // An address that names a rule (a report, a mail) opens its folded article: the browser does, for a fragment inside <details>.
    await page.goto(`${base}/regles/2020-2021#regle-9-preavis-d-un-mois`);
    expect(await page.locator('details#article-9').getAttribute('open')).toBe('');
    expect(await page.locator('#regle-9-preavis-d-un-mois').isVisible()).toBe(true);
  });

  it('opens « Sommes dues », « À traiter » and « Échéances » from the navigation, and downloads a report as PDF', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Sommes dues' }).click();
    await page.waitForURL(`${base}/sommes-dues`);
    expect(await page.locator('h1').innerText()).toBe('Sommes dues pour l’année scolaire 2020-2021');
    const sjdv = page.locator('table tbody tr', { hasText: 'Saint-Jean-de-Védas' });
    expect(await sjdv.innerText()).toContain('150,00 €');
    await page.getByLabel('Convention').selectOption('terminated');
    await Promise.all([page.waitForURL(/convention=terminated/), page.getByRole('button', { name: 'Afficher' }).click()]);
    expect(await page.getByRole('status').innerText()).toContain('Aucun dossier ne correspond');
    await shot('18-sommes-dues');

    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'À traiter' }).click();
    await page.waitForURL(`${base}/a-traiter`);
    expect(await page.locator('h1').innerText()).toBe('À traiter');
    await shot('19-a-traiter');

    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Échéances' }).click();
    await page.waitForURL(`${base}/echeances`);
    expect(await page.locator('h1').innerText()).toBe('Échéances');
    // Today is after the 2020-2021 dates: the avenant window is past, in its colour.
    const past = page.locator('tr.app-echeance--past', { hasText: 'Fenêtre des avenants' }).first();
    expect(await past.innerText()).toContain('15/10/2020');
    // The DSFR draws a table's cells on white: a past date's row on a grey of its own.
    type Styles = { getComputedStyle(e: unknown): { backgroundColor: string } };
    const background = await past
      .locator('td')
      .first()
      .evaluate((td) => (globalThis as unknown as Styles).getComputedStyle(td).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await shot('20-echeances');

    const id = store.submissionsOf('21340270400018')[0].id;
    await page.goto(`${base}/pieces/${id}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger en PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^rapport-21340270400018-convention-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  });
});
