import type { Kind } from '../domain/submission';
import { KINDS } from '../domain/submission';
import common from '../../schemas/common.schema.json';
import convention from '../../schemas/convention.schema.json';
import amendment from '../../schemas/amendment.schema.json';
import termination from '../../schemas/termination.schema.json';
import formalNotice from '../../schemas/formal-notice.schema.json';
import conciliation from '../../schemas/conciliation.schema.json';
import invoice from '../../schemas/invoice.schema.json';
import submission from '../../schemas/submission.schema.json';

/**
 * The JSON Schemas of the interchange format, as files under `schemas/`, by the name they are
 * served under. Read-only: they are the published contract.
 */

export const SCHEMA_BASE_URI = 'https://ent-compliance.ac-montpellier.fr/schemas/';

export interface SchemaFile {
  /** File name under `schemas/`, e.g. `formal-notice.schema.json`. */
  file: string;
  /** The schema's `$id`. */
  id: string;
  schema: Readonly<Record<string, unknown>>;
}

function entry(file: string, schema: { $id: string }): SchemaFile {
  if (schema.$id !== SCHEMA_BASE_URI + file) throw new Error(`schemas: ${file} has $id ${schema.$id}`);
  return { file, id: schema.$id, schema: deepFreeze(schema) };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** The file of each kind's schema: `formal_notice` → `formal-notice.schema.json`. */
export function schemaFileOf(kind: Kind): string {
  return `${kind.replace(/_/g, '-')}.schema.json`;
}

export const KIND_SCHEMAS: Readonly<Record<Kind, SchemaFile>> = {
  convention: entry('convention.schema.json', convention),
  amendment: entry('amendment.schema.json', amendment),
  termination: entry('termination.schema.json', termination),
  formal_notice: entry('formal-notice.schema.json', formalNotice),
  conciliation: entry('conciliation.schema.json', conciliation),
  invoice: entry('invoice.schema.json', invoice),
};

export const COMMON_SCHEMA = entry('common.schema.json', common);
export const SUBMISSION_SCHEMA = entry('submission.schema.json', submission);

/** Every schema of the format: the dispatcher, the shared definitions, then one per kind. */
export const SCHEMAS: readonly SchemaFile[] = [SUBMISSION_SCHEMA, COMMON_SCHEMA, ...KINDS.map((k) => KIND_SCHEMAS[k])];
