import type { Outcome, Severity } from '../domain/finding';
import type { Kind } from '../domain/submission';
import type { VerdictCode } from '../domain/verdict';
import { DUES_BASIS_WORDS } from '../contract/basis';

/**
 * The words a report and the pages use for the codes of the interchange format and of the
 * findings, in one table each, so that "non conforme" or "avenant" is written once.
 */

/** The kind of document, as legal staff name it (lower case: it is used inside sentences). */
export const KIND_NAMES: Record<Kind, string> = {
  convention: 'convention',
  amendment: 'avenant',
  termination: 'résiliation',
  formal_notice: 'mise en demeure',
  conciliation: 'conciliation',
  invoice: 'titre de perception',
};

/** The kind at the head of a line or a table cell: « Avenant ». A code outside the format is shown as it is. */
export function kindLabel(kind: string): string {
  const name = (KIND_NAMES as Record<string, string>)[kind];
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : kind;
}

/** Slugs for file names: ASCII, no spaces. */
export const KIND_SLUGS: Record<Kind, string> = {
  convention: 'convention',
  amendment: 'avenant',
  termination: 'resiliation',
  formal_notice: 'mise-en-demeure',
  conciliation: 'conciliation',
  invoice: 'titre-de-perception',
};

export const OUTCOME_WORDS: Record<Outcome, string> = {
  pass: 'conforme',
  fail: 'non conforme',
  review: 'à examiner',
  not_applicable: 'sans objet',
};

/** Said only of a finding that failed: what the failure does to the submission. */
export const SEVERITY_WORDS: Record<Severity, string> = {
  error: 'bloquant',
  warning: 'avertissement',
  info: 'information',
};

export const RULESET_STATUS_WORDS: Record<'in_force' | 'draft', string> = {
  in_force: 'en vigueur',
  draft: 'en projet',
};

export type { VerdictCode };

/** In the order of `VERDICT_CODES`: the strongest first. */
export const VERDICT_WORDS: Record<VerdictCode, string> = {
  non_conforme: 'Non conforme',
  a_examiner: 'À examiner',
  conforme_avec_reserves: 'Conforme avec réserves',
  conforme: 'Conforme',
};

/** What the finding said beside a verdict is, by verdict, to count the others of its kind. */
export const VERDICT_FINDING_WORDS: Record<VerdictCode, { one: string; many: string }> = {
  non_conforme: { one: 'clause bloquante', many: 'clauses bloquantes' },
  a_examiner: { one: 'constat à examiner', many: 'constats à examiner' },
  conforme_avec_reserves: { one: 'réserve', many: 'réserves' },
  conforme: { one: 'constat', many: 'constats' },
};

/**
 * What the document's own date is (`contract/document-date.ts`), agreed with the kind's gender:
 * « convention signée le », « avenant transmis le ».
 */
export const DOCUMENT_DATE_WORDS: Record<Kind, string> = {
  convention: 'signée le',
  amendment: 'transmis le',
  termination: 'prenant effet le',
  formal_notice: 'envoyée le',
  conciliation: 'tenue le',
  invoice: 'émis le',
};

/**
 * Enumerated values that facts and documents carry, by fact name: a lawyer reads « avenant
 * tardif », not `late`. A value absent from its table is shown as it is.
 */
const PARTY_WORDS = { commune: 'la commune', rpi: 'le RPI', academie: 'l’académie' } as const;

export const VALUE_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  kind: KIND_NAMES,
  /** The act a document is dated by, written to be followed by « le 02/03/2021 ». */
  act: {
    convention: 'convention signée',
    amendment: 'avenant transmis',
    termination: 'lettre de résiliation envoyée',
    formal_notice: 'mise en demeure envoyée',
    conciliation: 'conciliation tenue',
    invoice: 'titre de perception émis',
  },
  partyType: { commune: 'commune', rpi: 'RPI' },
  paymentMode: { grouped: 'paiement groupé', per_commune: 'paiement par chaque commune' },
  rpiForm: {
    legal_person: 'établissement public, syndicat ou communauté, représenté par son président',
    no_legal_person: 'regroupement sans personnalité juridique, entente ou convention entre communes, dont chaque commune agit par son maire',
    unknown: 'forme juridique qui ne dit pas qui représente le RPI',
  },
  signatoryQuality: {
    mayor: 'maire de la commune, ou d’une commune du RPI',
    mayor_of_other_commune: 'maire d’une autre commune',
    honorary_mayor: 'maire honoraire, titre sans pouvoir de représentation',
    delegated_mayor: 'maire délégué d’une commune déléguée',
    deputy: 'adjoint ou conseiller municipal',
    by_delegation: 'signature par délégation du maire',
    president: 'président',
    other: 'autre qualité que celle de maire',
  },
  reason: {
    school_list: 'liste des écoles',
    rpi_change: 'modification du RPI',
    commune_joins_rpi: 'intégration d’une commune au RPI',
    commune_leaves_rpi: 'sortie d’une commune du RPI',
    intercommunality: 'intercommunalité',
  },
  ground: { notice: 'préavis (article 9)', breach: 'manquement (article 10)' },
  initiator: PARTY_WORDS,
  sender: PARTY_WORDS,
  formalNoticeSender: PARTY_WORDS,
  authorStanding: {
    academie: 'l’académie, partie à la convention',
    party: 'la partie signataire de la convention du dossier',
    member_commune: 'une commune, alors que la partie est un RPI',
    not_party: 'le RPI, qui n’est pas partie à la convention d’une commune',
  },
  letterMethod: {
    letter: 'lettre simple',
    registered_letter: 'lettre recommandée sans accusé de réception',
    registered_letter_ar: 'lettre recommandée avec accusé de réception',
  },
  schoolCountChange: { increase: 'augmentation', decrease: 'diminution', same: 'nombre inchangé' },
  conciliationAfterNotice: {
    no_notice: 'aucune mise en demeure au dossier',
    none: 'aucune conciliation au dossier après la mise en demeure',
    agreement: 'la conciliation qui suit la mise en demeure a abouti à un accord',
    failure: 'conciliation en échec',
  },
  duesBasis: DUES_BASIS_WORDS,
  ruleSetStatus: RULESET_STATUS_WORDS,
  outcome: { agreement: 'accord', failure: 'échec' },
};

export const PARTY_TYPE_WORDS: Record<'commune' | 'rpi', string> = { commune: 'commune', rpi: 'regroupement pédagogique intercommunal (RPI)' };

export const SCHOOL_TYPE_WORDS: Record<'EM' | 'EE' | 'EP', string> = {
  EM: 'école maternelle',
  EE: 'école élémentaire',
  EP: 'école primaire',
};

/** The state of a dossier's convention, in two words for a list (the full sentence comes beside it). */
export const DOSSIER_STATUS_WORDS: Record<'in_force' | 'terminated' | 'no_convention', string> = {
  in_force: 'en vigueur',
  terminated: 'résiliée',
  no_convention: 'sans convention',
};
