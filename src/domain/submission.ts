/**
 * The interchange format of DOMAIN.md, as TypeScript types. The JSON Schemas under `schemas/`
 * are the authority; these types describe a document that has passed them.
 */

export type Kind = 'convention' | 'amendment' | 'termination' | 'formal_notice' | 'conciliation' | 'invoice';
export const KINDS: readonly Kind[] = ['convention', 'amendment', 'termination', 'formal_notice', 'conciliation', 'invoice'];

/** ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** ISO instant with an offset, or a calendar date. */
export type IsoDateTime = string;

export interface Person {
  name: string;
  title?: string;
}

export interface Contact {
  name: string;
  email?: string;
}

export interface RpiCommune {
  name: string;
  inseeCode?: string;
  siret?: string;
}

export interface Party {
  type: 'commune' | 'rpi';
  name: string;
  siret: string;
  inseeCode?: string;
  representative?: Person;
  contact?: Contact;
  /** RPI only. */
  legalForm?: string;
  communes?: RpiCommune[];
  paymentMode?: 'grouped' | 'per_commune';
}

export type SchoolType = 'EM' | 'EE' | 'EP';

export interface School {
  uai: string;
  type: SchoolType;
  name?: string;
  commune: string;
}

export type LetterMethod = 'letter' | 'registered_letter' | 'registered_letter_ar';

export interface Letter {
  method: LetterMethod;
  sentOn: IsoDate;
  receivedOn?: IsoDate;
}

interface Common<K extends Kind> {
  kind: K;
  schoolYear: string;
  party: Party;
}

export interface Convention extends Common<'convention'> {
  signedOn: IsoDate;
  signatory: Person;
  schools: School[];
  schoolCount: number;
  amount: number;
}

export type AmendmentReason = 'school_list' | 'rpi_change' | 'commune_joins_rpi' | 'commune_leaves_rpi' | 'intercommunality';

export interface Amendment extends Common<'amendment'> {
  reason: AmendmentReason;
  transmittedAt: IsoDateTime;
  signatory: Person;
  schools: School[];
  schoolCount: number;
}

export type Initiator = 'commune' | 'rpi' | 'academie';

export interface Termination extends Common<'termination'> {
  ground: 'notice' | 'breach';
  initiator: Initiator;
  letter: Letter;
  effectiveOn: IsoDate;
  reasons?: string[];
  /** Absent means not requested. */
  refundRequested?: boolean;
}

export interface FormalNotice extends Common<'formal_notice'> {
  sender: Initiator;
  letter: Letter;
  grievances: string[];
}

export interface Conciliation extends Common<'conciliation'> {
  heldOn: IsoDate;
  outcome: 'agreement' | 'failure';
}

export interface Invoice extends Common<'invoice'> {
  issuedOn: IsoDate;
  schoolCount: number;
  amount: number;
}

export type Submission = Convention | Amendment | Termination | FormalNotice | Conciliation | Invoice;
