import type { Outcome, Severity } from '../domain/finding';
import type { Kind } from '../domain/submission';

/** French names of the codes a report shows. */

export const KIND_LABELS: Record<Kind, string> = {
  convention: 'Convention',
  amendment: 'Avenant',
  termination: 'Résiliation',
  formal_notice: 'Mise en demeure',
  conciliation: 'Conciliation',
  invoice: 'Titre de perception',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  pass: 'respectée',
  fail: 'non respectée',
  not_applicable: 'sans objet',
  review: 'examen manuel',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: 'bloquante',
  warning: 'avertissement',
  info: 'information',
};

export const STATUS_LABELS: Record<'accepted' | 'rejected', string> = {
  accepted: 'acceptée',
  rejected: 'rejetée',
};
