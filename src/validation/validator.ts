import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { SchemaError } from '../domain/finding';
import { KINDS, type Kind, type Submission } from '../domain/submission';
import { parseDocument, locateNearest, type DocumentFormat } from '../documents/parse';
import { child } from '../documents/pointer';
import { KEYWORDS } from './keywords';
import { toSchemaErrors } from './messages';
import { ajvOptions, loadValidators, type ValidatorSet } from './precompiled';
import { KIND_SCHEMAS, SCHEMAS, SUBMISSION_SCHEMA } from './schemas';

/**
 * The one Ajv instance of submissions: every schema under `schemas/` compiled once — at build time
 * into `submission-schemas.generated.js`, or at load when running from the sources (see
 * `precompiled.ts`). `strict` makes a mistake in a schema fail there rather than pass documents
 * silently.
 */

export { KINDS } from '../domain/submission';
export type { Kind } from '../domain/submission';
export { SCHEMAS, KIND_SCHEMAS, SUBMISSION_SCHEMA, COMMON_SCHEMA, schemaFileOf } from './schemas';
export type { SchemaFile } from './schemas';

/** The Ajv instance of submissions, every schema added; used at build time, or at start-up without a build. */
export function submissionValidatorSet(): ValidatorSet {
  const ajv = new Ajv2020(ajvOptions({ strict: true, allErrors: true, verbose: true }));
  addFormats(ajv);
  for (const k of KEYWORDS) ajv.addKeyword(k);
  for (const s of SCHEMAS) ajv.addSchema(s.schema, s.id);
  const refs: Record<string, string> = { any: SUBMISSION_SCHEMA.id };
  for (const k of KINDS) refs[k] = KIND_SCHEMAS[k].id;
  return { ajv, refs, schemas: SCHEMAS.map((s) => s.schema) };
}

const validators = loadValidators('submission-schemas', SCHEMAS.map((s) => s.schema), submissionValidatorSet);
const validateAny = validators.any;
const validateKind = Object.fromEntries(KINDS.map((k) => [k, validators[k]])) as Record<Kind, ValidateFunction>;

export type ValidationResult = { ok: true; submission: Submission } | { ok: false; errors: SchemaError[] };

/**
 * Errors described one by one at most. A hostile document (a list of 100 000 wrong schools, fitting
 * in 1 Mo) makes Ajv report hundreds of thousands of errors; describing and locating them all took
 * minutes and answered megabytes. No person reads beyond the first hundred: the rest are counted.
 */
export const MAX_SCHEMA_ERRORS = 100;
/** Ajv's raw errors looked at, a margin above MAX_SCHEMA_ERRORS for those that collapse into one. */
const MAX_RAW_ERRORS = 10 * MAX_SCHEMA_ERRORS;

/**
 * Longest list the validator looks into. Ajv's time grows faster than the list it checks (20 000
 * wrong items: seconds; 100 000: minutes) and a 1 Mo body holds 500 000; the format's longest list
 * (annexe 1) has 500 at most (`maxItems`). A longer list is refused before Ajv sees it.
 */
export const MAX_LIST_LENGTH = 1000;

/** Every list of the value longer than MAX_LIST_LENGTH, walked without recursion. */
function oversizedLists(value: unknown): SchemaError[] {
  // Most documents have none: a first walk keeps no path, the second names the lists found.
  return hasOversizedList(value) ? oversizedListPaths(value) : [];
}

function hasOversizedList(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      if (node.length > MAX_LIST_LENGTH) return true;
      for (const x of node) stack.push(x);
    } else if (node !== null && typeof node === 'object') {
      for (const key in node) if (Object.hasOwn(node, key)) stack.push((node as Record<string, unknown>)[key]);
    }
  }
  return false;
}

function oversizedListPaths(value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (Array.isArray(node)) {
      if (node.length > MAX_LIST_LENGTH) {
        errors.push({ path: pointer, keyword: 'maxItems', message: `la liste compte ${node.length} éléments : ${MAX_LIST_LENGTH} au plus` });
        continue;
      }
      node.forEach((x, i) => stack.push([x, child(pointer, i)]));
    } else if (node !== null && typeof node === 'object') {
      for (const [k, x] of Object.entries(node)) stack.push([x, child(pointer, k)]);
    }
  }
  return errors;
}

function run(validate: ValidateFunction, value: unknown): ValidationResult {
  const oversized = oversizedLists(value);
  if (oversized.length > 0) return { ok: false, errors: oversized.slice(0, MAX_SCHEMA_ERRORS) };
  if (validate(value)) return { ok: true, submission: value as Submission };
  const raw = validate.errors ?? [];
  const errors = toSchemaErrors(raw.length > MAX_RAW_ERRORS ? raw.slice(0, MAX_RAW_ERRORS) : raw);
  if (errors.length <= MAX_SCHEMA_ERRORS && raw.length <= MAX_RAW_ERRORS) return { ok: false, errors };
  const kept = errors.slice(0, MAX_SCHEMA_ERRORS);
  kept.push({ path: '', keyword: 'maxErrors', message: `trop d'erreurs : seules les ${MAX_SCHEMA_ERRORS} premières sont détaillées, corrigez-les puis renvoyez le document` });
  return { ok: false, errors: kept };
}

/** Whether `value` is a submission of the interchange format, whatever its kind; the errors in French otherwise. */
export function validateSubmission(value: unknown): ValidationResult {
  return run(validateAny, value);
}

/** Validates against one kind's schema, whatever `kind` the value claims. */
export function validateAgainst(kind: Kind, value: unknown): ValidationResult {
  return run(validateKind[kind], value);
}

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

export type DocumentCheck =
  | { ok: true; submission: Submission }
  /** `syntax`: the text is not JSON or YAML; `schema`: it is, but not a submission. */
  | { ok: false; stage: 'syntax' | 'schema'; errors: SchemaError[] };

/** Keys that a schema error is about, rather than their values: point at the key. */
const KEY_ERRORS = new Set(['additionalProperties', 'false schema']);

/** Parses a document's text then validates it; every error carries its line and column. */
export function checkDocumentText(text: string, format?: DocumentFormat): DocumentCheck {
  const parsed = parseDocument(text, format);
  if (!parsed.ok) return { ok: false, stage: 'syntax', errors: parsed.errors };
  const result = validateSubmission(parsed.value);
  if (result.ok) return result;
  const errors = result.errors.map((e) => {
    const at = locateNearest(parsed, e.path, KEY_ERRORS.has(e.keyword) ? 'key' : 'value');
    return at ? { ...e, line: at.line, column: at.column } : e;
  });
  // In the order a person reads the document.
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { ok: false, stage: 'schema', errors };
}
