import type { Kind, Submission, School, Party } from '../domain/submission';
import { KINDS } from '../domain/submission';
import type { ContractParameters } from './parameters';
import { addDays, addMonths, compareSchoolYears, localDate, schoolYearFirstDay, schoolYearLastDay, schoolYearOf } from '../dates/calendar';
import { hasValidUaiKey, uaiCheckLetter, uaiDepartement } from '../identifiers/uai';
import { isUsualCommuneSiren, sirenOf, siretValid } from '../identifiers/siret';
import { communesOf, normaliseName } from '../identifiers/communes';
import {
  amendmentWindow,
  duesFor,
  enrolmentFor,
  invoicesFor,
  latestConciliation,
  latestConvention,
  latestFormalNotice,
  amountFor,
  terminationOf,
} from './dues';
import type { DuesBasis } from './basis';
import { actDate } from './acts';
import {
  AUTHOR_STANDINGS,
  RPI_FORMS,
  SIGNATORY_QUALITIES,
  authorStanding,
  departementMismatches,
  partyCommunes,
  rpiForm,
  schoolsOutsideParty,
  signatoryQuality,
} from './party';

/**
 * Every fact a rule may name, in one table: its French description, the kinds of submission it
 * exists for, and how it is computed from the submission, the dossier's accepted history and the
 * year's parameters. Rules compare facts with operators; anything that needs a loop, a calendar
 * or the dossier's history is computed here, once, and shown in the findings.
 *
 * A fact that does not apply to the case at hand is `null` (a termination with no date of receipt
 * has `receivedOn: null`), so that a rule can test for it; reports show it as « non renseigné ».
 */

export interface FactContext {
  submission: Submission;
  history: readonly Submission[];
  params: ContractParameters;
  /** Results shared by several facts of one evaluation (the dues, the enrolment), computed once. */
  memo?: Map<string, unknown>;
}

function once<T>(ctx: FactContext, key: string, compute: () => T): T {
  if (!ctx.memo) return compute();
  if (!ctx.memo.has(key)) ctx.memo.set(key, compute());
  return ctx.memo.get(key) as T;
}

function dues(ctx: FactContext) {
  return once(ctx, 'dues', () => duesFor(ctx.history, ctx.submission.schoolYear, ctx.params));
}

function enrolment(ctx: FactContext) {
  return once(ctx, 'enrolment', () => enrolmentFor(ctx.history, ctx.submission.schoolYear, ctx.params));
}

function communesOfParty(ctx: FactContext) {
  return once(ctx, 'partyCommunes', () => partyCommunes(ctx.submission.party, ctx.params.academieDepartements));
}

export interface FactDefinition {
  description: string;
  /**
   * A yes-or-no fact, whose description is a statement: a rule may write it alone (`- hasConvention`,
   * `- not: refundRequested`) and the rule set page reads the statement itself.
   */
  boolean?: true;
  kinds: readonly Kind[];
  /**
   * For a fact whose value is a code, every code it can take: each must have its words in
   * wording/labels.ts (VALUE_WORDS), and the messages are tested with each of them.
   */
  values?: readonly string[];
  compute(ctx: FactContext): unknown;
}

const DUES_BASES: readonly DuesBasis[] = ['7', '6.1', '6.2', '6.3', 'late_permutation', '6', '9', '10', 'none'];

/** What became of the conciliation a termination by right must follow (art. 10). */
const CONCILIATION_STATES = ['no_notice', 'none', 'agreement', 'failure'] as const;

const ALL = KINDS;
const INITIATORS = ['commune', 'rpi', 'academie'] as const;
const WITH_SCHOOLS: Kind[] = ['convention', 'amendment'];
const WITH_LETTER: Kind[] = ['termination', 'formal_notice'];

function schoolsOf(s: Submission): School[] {
  return s.kind === 'convention' || s.kind === 'amendment' ? s.schools : [];
}

function letterOf(s: Submission) {
  if (s.kind !== 'termination' && s.kind !== 'formal_notice') throw new Error(`facts: ${s.kind} has no letter`);
  return s.letter;
}

function inseeCodes(party: Party): string[] {
  const codes = party.inseeCode ? [party.inseeCode] : [];
  for (const c of party.communes ?? []) if (c.inseeCode) codes.push(c.inseeCode);
  return codes;
}

