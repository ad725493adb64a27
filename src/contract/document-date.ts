import type { IsoDate, Submission } from '../domain/submission';
import { actDate } from './acts';

/**
 * The document's own date, shown beside the date the académie received it in every list: the day
 * of its act (signature, transmission at Paris, sending of a letter, holding of a conciliation,
 * issue of a titre: contract/acts.ts), except for a termination, which a dossier is read by from
 * the day it takes effect.
 */
export function documentDate(s: Submission, timeZone: string): IsoDate {
  return s.kind === 'termination' ? s.effectiveOn : actDate(s, timeZone);
}
