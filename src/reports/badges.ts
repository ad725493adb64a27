import type { Outcome } from '../domain/finding';
import type { VerdictCode } from '../domain/verdict';
import type { Deadline } from '../dossier/deadlines';

/**
 * How the Système de design de l'État draws each verdict and each finding's outcome: a DSFR badge
 * (`fr-badge--…`), the same in a page and in a report (whose inline styles draw the few badges
 * used, reports/partials/styles-base.hbs), and the colour of the verdict in a figure (from the
 * DSFR's palette; 3:1 at least against white). One row per code: a new verdict is a new row, and
 * the type checker asks for it.
 */

export interface VerdictLook {
  badge: string;
  /** `#rrggbb`, for a figure. */
  colour: string;
}

export const VERDICT_LOOKS: Record<VerdictCode, VerdictLook> = {
  non_conforme: { badge: 'fr-badge--error', colour: '#ce0500' },
  a_examiner: { badge: 'fr-badge--warning', colour: '#b34000' },
  // Olive, the DSFR's « tilleul verveine »: accepted, but a clause that does not block was not respected.
  conforme_avec_reserves: { badge: 'fr-badge--green-tilleul-verveine', colour: '#66673d' },
  conforme: { badge: 'fr-badge--success', colour: '#18753c' },
};

export const OUTCOME_BADGES: Record<Outcome, string> = {
  pass: 'fr-badge--success',
  fail: 'fr-badge--error',
  review: 'fr-badge--warning',
  not_applicable: 'fr-badge--no-icon',
};

/** A legal deadline (src/dossier/deadlines.ts): one to watch, or one gone by, in a colour of its own. */
export const DEADLINE_LOOKS: Record<Deadline['state'], { badge: string; word: string }> = {
  coming: { badge: 'fr-badge--info', word: 'À venir' },
  past: { badge: 'fr-badge--no-icon', word: 'Passée' },
};
