import type { Submission } from '../domain/submission';
import { localDate } from '../dates/calendar';

/**
 * The day a document was made, the act of its author: a convention signed, an avenant
 * transmitted (its calendar day in `timeZone`), a letter of termination or a formal notice sent,
 * a conciliation held, a titre issued. Art. 3 places acts between the signature and the term; the
 * convention in force on that day is the one that judges a letter (rules/registry.ts).
 */
export function actDate(s: Submission, timeZone: string): string {
  switch (s.kind) {
    case 'convention':
      return s.signedOn;
    case 'amendment':
      return localDate(s.transmittedAt, timeZone);
    case 'termination':
      return s.letter.sentOn;
    case 'formal_notice':
      return s.letter.sentOn;
    case 'conciliation':
      return s.heldOn;
    case 'invoice':
      return s.issuedOn;
  }
}
