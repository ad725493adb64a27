import { renderTemplate } from '../reports/templates';
import { DSFR_VERSION } from './assets';
import { ACCESSIBILITY_STATE, pageMeta } from './page';

/**
 * The accessibility statement (« Déclaration d’accessibilité »), on the RGAA's model, filled for
 * this service; linked from the footer of every page.
 *
 * Its state of conformity follows the RGAA's rule, not the tests' results: « totalement » or
 * « partiellement conforme » is said after an audit of the RGAA's criteria, and until one is made
 * the service is declared « non conforme ». What the statement reports under « Résultats des
 * tests » is what the browser tests measure on every page (test/browser/accessibility.test.ts):
 * axe-core's WCAG 2.1 A and AA rules in Chromium, keyboard use and focus order, unique titles.
 * After an audit, `ACCESSIBILITY_STATE` (src/pages/page.ts) and the results below change together.
 */

/** When the statement was written, and last brought up to date. */
const ESTABLISHED_ON = '3 décembre 2026';

/** The pages the tests open, as a person names them. */
const PAGES_CHECKED = [
  'Accueil',
  'Dossiers, et une recherche de dossier',
  'Dossier d’une commune',
  'Contrôler ou déposer une pièce (formulaire vide, formulaire en erreur)',
  'Résultat d’un contrôle et d’un dépôt, pièce refusée pour son format',
  'Rapport de contrôle conservé',
  'Règles par année scolaire, règles d’une année',
  'Connexion',
  'Page d’erreur (page introuvable)',
  'Déclaration d’accessibilité',
];

export function renderAccessibilityPage(): string {
  return renderTemplate('pages/accessibilite', {
    page: pageMeta('Déclaration d’accessibilité', 'aucune'),
    state: ACCESSIBILITY_STATE,
    establishedOn: ESTABLISHED_ON,
    dsfrVersion: DSFR_VERSION,
    pagesChecked: PAGES_CHECKED,
  });
}
