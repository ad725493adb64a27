import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createApp } from '../../src/http/app';
import { buildRegistry } from '../../src/rules/registry';
import { createServices } from '../../src/service/services';
import { Store } from '../../src/store/store';
import { RULES_DIR, tempDir } from '../support/api-fixtures';
import { describeInBrowser, openBrowser, type Browsing } from '../support/chromium';

/**
 * A juriste prepares 2022-2023 from 2021-2022 in Chromium, changes the fee (and the text of
 * article 5 that states it), sees the lint error of a date the text of article 3 does not state,
 * reads the diff, and publishes: over a copy of the project's rules.
 */

describeInBrowser('preparing, editing and publishing a year in Chromium', () => {
  const tmp = tempDir('ent-compliance-draft-browser-');
  const rulesDir = join(tmp.dir, 'rules');
  let store: Store;
  let browsing: Browsing;
  let base: string;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    cpSync(RULES_DIR, rulesDir, { recursive: true });
    store = Store.open(tmp.dbPath);
    const app = createApp({ services: { ...createServices(store, buildRegistry(rulesDir)), rulesDir } });
    browsing = await openBrowser(app, { problems, timeout: 20_000 });
    ({ base, page } = browsing);
  }, 120_000);

  afterAll(async () => {
    await browsing?.close();
    store?.close();
    tmp.cleanup();
  });

  const click = async (name: string) => {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name }).click()]);
  };

  it('prepares 2022-2023, changes the fee, sees a wrong date refused, reads the diff, publishes', async () => {
    await page.goto(`${base}/regles`);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Préparer une année' }).click()]);
    await page.getByLabel('Année scolaire à préparer').fill('2022-2023');
    await page.getByLabel('Jeu de règles de base').selectOption('2021-2022');
    await click('Préparer le brouillon');
    expect(new URL(page.url()).pathname).toBe('/regles/2022-2023/brouillon');
    // The dates are proposed, not applied.
    expect(await page.getByLabel('Reporter d’un an : 31/10/2022 → 31/10/2023').isChecked()).toBe(false);
    expect(await page.getByLabel(/^Fin de la convention/).inputValue()).toBe('2022-10-31');

    await page.getByLabel(/^Participation de la commune par école inscrite/).fill('60');
    const article5 = page.getByLabel('Article 5 — Nature des contributions financières');
    await article5.fill((await article5.inputValue()).replace('50 euros', '60 euros'));
    await click('Enregistrer les paramètres et les textes');
    expect(await page.getByRole('status').innerText()).toContain('Enregistré');
    expect(readFileSync(join(rulesDir, '2022-2023', 'ruleset.yaml'), 'utf8')).toContain('feePerSchool: { value: 60 }');

    // A date the text of article 3 does not state: refused at its field, kept as typed, nothing written.
    await page.getByLabel(/^Fin de la convention/).fill('2023-10-31');
    await click('Enregistrer les paramètres et les textes');
    expect(await page.locator('#p-termEnd-erreur').innerText()).toContain('article 3');
    expect(await page.getByLabel(/^Fin de la convention/).inputValue()).toBe('2023-10-31');
    expect(await page.title()).toMatch(/^Erreur : /);
    expect(readFileSync(join(rulesDir, '2022-2023', 'ruleset.yaml'), 'utf8')).not.toContain('2023-10-31');

    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Ce qui change depuis 2021-2022' }).click()]);
    expect(await page.locator('main').innerText()).toContain('60,00 €');

    await page.goto(`${base}/regles/2022-2023/brouillon`);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Publier…' }).click()]);
    await page.getByLabel(/^Motif de la publication/).fill('Convention 2022-2023 signée : participation portée à 60 € par école');
    await click('Confirmer la publication');
    expect(new URL(page.url()).pathname).toBe('/regles/2022-2023');
    expect(await page.locator('main').innerText()).toContain('en vigueur');
    expect(readFileSync(join(rulesDir, '2022-2023', 'ruleset.yaml'), 'utf8')).toMatch(/^status: in_force$/m);
    expect(problems).toEqual([]);
  }, 180_000);
});