function rpiCommuneNames(party: Party | undefined): string[] {
  return (party?.communes ?? []).map((c) => c.name);
}

/** The party as the dossier last knew it: from the latest accepted convention or amendment. */
function previousParty(history: readonly Submission[]): Party | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const s = history[i];
    if (s.kind === 'convention' || s.kind === 'amendment') return s.party;
  }
  return undefined;
}

function signatoryTitleOf(s: Submission): string | null {
  return s.kind === 'convention' || s.kind === 'amendment' ? (s.signatory.title ?? null) : null;
}

function qualityOf(ctx: FactContext) {
  const title = signatoryTitleOf(ctx.submission);
  return title === null ? 'other' : signatoryQuality(title, communesOfParty(ctx));
}

function previousCount(ctx: FactContext): number {
  return enrolment(ctx)?.schools.length ?? 0;
}

export const FACTS: Readonly<Record<string, FactDefinition>> = {
  kind: { description: 'Nature de la pièce', kinds: ALL, values: KINDS, compute: ({ submission }) => submission.kind },
  schoolYear: { description: 'Année scolaire de la pièce', kinds: ALL, compute: ({ submission }) => submission.schoolYear },
  schoolYearBilled: {
    description:
      'L’année scolaire est comprise entre la première année d’adhésion et la dernière année due (paramètres firstSchoolYear et lastSchoolYearBilled)',
    boolean: true,
    kinds: ALL,
    compute: ({ submission, params }) =>
      compareSchoolYears(submission.schoolYear, params.firstSchoolYear) >= 0 && compareSchoolYears(submission.schoolYear, params.lastSchoolYearBilled) <= 0,
  },
  partyType: { description: 'Partie : commune ou RPI', kinds: ALL, values: ['commune', 'rpi'], compute: ({ submission }) => submission.party.type },
  paymentMode: {
    description: 'Mode de paiement du RPI : groupé, ou par chaque commune (non renseigné pour une commune)',
    kinds: ALL,
    values: ['grouped', 'per_commune'],
    compute: ({ submission }) => submission.party.paymentMode ?? null,
  },
  legalForm: {
    description: 'Forme juridique du RPI, telle que la pièce l’écrit (non renseignée pour une commune)',
    kinds: ALL,
    compute: ({ submission }) => submission.party.legalForm ?? null,
  },
  rpiForm: {
    description:
      'Ce que la forme juridique du RPI dit de sa représentation : établissement public (syndicat, communauté) représenté par son président, ou regroupement sans personnalité juridique dont chaque commune agit par son maire (non renseigné pour une commune)',
    kinds: ALL,
    values: RPI_FORMS,
    compute: ({ submission }) => (submission.party.type === 'rpi' ? rpiForm(submission.party.legalForm) : null),
  },
  partyCommuneNames: {
    description: 'Communes de la partie : la commune, ou les communes du RPI',
    kinds: ALL,
    compute: (ctx) => communesOfParty(ctx).map((c) => c.name),
  },
  siret: { description: 'SIRET de la partie', kinds: ALL, compute: ({ submission }) => submission.party.siret },
  siretValid: { description: 'Le SIRET passe la clé de Luhn', boolean: true, kinds: ALL, compute: ({ submission }) => siretValid(submission.party.siret) },
  sirenUsualForCommune: {
    description: 'Le SIREN commence par 21 (commune) ou 200 (commune nouvelle)',
    boolean: true,
    kinds: ALL,
    compute: ({ submission }) => isUsualCommuneSiren(sirenOf(submission.party.siret)),
  },
  inseeCodes: {
    description: 'Codes INSEE donnés pour la partie et les communes du RPI',
    kinds: ALL,
    compute: ({ submission }) => inseeCodes(submission.party),
  },
  inseeCodesOutsideAcademie: {
    description: 'Codes INSEE donnés qui ne sont pas ceux d’une commune des départements de l’académie (liste officielle des communes)',
    kinds: ALL,
    compute: ({ submission, params }) => {
      const official = communesOf(params.academieDepartements);
      return inseeCodes(submission.party).filter((c) => !official.has(c));
    },
  },
  officialCommuneName: {
    description: 'Nom officiel de la commune du code INSEE de la partie (non renseigné sans code INSEE connu)',
    kinds: ALL,
    compute: ({ submission, params }) => {
      const code = submission.party.inseeCode;
      return (code && communesOf(params.academieDepartements).get(code)?.nom) ?? null;
    },
  },
  partyName: { description: 'Nom de la partie', kinds: ALL, compute: ({ submission }) => submission.party.name },
  partyNameMatchesOfficial: {
    description:
      'Le nom de la commune est celui de la liste officielle pour son code INSEE, aux accents, majuscules et traits d’union près (non renseigné sans code INSEE connu)',
    boolean: true,
    kinds: ALL,
    compute: ({ submission, params }) => {
      const code = submission.party.inseeCode;
      const official = code ? communesOf(params.academieDepartements).get(code) : undefined;
      if (!official) return null;
      const name = normaliseName(submission.party.name).replace(/^(commune|ville|mairie) (de |d )?/, '');
      return name === normaliseName(official.nom);
    },
  },
  hasConvention: {
    description: 'Une convention acceptée figure au dossier',
    boolean: true,
    kinds: ALL,
    compute: ({ history }) => latestConvention(history) !== undefined,
  },
  conventionSignedOn: {
    description: 'Date de signature de la convention du dossier',
    kinds: ALL,
    compute: ({ history }) => latestConvention(history)?.signedOn ?? null,
  },
  previousConventionBeforeTerm: {
    description: 'La convention déjà au dossier est d’une année scolaire antérieure à la première année de ce jeu de règles (firstSchoolYear)',
    boolean: true,
    kinds: ALL,
    compute: ({ history, params }) => {
      const c = latestConvention(history);
      return c !== undefined && compareSchoolYears(c.schoolYear, params.firstSchoolYear) < 0;
    },
  },
  terminationEffectiveOn: {
    description: 'Date d’effet de la résiliation acceptée au dossier',
    kinds: ALL,
    compute: ({ history }) => terminationOf(history)?.effectiveOn ?? null,
  },
  act: {
    description: 'Acte dont la pièce est datée : convention signée, avenant transmis, lettre envoyée, conciliation tenue, titre émis',
    kinds: ALL,
    values: KINDS,
    compute: ({ submission }) => submission.kind,
  },
  actDate: {
    description:
      'Date de cet acte : signature de la convention, transmission de l’avenant (date à Paris), envoi de la lettre de résiliation ou de mise en demeure, tenue de la conciliation, émission du titre',
    kinds: ALL,
    compute: ({ submission, params }) => actDate(submission, params.timeZone),
  },
  actSchoolYear: {
    description: 'Année scolaire au cours de laquelle l’acte a eu lieu (du 1er septembre au 31 août)',
    kinds: ALL,
    compute: ({ submission, params }) => schoolYearOf(actDate(submission, params.timeZone)),
  },
  schoolYearStartsOn: {
    description: 'Premier jour de l’année scolaire déclarée par la pièce (1er septembre)',
    kinds: ALL,
    compute: ({ submission }) => schoolYearFirstDay(submission.schoolYear),
  },
  schoolYearEndsOn: {
    description: 'Dernier jour de l’année scolaire déclarée par la pièce (31 août)',
    kinds: ALL,
    compute: ({ submission }) => schoolYearLastDay(submission.schoolYear),
  },

  annexRowCount: {
    description: 'Nombre de lignes de la liste des écoles (annexe 1)',
    kinds: WITH_SCHOOLS,
    compute: ({ submission }) => schoolsOf(submission).length,
  },
  declaredSchoolCount: {
    description: 'Nombre d’écoles déclaré',
    kinds: ['convention', 'amendment', 'invoice'],
    compute: ({ submission }) => ('schoolCount' in submission ? submission.schoolCount : null),
  },
  uaiWithBadKey: {
    description: 'UAI dont la lettre clé ne correspond pas aux 7 chiffres',
    kinds: WITH_SCHOOLS,
    compute: ({ submission }) =>
      schoolsOf(submission)
        .map((s) => s.uai)
        .filter((u) => !hasValidUaiKey(u)),
  },
  uaiExpectedKeys: {
    // So that the message says what to write, not only what is wrong: a mistyped letter is the usual case.
    description: 'UAI à la lettre clé fausse, chacun avec la lettre que donnent ses 7 chiffres',
    kinds: WITH_SCHOOLS,
    compute: ({ submission }) =>
      schoolsOf(submission)
        .map((s) => s.uai)
        .filter((u) => !hasValidUaiKey(u))
        .map((u) => `${u} (lettre attendue : ${uaiCheckLetter(u.slice(0, 7))})`),
  },
  uaiOutsideAcademie: {
    description: 'UAI dont le département n’est pas un département de l’académie',
    kinds: WITH_SCHOOLS,
    compute: ({ submission, params }) =>
      schoolsOf(submission)
        .map((s) => s.uai)
        .filter((u) => !params.academieDepartements.includes(uaiDepartement(u))),
  },
  schoolsOutsideParty: {
    description:
      'Écoles dont la commune (colonne « Commune » de l’annexe 1) n’est pas celle de la partie ni l’une des communes du RPI, aux accents, majuscules et traits d’union près ; le nom officiel du code INSEE et ceux des communes déléguées sont reconnus',
    kinds: WITH_SCHOOLS,
    compute: (ctx) => schoolsOutsideParty(schoolsOf(ctx.submission), communesOfParty(ctx)),
  },
  uaiDepartementMismatches: {
    description:
      'Écoles dont l’UAI commence par un autre département que celui de leur commune, connu par son code INSEE dans la liste officielle des communes (non renseigné quand aucune commune des écoles n’a de code INSEE connu)',
    kinds: WITH_SCHOOLS,
    compute: (ctx) => departementMismatches(schoolsOf(ctx.submission), communesOfParty(ctx)),
  },
  duplicateUai: {
    description: 'UAI inscrites plus d’une fois',
    kinds: WITH_SCHOOLS,
    compute: ({ submission }) => {
      const seen = new Set<string>();
      const twice = new Set<string>();
      for (const s of schoolsOf(submission)) (seen.has(s.uai) ? twice : seen).add(s.uai);
      return [...twice];
    },
  },
  amount: {
    description: 'Montant indiqué (euros TTC)',
    kinds: ['convention', 'invoice'],
    compute: ({ submission }) => ('amount' in submission ? submission.amount : null),
  },
  annexAmount: {
    description: 'Montant dû pour la liste des écoles : nombre de lignes × participation par école',
    kinds: ['convention', 'amendment'],
    compute: ({ submission, params }) => amountFor(schoolsOf(submission).length, params),
  },
  declaredCountAmount: {
    description: 'Nombre d’écoles déclaré × participation par école',
    kinds: ['convention', 'invoice'],
    compute: ({ submission, params }) => ('schoolCount' in submission ? amountFor(submission.schoolCount, params) : null),
  },

  reason: {
    description: 'Objet de l’avenant',
    kinds: ['amendment'],
    values: ['school_list', 'rpi_change', 'commune_joins_rpi', 'commune_leaves_rpi', 'intercommunality'],
    compute: ({ submission }) => (submission.kind === 'amendment' ? submission.reason : null),
  },
  transmittedOn: {
    description: 'Date de transmission de l’avenant, à Paris',
    kinds: ['amendment'],
    compute: ({ submission, params }) => (submission.kind === 'amendment' ? localDate(submission.transmittedAt, params.timeZone) : null),
  },
  windowStart: {
    description: 'Premier jour de la période de transmission des avenants pour l’année scolaire de la pièce',
    kinds: ['amendment'],
    compute: ({ submission, params }) => amendmentWindow(submission.schoolYear, params).start,
  },
  windowEnd: {
    description: 'Dernier jour de la période de transmission des avenants (reporté au jour ouvré suivant si les règles de l’année le prévoient)',
    kinds: ['amendment'],
    compute: ({ submission, params }) => amendmentWindow(submission.schoolYear, params).end,
  },
  signatoryTitle: {
    description: 'Qualité du signataire, telle que la pièce l’écrit',
    kinds: ['convention', 'amendment'],
    compute: ({ submission }) => signatoryTitleOf(submission),
  },
  signatoryQuality: {
    description:
      'Qualité du signataire au regard de la partie : maire de la commune (ou d’une commune du RPI), maire d’une autre commune, maire honoraire, maire délégué, adjoint ou conseiller, signataire par délégation, président, autre',
    kinds: ['convention', 'amendment'],
    values: SIGNATORY_QUALITIES,
    compute: qualityOf,
  },
  signatoryIsMayor: {
    description: 'Le signataire est le maire de la commune partie, ou d’une commune du RPI',
    boolean: true,
    kinds: ['convention', 'amendment'],
    compute: (ctx) => qualityOf(ctx) === 'mayor',
  },
  previousSchoolCount: {
    description: 'Nombre d’écoles inscrites pour l’année scolaire avant cette pièce (articles 6.1 à 6.3)',
    kinds: ['amendment'],
    compute: previousCount,
  },
  schoolCountChange: {
    description: 'Évolution du nombre d’écoles par rapport à la liste en vigueur : augmentation, diminution ou même nombre',
    kinds: ['amendment'],
    compute: (ctx) => {
      const before = previousCount(ctx);
      const after = schoolsOf(ctx.submission).length;
      return after > before ? 'increase' : after < before ? 'decrease' : 'same';
    },
    values: ['increase', 'decrease', 'same'],
  },
  schoolListChanged: {
    description: 'La liste des écoles diffère de la liste en vigueur (écoles ajoutées ou retirées)',
    boolean: true,
    kinds: ['amendment'],
    compute: (ctx) => {
      const { submission } = ctx;
      const before = new Set((enrolment(ctx)?.schools ?? []).map((s) => s.uai));
      const after = new Set(schoolsOf(submission).map((s) => s.uai));
      return before.size !== after.size || [...after].some((u) => !before.has(u));
    },
  },
  rpiCommunesAdded: {
    description: 'Communes du RPI absentes de la dernière pièce acceptée',
    kinds: ['amendment'],
    compute: ({ submission, history }) => {
      const before = new Set(rpiCommuneNames(previousParty(history)).map(normaliseName));
      return rpiCommuneNames(submission.party).filter((n) => !before.has(normaliseName(n)));
    },
  },
  rpiCommunesRemoved: {
    description: 'Communes du RPI de la dernière pièce acceptée qui n’y figurent plus',
    kinds: ['amendment'],
    compute: ({ submission, history }) => {
      const now = new Set(rpiCommuneNames(submission.party).map(normaliseName));
      return rpiCommuneNames(previousParty(history)).filter((n) => !now.has(normaliseName(n)));
    },
  },

  ground: {
    description: 'Motif de la résiliation : préavis (article 9) ou manquement (article 10)',
    kinds: ['termination'],
    values: ['notice', 'breach'],
    compute: ({ submission }) => (submission.kind === 'termination' ? submission.ground : null),
  },
  initiator: {
    description: 'Partie qui résilie',
    kinds: ['termination'],
    values: INITIATORS,
    compute: ({ submission }) => (submission.kind === 'termination' ? submission.initiator : null),
  },
  sender: {
    description: 'Auteur de la mise en demeure',
    kinds: ['formal_notice'],
    values: INITIATORS,
    compute: ({ submission }) => (submission.kind === 'formal_notice' ? submission.sender : null),
  },
  authorStanding: {
    description:
      'L’auteur de la lettre au regard des parties de la convention du dossier : l’académie, la partie elle-même, une commune écrivant dans le dossier d’un RPI, ou le RPI écrivant dans le dossier d’une commune',
    kinds: WITH_LETTER,
    values: AUTHOR_STANDINGS,
    compute: ({ submission }) => {
      const author = submission.kind === 'formal_notice' ? submission.sender : submission.kind === 'termination' ? submission.initiator : null;
      return author && authorStanding(author, submission.party);
    },
  },
  letterMethod: {
    description: 'Mode d’envoi de la lettre',
    kinds: WITH_LETTER,
    values: ['letter', 'registered_letter', 'registered_letter_ar'],
    compute: ({ submission }) => letterOf(submission).method,
  },
  sentOn: { description: 'Date d’envoi de la lettre', kinds: WITH_LETTER, compute: ({ submission }) => letterOf(submission).sentOn },
  receivedOn: { description: 'Date de réception de la lettre', kinds: WITH_LETTER, compute: ({ submission }) => letterOf(submission).receivedOn ?? null },
  effectiveOn: {
    description: 'Date de prise d’effet de la résiliation',
    kinds: ['termination'],
    compute: ({ submission }) => (submission.kind === 'termination' ? submission.effectiveOn : null),
  },
  noticeEndsOn: {
    description: 'Fin du préavis : réception de la lettre + durée du préavis (mois civils)',
    kinds: ['termination'],
    compute: ({ submission, params }) => {
      const received = letterOf(submission).receivedOn;
      return received ? addMonths(received, params.terminationNoticeMonths) : null;
    },
  },
  byRightEarliestOn: {
    description: 'Première date d’effet possible d’une résiliation de plein droit : envoi de la lettre + délai (jours calendaires)',
    kinds: ['termination'],
    compute: ({ submission, params }) => addDays(letterOf(submission).sentOn, params.terminationByRightDelayDays),
  },
  refundRequested: {
    description: 'La lettre demande le remboursement des sommes perçues',
    boolean: true,
    kinds: ['termination'],
    compute: ({ submission }) => (submission.kind === 'termination' ? submission.refundRequested === true : false),
  },
  alreadyTerminated: {
    description: 'Une résiliation est déjà acceptée au dossier',
    boolean: true,
    kinds: ALL,
    compute: ({ history }) => terminationOf(history) !== undefined,
  },
  formalNoticeSentOn: {
    description: 'Date d’envoi de la dernière mise en demeure acceptée au dossier',
    kinds: ['conciliation', 'termination'],
    compute: ({ history }) => latestFormalNotice(history)?.letter.sentOn ?? null,
  },
  formalNoticeReceivedOn: {
    description: 'Date de réception de la dernière mise en demeure acceptée au dossier',
    kinds: ['conciliation'],
    compute: ({ history }) => latestFormalNotice(history)?.letter.receivedOn ?? null,
  },
  formalNoticeSender: {
    description: 'Auteur de la dernière mise en demeure acceptée au dossier',
    kinds: ['termination'],
    values: INITIATORS,
    compute: ({ history }) => latestFormalNotice(history)?.sender ?? null,
  },
  conciliationDeadline: {
    description: 'Date limite de la conciliation : réception de la mise en demeure + délai (mois civils)',
    kinds: ['conciliation'],
    compute: ({ history, params }) => {
      const received = latestFormalNotice(history)?.letter.receivedOn;
      return received ? addMonths(received, params.conciliationDelayMonths) : null;
    },
  },
  heldOn: {
    description: 'Date de la conciliation',
    kinds: ['conciliation'],
    compute: ({ submission }) => (submission.kind === 'conciliation' ? submission.heldOn : null),
  },
  failedConciliationOn: {
    description: 'Date de la conciliation en échec qui suit la dernière mise en demeure',
    kinds: ['termination'],
    compute: ({ history }) => {
      const c = latestConciliation(history);
      return c && c.outcome === 'failure' ? c.heldOn : null;
    },
  },
  conciliationAfterNotice: {
    description:
      'Ce que le dossier montre de la conciliation qui suit la dernière mise en demeure : aucune mise en demeure, aucune conciliation, un accord, ou un échec',
    kinds: ['termination'],
    values: CONCILIATION_STATES,
    compute: ({ history }) => {
      if (!latestFormalNotice(history)) return 'no_notice';
      return latestConciliation(history)?.outcome ?? 'none';
    },
  },

  owedSchoolCount: {
    description: 'Nombre d’écoles dû pour l’année scolaire selon le dossier (articles 6 à 6.3)',
    kinds: ['invoice'],
    compute: (ctx) => dues(ctx).schoolCount,
  },
  owedAmount: {
    description: 'Montant dû pour l’année scolaire selon le dossier (articles 6 à 6.3)',
    kinds: ['invoice'],
    compute: (ctx) => dues(ctx).amount,
  },
  duesBasis: {
    description:
      'Ce qui fixe le nombre d’écoles dû : article 7 (convention), 6.1 (liste inchangée), 6.2 (avenant dans le délai), 6.3 (avenant tardif), permutation tardive (nombre inchangé, liste à examiner), 6 (hors période), 9 ou 10 (convention résiliée)',
    kinds: ['invoice'],
    values: DUES_BASES,
    compute: (ctx) => dues(ctx).basis,
  },
  invoicesAlreadyIssued: {
    description: 'Titres de perception déjà acceptés au dossier pour la même année scolaire',
    kinds: ['invoice'],
    compute: ({ submission, history }) => invoicesFor(history, submission.schoolYear).length,
  },
};

export const FACT_NAMES: ReadonlySet<string> = new Set(Object.keys(FACTS));

/** Computes the named facts; the evaluator asks only for those its rules use. */
export function computeFacts(names: Iterable<string>, context: FactContext): Record<string, unknown> {
  const ctx = { ...context, memo: new Map<string, unknown>() };
  const out = Object.create(null) as Record<string, unknown>;
  for (const name of names) out[name] = FACTS[name].compute(ctx);
  return out;
}
