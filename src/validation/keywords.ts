import { _, type KeywordCxt, type KeywordDefinition } from 'ajv';

/**
 * The two constraints of the format that JSON Schema cannot say by itself. Their messages are
 * written in `messages.ts` with the others.
 */

/** Digits after the decimal point of a finite number, as JavaScript writes it (`1e-7` has 7). */
export function decimalPlaces(n: number): number {
  if (!Number.isFinite(n)) return Infinity;
  const [mantissa, exponent] = String(Math.abs(n)).split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent ?? 0));
}

/** `2020-2021`: the second year follows the first. The shape itself is the schema's `pattern`. */
export function consecutiveYears(value: string): boolean {
  const m = /^([0-9]{4})-([0-9]{4})$/.exec(value);
  return !m || Number(m[2]) === Number(m[1]) + 1;
}

/**
 * Written as code generators rather than `validate` callbacks, so that the validators can also be
 * generated once at build time (standalone code, see `precompiled.ts`): the generated code
 * calls the two functions above from this module.
 */
const HELPERS = {
  decimalPlaces: { ref: decimalPlaces, code: _`require("./keywords").decimalPlaces` },
  consecutiveYears: { ref: consecutiveYears, code: _`require("./keywords").consecutiveYears` },
};

function callHelper(cxt: KeywordCxt, name: keyof typeof HELPERS) {
  return cxt.gen.scopeValue('func', HELPERS[name]);
}

export const KEYWORDS: KeywordDefinition[] = [
  {
    keyword: 'maxDecimals',
    type: 'number',
    schemaType: 'number',
    metaSchema: { type: 'integer', minimum: 0 },
    code(cxt) {
      cxt.fail(_`${callHelper(cxt, 'decimalPlaces')}(${cxt.data}) > ${cxt.schema as number}`);
    },
  },
  {
    keyword: 'consecutiveSchoolYear',
    type: 'string',
    schemaType: 'boolean',
    code(cxt) {
      cxt.fail(_`${cxt.schema as boolean} && !${callHelper(cxt, 'consecutiveYears')}(${cxt.data})`);
    },
  },
];
