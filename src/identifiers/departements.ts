/**
 * The départements' names, from the official list of `@etalab/decoupage-administratif` (read on
 * first use), and the département of a school from its UAI.
 */
import { uaiDepartement } from './uai';

let names: Map<string, string> | undefined;

/** `34` or `034` → `Hérault`; undefined for a code the list does not have. */
export function departementName(code: string): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a data file of the package, read when a name is first asked
  names ??= new Map((require('@etalab/decoupage-administratif/data/departements.json') as Array<{ code: string; nom: string }>).map((d) => [d.code, d.nom]));
  return names.get(departementCode(code));
}

/** The official code of a département: `034` → `34`, `02A` → `2A`, `971` stays. */
export function departementCode(code: string): string {
  return code.replace(/^0(?=\d\d$|2[AB]$)/, '');
}

/** The département of a school: the first three digits of its UAI, as an official code (`0341301E` → `34`). */
export function schoolDepartement(uai: string): string {
  return departementCode(uaiDepartement(uai));
}
