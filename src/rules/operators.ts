import { Operator } from './engine';
import { compareDates } from '../dates/calendar';

/**
 * Operators that json-rules-engine lacks, as a table: its own compare numbers and strings, not
 * dates (its issues #141, #375). A date is an ISO `YYYY-MM-DD`, compared as a calendar day with
 * Temporal; a missing date (`null`) satisfies no date operator, so that a rule which needs it fails
 * visibly rather than passing by accident.
 */

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

function dateOperator(name: string, holds: (cmp: number) => boolean, description: string) {
  return {
    description,
    operator: new Operator(
      name,
      (a: unknown, b: unknown) => isDate(a) && isDate(b) && holds(compareDates(a, b)),
      (a: unknown) => a === null || isDate(a),
    ),
  };
}

export const CUSTOM_OPERATORS = {
  dateBefore: dateOperator('dateBefore', (c) => c < 0, 'la date est strictement antérieure à'),
  dateOnOrBefore: dateOperator('dateOnOrBefore', (c) => c <= 0, 'la date est antérieure ou égale à'),
  dateAfter: dateOperator('dateAfter', (c) => c > 0, 'la date est strictement postérieure à'),
  dateOnOrAfter: dateOperator('dateOnOrAfter', (c) => c >= 0, 'la date est postérieure ou égale à'),
  isEmpty: {
    description: 'la liste est vide (valeur true) ou non vide (valeur false)',
    operator: new Operator('isEmpty', (a: unknown, b: unknown) => Array.isArray(a) && (a.length === 0) === b),
  },
};

/** json-rules-engine's own operators, in French for the rule set page. */
export const BUILTIN_OPERATORS: Record<string, string> = {
  equal: 'est égal à',
  notEqual: 'est différent de',
  lessThan: 'est strictement inférieur à',
  lessThanInclusive: 'est inférieur ou égal à',
  greaterThan: 'est strictement supérieur à',
  greaterThanInclusive: 'est supérieur ou égal à',
  in: 'est l’une des valeurs',
  notIn: 'n’est aucune des valeurs',
  contains: 'contient',
  doesNotContain: 'ne contient pas',
};

export const OPERATOR_DESCRIPTIONS: Record<string, string> = {
  ...BUILTIN_OPERATORS,
  ...Object.fromEntries(Object.entries(CUSTOM_OPERATORS).map(([k, v]) => [k, v.description])),
};

export const OPERATOR_NAMES: ReadonlySet<string> = new Set(Object.keys(OPERATOR_DESCRIPTIONS));
