import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { SchemaError } from '../domain/finding';
import { KINDS, type Kind, type Submission } from '../domain/submission';
import { parseDocument, locateNearest, type DocumentFormat } from '../documents/parse';
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

function run(validate: ValidateFunction, value: unknown): ValidationResult {
  if (validate(value)) return { ok: true, submission: value as Submission };
  return { ok: false, errors: toSchemaErrors(validate.errors ?? []) };
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
