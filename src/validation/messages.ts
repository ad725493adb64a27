import type { ErrorObject } from 'ajv';
import localizeFr from 'ajv-i18n/localize/fr';
import type { SchemaError } from '../domain/finding';
import { child } from '../documents/pointer';
import { fieldLabel } from '../wording/fields';
import { COMMON_SCHEMA } from './schemas';

/**
 * Ajv's errors as the legal and finance staff should read them: in French, on the key at fault,
 * with the value received and what was expected, once each. Needs errors from an Ajv instance with
 * `verbose: true` (each error then carries its schema and the data).
 */

const TYPE_FR: Record<string, string> = {
  object: 'un objet',
  array: 'une liste',
  string: 'un texte',
  number: 'un nombre',
  integer: 'un nombre entier',
  boolean: 'un booléen (true ou false)',
  null: 'null',
};

function show(value: unknown): string {
  if (typeof value === 'string') return `« ${value.length > 60 ? `${value.slice(0, 57)}…` : value} »`;
  if (value === undefined) return 'rien';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

function list(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function descriptionOf(schema: unknown): string | undefined {
  if (schema && typeof schema === 'object' && typeof (schema as { description?: unknown }).description === 'string') {
    return (schema as { description: string }).description;
  }
  return undefined;
}

function lastSegment(pointer: string): string {
  return pointer
    .slice(pointer.lastIndexOf('/') + 1)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');
}

const TEXT_PATTERN = '\\S';
/** The patterns of `singleLine` and `multiLine` (schemas/common.schema.json): no control character, line breaks only in prose. */
const COMMON_DEFS = COMMON_SCHEMA.schema.$defs as Record<string, { pattern: string }>;
const SINGLE_LINE_PATTERN = COMMON_DEFS.singleLine.pattern;
const MULTI_LINE_PATTERN = COMMON_DEFS.multiLine.pattern;

const CONTROL_NAMES: Record<number, string> = {
  0x00: 'un caractère nul',
  0x09: 'une tabulation',
  0x0a: 'un retour à la ligne',
  0x0d: 'un retour chariot (fin de ligne Windows)',
};

/**
 * A control character in a text field: which field, which character and after what, so that it can
 * be found in a file where it does not show. A name or a date read from a form or a spreadsheet
 * often brings one along unseen; kept, it would break the lines of a report or of a CSV export.
 */
function controlCharacter(path: string, value: unknown, multiLine: boolean): string {
  const text = typeof value === 'string' ? value : '';
  const at = [...text].findIndex((c) => {
    const code = c.codePointAt(0) ?? 0;
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    return control && !(multiLine && (code === 0x09 || code === 0x0a || code === 0x0d));
  });
  const chars = [...text];
  const code = at >= 0 ? (chars[at].codePointAt(0) ?? 0) : 0;
  const name = CONTROL_NAMES[code] ?? `un caractère de contrôle (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  const before = chars.slice(Math.max(0, at - 20), at).join('');
  const where = at > 0 ? ` après « ${at > 20 ? '…' : ''}${before} »` : at === 0 ? ' au début' : '';
  const rule = multiLine ? 'seuls les retours à la ligne et les tabulations y sont admis' : 'ce champ s’écrit sur une seule ligne, sans caractère de contrôle';
  return `le champ « ${fieldLabel(path)} » contient ${name}${where} : ${rule}`;
}

/** The errors of one validation, in the order Ajv found them, without the noise of its combinators. */
export function toSchemaErrors(raw: readonly ErrorObject[]): SchemaError[] {
  const errors = collapseAnyOf(raw);
  localizeFr(errors);
  const out: SchemaError[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < errors.length; i++) {
    const e = errors[i];
    if (e.keyword === 'if') continue;
    const item = describe(e, errors.slice(i + 1));
    const key = `${item.path}\0${item.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

/**
 * An `anyOf` that fails is one error: "one of these forms", said by the schema's description.
 * Ajv reports each branch's errors just before the `anyOf` error itself; drop them.
 */
function collapseAnyOf(raw: readonly ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const e of raw) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      const at = e.instancePath;
      while (out.length > 0) {
        const prev = out[out.length - 1].instancePath;
        if (prev === at || prev.startsWith(`${at}/`)) out.pop();
        else break;
      }
    }
    out.push({ ...e });
  }
  return out;
}

function describe(e: ErrorObject, following: readonly ErrorObject[]): SchemaError {
  const p = e.params as Record<string, unknown>;
  const path = e.instancePath;
  const at = (message: string, where = path): SchemaError => ({ path: where, message, keyword: e.keyword });
  switch (e.keyword) {
    case 'required': {
      const missing = String(p.missingProperty);
      const branch = /\/(then|else)\/required$/.test(e.schemaPath) ? descriptionOf(e.parentSchema) : undefined;
      return at(`propriété obligatoire manquante : « ${missing} »${branch ? ` (${branch})` : ''}`, child(path, missing));
    }
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      const allowed = props ? ` ; propriétés admises : ${Object.keys(props).join(', ')}` : '';
      return at(`propriété non autorisée : « ${key} »${allowed}`, child(path, key));
    }
    case 'false schema': {
      // A key a `then`/`else` branch forbids: the `if` error that follows names the branch.
      const key = lastSegment(path);
      const parent = path.slice(0, path.lastIndexOf('/'));
      const cond = following.find((f) => f.keyword === 'if' && f.instancePath === parent);
      const branch = cond ? descriptionOf(cond.parentSchema?.[String((cond.params as { failingKeyword?: unknown }).failingKeyword)]) : undefined;
      return at(`propriété non autorisée ici : « ${key} »${branch ? ` (${branch})` : ''}`);
    }
    case 'enum':
      return at(`${show(e.data)} n'est pas une valeur admise ; valeurs admises : ${list(p.allowedValues as unknown[])}`);
    case 'const':
      return at(`doit valoir ${JSON.stringify(p.allowedValue)} (reçu ${show(e.data)})`);
    case 'type': {
      const types = String(p.type)
        .split(',')
        .map((t) => TYPE_FR[t] ?? t);
      return at(`doit être ${types.join(' ou ')} (reçu ${show(e.data)})`);
    }
    case 'format': {
      const expected = descriptionOf(e.parentSchema) ?? `au format ${String(p.format)}`;
      if (p.format === 'date' && typeof e.data === 'string' && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(e.data)) {
        return at(`${show(e.data)} n'est pas une date qui existe dans le calendrier`);
      }
      return at(`${show(e.data)} n'est pas au format attendu : ${expected}`);
    }
    case 'anyOf':
    case 'oneOf': {
      const expected = descriptionOf(e.parentSchema);
      return at(expected ? `${show(e.data)} n'est pas au format attendu : ${expected}` : (e.message ?? e.keyword));
    }
    case 'pattern':
      if (p.pattern === TEXT_PATTERN) return at('ne doit pas être vide ni ne contenir que des espaces');
      if (p.pattern === SINGLE_LINE_PATTERN || p.pattern === MULTI_LINE_PATTERN) return at(controlCharacter(path, e.data, p.pattern === MULTI_LINE_PATTERN));
      return at(`${show(e.data)} n'est pas au format attendu : ${descriptionOf(e.parentSchema) ?? `motif ${String(p.pattern)}`}`);
    case 'minLength':
      if ((e.parentSchema as { pattern?: unknown } | undefined)?.pattern === TEXT_PATTERN || p.limit === 1) {
        return at('ne doit pas être vide ni ne contenir que des espaces');
      }
      return at(e.message ?? e.keyword);
    case 'minItems':
      return at(p.limit === 1 ? 'la liste ne doit pas être vide' : `la liste doit compter au moins ${String(p.limit)} éléments`);
    case 'maxItems':
      return at(`la liste compte ${Array.isArray(e.data) ? e.data.length : 'trop d’'} éléments : ${String(p.limit)} au plus`);
    case 'minimum':
      return at(p.limit === 0 ? `doit être positif ou nul (reçu ${show(e.data)})` : `doit être supérieur ou égal à ${String(p.limit)} (reçu ${show(e.data)})`);
    case 'maxDecimals':
      return at(`${show(e.data)} : un montant s'écrit avec au plus ${String(e.schema)} décimales`);
    case 'consecutiveSchoolYear':
      return at(`${show(e.data)} : une année scolaire couvre deux années consécutives, par exemple 2020-2021`);
    default:
      return at(e.message ?? e.keyword);
  }
}
