import type { Kind } from '../domain/submission';
import { parisDay } from '../wording/format';
import { KIND_SLUGS } from '../wording/labels';

/**
 * The name a downloaded report is saved under: the dossier, the kind and the day the document was
 * received (in Montpellier), so that a folder of reports sorts by commune then date and each file
 * says what it is: `rapport-21340270400018-avenant-2020-10-10.html`. ASCII only, no character a
 * file system or a Content-Disposition header could misread.
 */
export function reportFileName(siret: string, kind: Kind, receivedAt: string): string {
  const safeSiret = siret.replace(/[^0-9A-Za-z]/g, '');
  return `rapport-${safeSiret}-${KIND_SLUGS[kind]}-${parisDay(receivedAt)}.html`;
}
