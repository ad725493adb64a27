import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * The valid submissions under test/fixtures/submissions, and the table of invalid ones: each a
 * valid fixture with one change, the JSON Pointer that must be reported and the keyword that fails.
 */

export const SUBMISSION_FIXTURES = resolve(__dirname, '../fixtures/submissions');

export const VALID_FIXTURES = [
  'convention-commune.json',
  'convention-rpi.yaml',
  'amendment.json',
  'termination-notice.json',
  'termination-breach.json',
  'formal-notice.json',
  'conciliation.json',
  'invoice.json',
] as const;

export type FixtureName = (typeof VALID_FIXTURES)[number];

export function fixtureText(name: FixtureName): string {
  return readFileSync(join(SUBMISSION_FIXTURES, name), 'utf8');
}

/** A fresh copy of a fixture's value. */
export function fixtureValue(name: FixtureName): Record<string, unknown> {
  const text = fixtureText(name);
  return (name.endsWith('.yaml') ? parse(text) : JSON.parse(text)) as Record<string, unknown>;
}

/** Marks a key to remove. */
export const REMOVE = Symbol('remove');

/** Sets (or removes) the value at a JSON Pointer of a copy of `doc`. */
export function mutate(doc: unknown, pointer: string, value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const segs = pointer.slice(1).split('/');
  let node: Record<string, unknown> = copy;
  for (const s of segs.slice(0, -1)) node = node[s] as Record<string, unknown>;
  const last = segs[segs.length - 1];
  if (value === REMOVE) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

export interface InvalidCase {
  /** Plain words: what is wrong. */
  name: string;
  fixture: FixtureName;
  /** Where to change the fixture, and the new value (or REMOVE). */
  at: string;
  value: unknown;
  /** The error expected: its path and keyword. */
  path: string;
  keyword: string;
}

const c = (name: string, fixture: FixtureName, at: string, value: unknown, path: string, keyword: string): InvalidCase => ({
  name,
  fixture,
  at,
  value,
  path,
  keyword,
});
const CONV: FixtureName = 'convention-commune.json';
const RPI: FixtureName = 'convention-rpi.yaml';
const AMEND: FixtureName = 'amendment.json';
const BREACH: FixtureName = 'termination-breach.json';
const NOTICE: FixtureName = 'termination-notice.json';
const FORMAL: FixtureName = 'formal-notice.json';
const CONCIL: FixtureName = 'conciliation.json';
const INVOICE: FixtureName = 'invoice.json';

export const INVALID_CASES: readonly InvalidCase[] = [
  // Keys
  c('an unknown key at the top', CONV, '/comment', 'x', '/comment', 'additionalProperties'),
  c('an unknown key in the party', CONV, '/party/mayor', 'x', '/party/mayor', 'additionalProperties'),
  c('an unknown key in a school', CONV, '/schools/1/pupils', 120, '/schools/1/pupils', 'additionalProperties'),
  c('an unknown key in the signatory', AMEND, '/signatory/phone', '0467000000', '/signatory/phone', 'additionalProperties'),
  c('an unknown key in a letter', FORMAL, '/letter/trackingNumber', '1A2B', '/letter/trackingNumber', 'additionalProperties'),
  c('an unknown key in the representative', CONV, '/party/representative/since', '2020', '/party/representative/since', 'additionalProperties'),
  c('a key of another kind (invoice with signedOn)', INVOICE, '/signedOn', '2020-09-20', '/signedOn', 'additionalProperties'),
  c('no school year', CONV, '/schoolYear', REMOVE, '/schoolYear', 'required'),
  c('no party', INVOICE, '/party', REMOVE, '/party', 'required'),
  c('no SIRET for the party', CONV, '/party/siret', REMOVE, '/party/siret', 'required'),
  c('no name for the party', CONV, '/party/name', REMOVE, '/party/name', 'required'),
  c('no name for the representative', CONV, '/party/representative/name', REMOVE, '/party/representative/name', 'required'),
  c('no name for the contact', CONV, '/party/contact/name', REMOVE, '/party/contact/name', 'required'),
  // Kind and school year
  c('a school year that is not YYYY-YYYY', CONV, '/schoolYear', '2020/2021', '/schoolYear', 'pattern'),
  c('a school year of one year', CONV, '/schoolYear', '2020', '/schoolYear', 'pattern'),
  c('a school year whose years are not consecutive', CONV, '/schoolYear', '2020-2022', '/schoolYear', 'consecutiveSchoolYear'),
  c('a school year backwards', CONV, '/schoolYear', '2021-2020', '/schoolYear', 'consecutiveSchoolYear'),
  c('a school year as a number', INVOICE, '/schoolYear', 2020, '/schoolYear', 'type'),
  // Party
  c('a party type other than commune or rpi', CONV, '/party/type', 'syndicat', '/party/type', 'enum'),
  c('an empty party name', CONV, '/party/name', '', '/party/name', 'minLength'),
  c('a party name of spaces only', CONV, '/party/name', '   ', '/party/name', 'pattern'),
  c('a SIRET of 13 digits', CONV, '/party/siret', '2134027040001', '/party/siret', 'pattern'),
  c('a SIRET with spaces', CONV, '/party/siret', '213 402 704 00018', '/party/siret', 'pattern'),
  c('a SIRET as a number', CONV, '/party/siret', 21340270400018, '/party/siret', 'type'),
  c('an INSEE code of 4 digits', CONV, '/party/inseeCode', '3427', '/party/inseeCode', 'pattern'),
  c('an INSEE code with a bad Corsican prefix', CONV, '/party/inseeCode', '2C004', '/party/inseeCode', 'pattern'),
  c('a contact email that is not an address', CONV, '/party/contact/email', 'mairie at saintjeandevedas.fr', '/party/contact/email', 'format'),
  c('an RPI without legal form', RPI, '/party/legalForm', REMOVE, '/party/legalForm', 'required'),
  c('an RPI without its communes', RPI, '/party/communes', REMOVE, '/party/communes', 'required'),
  c('an RPI without payment mode', RPI, '/party/paymentMode', REMOVE, '/party/paymentMode', 'required'),
  c('an RPI with an empty list of communes', RPI, '/party/communes', [], '/party/communes', 'minItems'),
  c('an RPI with an unknown payment mode', RPI, '/party/paymentMode', 'monthly', '/party/paymentMode', 'enum'),
  c('an RPI commune without name', RPI, '/party/communes/1/name', REMOVE, '/party/communes/1/name', 'required'),
  c('an RPI commune with a bad INSEE code', RPI, '/party/communes/0/inseeCode', '342640', '/party/communes/0/inseeCode', 'pattern'),
  c('an RPI commune with a bad SIRET', RPI, '/party/communes/1/siret', '2134019530001X', '/party/communes/1/siret', 'pattern'),
  c('an RPI commune with an unknown key', RPI, '/party/communes/0/mayor', 'x', '/party/communes/0/mayor', 'additionalProperties'),
  c('a commune with a legal form', CONV, '/party/legalForm', 'commune', '/party/legalForm', 'false schema'),
  c('a commune with a list of communes', CONV, '/party/communes', [{ name: 'Lattes' }], '/party/communes', 'false schema'),
  c('a commune with a payment mode', CONV, '/party/paymentMode', 'grouped', '/party/paymentMode', 'false schema'),
  // Convention
  c('a signature date that does not exist', CONV, '/signedOn', '2021-02-30', '/signedOn', 'format'),
  c('a signature date written the French way', CONV, '/signedOn', '20/09/2020', '/signedOn', 'format'),
  c('a signature instant instead of a date', CONV, '/signedOn', '2020-09-20T10:00:00+02:00', '/signedOn', 'format'),
  c('no signature date', CONV, '/signedOn', REMOVE, '/signedOn', 'required'),
  c('a signatory without title', CONV, '/signatory/title', REMOVE, '/signatory/title', 'required'),
  c('a signatory with an empty name', CONV, '/signatory/name', '', '/signatory/name', 'minLength'),
  c('an empty list of schools', CONV, '/schools', [], '/schools', 'minItems'),
  c('schools that are not a list', CONV, '/schools', { uai: '0341301E' }, '/schools', 'type'),
  c('a UAI with a lower-case letter', CONV, '/schools/0/uai', '0341301e', '/schools/0/uai', 'pattern'),
  c('a UAI of 6 digits', CONV, '/schools/0/uai', '341301E', '/schools/0/uai', 'pattern'),
  c('a UAI without letter', CONV, '/schools/2/uai', '03415770', '/schools/2/uai', 'pattern'),
  c('a school type other than EM, EE, EP', CONV, '/schools/1/type', 'EX', '/schools/1/type', 'enum'),
  c('a school without commune', CONV, '/schools/0/commune', REMOVE, '/schools/0/commune', 'required'),
  c('a school without UAI', CONV, '/schools/0/uai', REMOVE, '/schools/0/uai', 'required'),
  c('a negative school count', CONV, '/schoolCount', -1, '/schoolCount', 'minimum'),
  c('a school count with decimals', CONV, '/schoolCount', 2.5, '/schoolCount', 'type'),
  c('a school count as text', CONV, '/schoolCount', '3', '/schoolCount', 'type'),
  c('a negative amount', CONV, '/amount', -150, '/amount', 'minimum'),
  c('an amount with three decimals', CONV, '/amount', 150.005, '/amount', 'maxDecimals'),
  c('an amount as text', CONV, '/amount', '150', '/amount', 'type'),
  c('no amount', CONV, '/amount', REMOVE, '/amount', 'required'),
  // Amendment
  c('an unknown amendment reason', AMEND, '/reason', 'other', '/reason', 'enum'),
  c('a transmission instant without offset', AMEND, '/transmittedAt', '2020-10-15T23:30:00', '/transmittedAt', 'anyOf'),
  c('a transmission date that does not exist', AMEND, '/transmittedAt', '2020-10-32', '/transmittedAt', 'anyOf'),
  c('a transmission date in words', AMEND, '/transmittedAt', '15 octobre 2020', '/transmittedAt', 'anyOf'),
  c('an amendment without signatory', AMEND, '/signatory', REMOVE, '/signatory', 'required'),
  c('an amendment with an empty list of schools', AMEND, '/schools', [], '/schools', 'minItems'),
  c('an amendment without school count', AMEND, '/schoolCount', REMOVE, '/schoolCount', 'required'),
  // Termination
  c('an unknown ground of termination', NOTICE, '/ground', 'mutual', '/ground', 'enum'),
  c('an unknown initiator', NOTICE, '/initiator', 'prefet', '/initiator', 'enum'),
  c('an unknown letter method', NOTICE, '/letter/method', 'email', '/letter/method', 'enum'),
  c('a letter without sending date', NOTICE, '/letter/sentOn', REMOVE, '/letter/sentOn', 'required'),
  c('a receipt date that does not exist (2021 is not a leap year)', NOTICE, '/letter/receivedOn', '2021-02-29', '/letter/receivedOn', 'format'),
  c('no effective date', NOTICE, '/effectiveOn', REMOVE, '/effectiveOn', 'required'),
  c('a refund request that is not a boolean', NOTICE, '/refundRequested', 'non', '/refundRequested', 'type'),
  c('a termination for breach without reasons', BREACH, '/reasons', REMOVE, '/reasons', 'required'),
  c('a termination for breach with an empty list of reasons', BREACH, '/reasons', [], '/reasons', 'minItems'),
  c('a termination with an empty reason', BREACH, '/reasons/1', '', '/reasons/1', 'minLength'),
  // Formal notice
  c('an unknown sender', FORMAL, '/sender', 'prefet', '/sender', 'enum'),
  c('a formal notice without grievances', FORMAL, '/grievances', REMOVE, '/grievances', 'required'),
  c('a formal notice with an empty list of grievances', FORMAL, '/grievances', [], '/grievances', 'minItems'),
  c('a grievance of spaces only', FORMAL, '/grievances/0', ' ', '/grievances/0', 'pattern'),
  c('a formal notice without letter', FORMAL, '/letter', REMOVE, '/letter', 'required'),
  // Conciliation
  c('a conciliation date that does not exist', CONCIL, '/heldOn', '2020-12-32', '/heldOn', 'format'),
  c('an unknown outcome of conciliation', CONCIL, '/outcome', 'partial', '/outcome', 'enum'),
  c('a conciliation without outcome', CONCIL, '/outcome', REMOVE, '/outcome', 'required'),
  // Invoice
  c('an invoice date that does not exist', INVOICE, '/issuedOn', '2020-11-31', '/issuedOn', 'format'),
  c('an invoice without school count', INVOICE, '/schoolCount', REMOVE, '/schoolCount', 'required'),
  c('an invoice amount with a fraction of a cent', INVOICE, '/amount', 5900.001, '/amount', 'maxDecimals'),
  c('an invoice amount that is negative', INVOICE, '/amount', -0.01, '/amount', 'minimum'),
];

/** Changes the schema accepts: the contract's rules, not the format, judge them. */
export const LEFT_TO_THE_RULES: readonly { name: string; fixture: FixtureName; at: string; value: unknown }[] = [
  { name: 'a UAI whose check letter is wrong', fixture: CONV, at: '/schools/0/uai', value: '0341301A' },
  { name: 'a UAI of a department outside the académie', fixture: CONV, at: '/schools/0/uai', value: '0750001A' },
  { name: 'a SIRET that fails the Luhn check', fixture: CONV, at: '/party/siret', value: '21340270400019' },
  { name: 'a school count that differs from the list', fixture: CONV, at: '/schoolCount', value: 7 },
  { name: 'an amount that is not count × fee', fixture: CONV, at: '/amount', value: 123.45 },
  { name: 'a signatory who is not the mayor', fixture: AMEND, at: '/signatory/title', value: 'adjoint au maire' },
  { name: 'a transmission after the window', fixture: AMEND, at: '/transmittedAt', value: '2020-10-15T22:30:00Z' },
  { name: 'an effective date before the letter', fixture: NOTICE, at: '/effectiveOn', value: '2020-01-01' },
  { name: 'a school year after the term', fixture: INVOICE, at: '/schoolYear', value: '2031-2032' },
];

/** Changes of form the schema must accept. */
export const ALSO_VALID: readonly { name: string; fixture: FixtureName; at: string; value: unknown }[] = [
  { name: 'a transmission as a calendar date', fixture: AMEND, at: '/transmittedAt', value: '2020-10-15' },
  { name: 'a transmission instant in UTC', fixture: AMEND, at: '/transmittedAt', value: '2020-10-15T21:30:00Z' },
  { name: 'a transmission instant with fractions of a second', fixture: AMEND, at: '/transmittedAt', value: '2020-10-15T21:30:00.250+02:00' },
  { name: 'an amount with two decimals', fixture: CONV, at: '/amount', value: 150.25 },
  { name: 'an amount with one decimal', fixture: CONV, at: '/amount', value: 0.1 },
  { name: 'an amount of zero', fixture: INVOICE, at: '/amount', value: 0 },
  { name: 'a school count of zero', fixture: INVOICE, at: '/schoolCount', value: 0 },
  { name: 'a Corsican INSEE code', fixture: CONV, at: '/party/inseeCode', value: '2A004' },
  { name: 'a leap day', fixture: CONV, at: '/signedOn', value: '2020-02-29' },
  { name: 'a termination on notice without reasons', fixture: NOTICE, at: '/reasons', value: [] },
  { name: 'a termination without refund request', fixture: NOTICE, at: '/refundRequested', value: REMOVE },
  {
    name: 'a party without INSEE code, representative or contact',
    fixture: INVOICE,
    at: '/party',
    value: { type: 'commune', name: 'Montpellier', siret: '21340172201787' },
  },
  { name: 'a school without name', fixture: CONV, at: '/schools/0/name', value: REMOVE },
  { name: 'an RPI paying per commune', fixture: RPI, at: '/party/paymentMode', value: 'per_commune' },
  { name: 'an RPI commune with a name only', fixture: RPI, at: '/party/communes/1', value: { name: 'Pégairolles-de-Buèges' } },
];
