import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { SchemaError } from '../domain/finding';
import { KINDS, type Kind, type Submission } from '../domain/submission';
import { parseDocument, locateNearest, type DocumentFormat } from '../documents/parse';
import { child } from '../documents/pointer';
import { KEYWORDS } from './keywords';
import { toSchemaErrors } from './messages';
import { ajvOptions, loadValidators, type ValidatorSet } from './precompiled';
import { MAX_LIST_LENGTH, MAX_SCHEMA_ERRORS } from '../limits';
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

const validators = loadValidators(
  'submission-schemas',
  SCHEMAS.map((s) => s.schema),
  submissionValidatorSet,
);
const validateAny = validators.any;
const validateKind = Object.fromEntries(KINDS.map((k) => [k, validators[k]])) as Record<Kind, ValidateFunction>;

export type ValidationResult = { ok: true; submission: Submission } | { ok: false; errors: SchemaError[] };

export { MAX_LIST_LENGTH, MAX_SCHEMA_ERRORS } from '../limits';
/** Ajv's raw errors looked at, a margin above MAX_SCHEMA_ERRORS for those that collapse into one. */
const MAX_RAW_ERRORS = 10 * MAX_SCHEMA_ERRORS;

/**
 * A list longer than MAX_LIST_LENGTH (see src/limits.ts) is refused before Ajv looks into it: a
 * hostile document of 1 Mio holds lists of 500 000 items, and Ajv's time grows faster than the
 * list. Walked without recursion; most documents have none, and a first walk keeps no path.
 */
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

/** The value with every list cut to MAX_LIST_LENGTH items, and the pointers and lengths of those cut. */
function cutLists(value: unknown): { cut: unknown; lists: Map<string, number> } {
  const lists = new Map<string, number>();
  const copy = (node: unknown, pointer: string): unknown => {
    if (Array.isArray(node)) {
      if (node.length > MAX_LIST_LENGTH) lists.set(pointer, node.length);
      return node.slice(0, MAX_LIST_LENGTH).map((x, i) => copy(x, child(pointer, i)));
    }
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    // defineProperty: a key named __proto__ stays an own key, as it was read.
    for (const [k, x] of Object.entries(node))
      Object.defineProperty(out, k, { value: copy(x, child(pointer, k)), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return { cut: copy(value, ''), lists };
}

/**
 * Each list too long to be read, refused on its path with the format's own limit for it (500
 * schools, 100 grievances…), which Ajv finds on the value cut to MAX_LIST_LENGTH items; a list the
 * format does not bound (under a key it does not know) is refused with MAX_LIST_LENGTH.
 */
function oversizedLists(validate: ValidateFunction, value: unknown): SchemaError[] {
  const { cut, lists } = cutLists(value);
  validate(cut);
  const ownLimit = new Map<string, number>();
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'maxItems' && lists.has(e.instancePath)) ownLimit.set(e.instancePath, Number(e.params.limit));
  }
  return [...lists].map(([path, length]) => ({
    path,
    keyword: 'maxItems',
    message: `la liste compte ${length} éléments : ${ownLimit.get(path) ?? MAX_LIST_LENGTH} au plus`,
  }));
}

function run(validate: ValidateFunction, value: unknown): ValidationResult {
  if (hasOversizedList(value)) return { ok: false, errors: oversizedLists(validate, value).slice(0, MAX_SCHEMA_ERRORS) };
  if (validate(value)) return { ok: true, submission: value as Submission };
  const raw = validate.errors ?? [];
  const errors = toSchemaErrors(raw.length > MAX_RAW_ERRORS ? raw.slice(0, MAX_RAW_ERRORS) : raw);
  if (errors.length <= MAX_SCHEMA_ERRORS && raw.length <= MAX_RAW_ERRORS) return { ok: false, errors };
  const kept = errors.slice(0, MAX_SCHEMA_ERRORS);
  kept.push({
    path: '',
    keyword: 'maxErrors',
    message: `trop d'erreurs : seules les ${MAX_SCHEMA_ERRORS} premières sont détaillées, corrigez-les puis renvoyez le document`,
  });
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
