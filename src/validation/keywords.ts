import type { KeywordDefinition } from 'ajv';

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

export const KEYWORDS: KeywordDefinition[] = [
  {
    keyword: 'maxDecimals',
    type: 'number',
    schemaType: 'number',
    metaSchema: { type: 'integer', minimum: 0 },
    validate: (max: number, data: number) => decimalPlaces(data) <= max,
  },
  {
    keyword: 'consecutiveSchoolYear',
    type: 'string',
    schemaType: 'boolean',
    validate: (on: boolean, data: string) => !on || consecutiveYears(data),
  },
];
