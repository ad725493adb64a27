import type { Initiator, Party, School } from '../domain/submission';
import { uaiDepartement } from '../identifiers/uai';
import {
  attachedCommunes,
  communeNameKey,
  communesOf,
  departementName,
  normaliseName,
  uaiDepartementCode,
  type OfficialCommune,
} from '../identifiers/communes';

/**
 * Who the party of a convention is, read from the document: its communes (one for a commune,
 * each of its communes for an RPI), who may sign for it, and who may write to the other party.
 * The convention's head names the commune « représentée par … en sa qualité de Maire » and the
 * RPI by its « Forme juridique » and « Représenté par »; art. 1 covers « les écoles de la commune
 * ou des communes du RPI ».
 */

interface PartyCommune {
  name: string;
  /** From the official list, when the document gives an INSEE code of the académie. */
  official?: OfficialCommune;
  /** The names it goes by: the one written, the official one and those of its communes déléguées. */
  keys: Set<string>;
  /** The keys of its communes déléguées and associées only: their mayor is a « maire délégué ». */
  attachedKeys: Set<string>;
}

/** Computed for every fact that needs it: the official list is read once per evaluation anyway. */
export function partyCommunes(party: Party, departements: readonly string[]): PartyCommune[] {
  const listed = party.type === 'rpi' ? (party.communes ?? []) : [{ name: party.name, inseeCode: party.inseeCode }];
  const official = communesOf(departements);
  return listed.map((c) => {
    const known = c.inseeCode ? official.get(c.inseeCode) : undefined;
    const attached = known ? attachedCommunes(known.code).filter((a) => a.nom !== known.nom) : [];
    const attachedKeys = new Set(attached.map((a) => communeNameKey(a.nom)));
    const keys = new Set([communeNameKey(c.name), ...(known ? [communeNameKey(known.nom)] : []), ...attachedKeys]);
    return { name: c.name, official: known, keys, attachedKeys };
  });
}

function communeOfSchool(school: School, communes: readonly PartyCommune[]): PartyCommune | undefined {
  const key = communeNameKey(school.commune);
  return communes.find((c) => c.keys.has(key));
}

/** Schools whose « Commune » column names none of the party's communes: `0341450S (Lattes)`. */
export function schoolsOutsideParty(schools: readonly School[], communes: readonly PartyCommune[]): string[] {
  return schools.filter((s) => !communeOfSchool(s, communes)).map((s) => `${s.uai} (${s.commune})`);
}

function departementWords(code: string): string {
  const name = departementName(code);
  return name ? `département ${code}, ${name}` : `département ${code}`;
}

/**
 * Schools whose UAI begins with another département than their commune's (annexe 1: the UAI
 * « débute par le numéro du département »), both named; null when no school's commune has a
 * known INSEE code, so that nothing can be compared.
 */
export function departementMismatches(schools: readonly School[], communes: readonly PartyCommune[]): string[] | null {
  let compared = 0;
  const out: string[] = [];
  for (const s of schools) {
    const official = communeOfSchool(s, communes)?.official;
    if (!official) continue;
    compared++;
    const expected = uaiDepartementCode(official.departement);
    const actual = uaiDepartement(s.uai);
    if (actual !== expected) out.push(`${s.uai} (${departementWords(actual)}) à ${s.commune} (${departementWords(expected)})`);
  }
  return compared ? out : null;
}

/**
 * The quality in which someone signs for the party, from the title written beside the signature.
 * `mayor` is the mayor of the party's commune, or of one of the RPI's communes, or a « maire »
 * who names no commune; `mayor_of_other_commune` names one that is not the party's.
 */
export const SIGNATORY_QUALITIES = [
  'mayor',
  'mayor_of_other_commune',
  'honorary_mayor',
  'delegated_mayor',
  'deputy',
  'by_delegation',
  'president',
  'other',
] as const;
export type SignatoryQuality = (typeof SIGNATORY_QUALITIES)[number];

/** The commune a title names after « maire »: « maire de la ville de Lunel », « maire du Cailar ». */
function namedCommune(rest: string): string | null {
  const m = /^(?:de la (?:ville|commune) (?:de |d )?|de |d |(du |des ))(.*)$/.exec(rest);
  if (!m) return null;
  const article = m[1] === 'du ' ? 'le ' : m[1] === 'des ' ? 'les ' : '';
  return `${article}${m[2]}`;
}

/** The longest of `keys` that begins `text` as whole words, if any. */
function leadingKey(text: string, keys: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const k of keys) if ((text === k || text.startsWith(`${k} `)) && (!best || k.length > best.length)) best = k;
  return best;
}

export function signatoryQuality(title: string, communes: readonly PartyCommune[]): SignatoryQuality {
  const t = normaliseName(title)
    .replace(/^(monsieur|madame|mme|mr|m) /, '')
    .replace(/^(le|la|l) /, '');
  if (/\bpar delegation\b|\bpour le maire\b|^p ?o\b/.test(t)) return 'by_delegation';
  if (/\badjointe?\b|\bconseill(er|ere)\b/.test(t)) return 'deputy';
  if (/^maire\b/.test(t)) {
    if (/\bhonoraire\b/.test(t)) return 'honorary_mayor';
    if (/^maire deleguee?\b/.test(t)) return 'delegated_mayor';
    const named = namedCommune(t.slice('maire'.length).trim());
    if (named === null) return 'mayor';
    const keys = communes.flatMap((c) => [...c.keys]);
    const key = leadingKey(named, keys);
    if (!key) return 'mayor_of_other_commune';
    // The mayor of a former commune now déléguée is its maire délégué, not the commune's mayor.
    return communes.some((c) => c.attachedKeys.has(key)) ? 'delegated_mayor' : 'mayor';
  }
  if (/^presidente?\b/.test(t)) return 'president';
  return 'other';
}

/**
 * An RPI's legal form: a syndicate (SIVOS, SIVU…) or a community of communes is a public body
 * represented by its president; an agreement between communes (entente, convention) has no
 * legal personality of its own, and each commune acts through its mayor.
 */
export const RPI_FORMS = ['legal_person', 'no_legal_person', 'unknown'] as const;
export type RpiForm = (typeof RPI_FORMS)[number];

export function rpiForm(legalForm: string | undefined): RpiForm {
  const t = normaliseName(legalForm ?? '');
  if (/\bsyndicat\b|\bsi(vos|vu|vom|rp|ep|s)\b|\bcommunaute\b|\bepci\b|\bmetropole\b/.test(t)) return 'legal_person';
  if (/\bentente\b|\bconvention(nel|nelle)?\b|\baccord\b|\bsans personnalite\b|\bregroupement\b/.test(t)) return 'no_legal_person';
  return 'unknown';
}

/**
 * Whether the author of a letter is a party of this dossier's convention (art. 9: « l'une des
 * parties »; art. 10: « elle adresse à l'autre partie »): the académie always is; the commune of a
 * commune's dossier and the RPI of an RPI's are; a commune writing in an RPI's dossier may be one
 * of its communes; an RPI is never party to a commune's convention.
 */
export const AUTHOR_STANDINGS = ['academie', 'party', 'member_commune', 'not_party'] as const;
export type AuthorStanding = (typeof AUTHOR_STANDINGS)[number];

export function authorStanding(author: Initiator, party: Party): AuthorStanding {
  if (author === 'academie') return 'academie';
  if (author === party.type) return 'party';
  return author === 'commune' ? 'member_commune' : 'not_party';
}
