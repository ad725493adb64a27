import { formatDate, formatEuros, formatInWords, MONEY_NAMES } from '../wording/format';
import { placeholders } from './message';
import type { ParameterDef } from './model';

/**
 * A parameter's value written out in a rule's title or message (« 50 € », « 15 octobre ») is a
 * value that will not follow the parameter when next year's rules change it: lint warns, and says
 * which parameter to name instead.
 */

export interface LiteralOfParameter {
  /** As written in the text. */
  literal: string;
  /** The parameters of that value. */
  names: string[];
}

const SPACES = /[\u00a0\u202f]/g;

/** The ways a sentence may write the parameter's value. None for values that are not read in sentences (a time zone, a list). */
function spellings(p: Pick<ParameterDef, 'name' | 'value' | 'unit'>): string[] {
  const v = p.value;
  if (typeof v === 'number' && MONEY_NAMES.has(p.name)) {
    const whole = Number.isInteger(v) ? [`${v} €`, `${v}€`, `${v} euro`] : [];
    return [formatEuros(v), formatEuros(v).replace(' €', '€'), formatInWords(p.name, v), ...whole];
  }
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return [v, formatDate(v), formatInWords(p.name, v)];
  if (typeof v === 'string' && /^\d{2}-\d{2}$/.test(v)) {
    const words = formatInWords(p.name, v);
    return words === v ? [] : [words, `${v.slice(3)}/${v.slice(0, 2)}`];
  }
  if (typeof v === 'string' && /^\d{4}-\d{4}$/.test(v)) return [v];
  if (typeof v === 'number' && Number.isInteger(v) && p.unit) {
    const word = p.unit.trim().split(/\s+/)[0];
    return [...new Set([`${v} ${word}`, `${v} ${word.replace(/s$/, '')}`])];
  }
  return [];
}

/** A function that lists, for a text, the parameters' values it writes out. */
export function literalsOfParameters(parameters: ReadonlyArray<Pick<ParameterDef, 'name' | 'value' | 'unit'>>): (text: string) => LiteralOfParameter[] {
  const byLiteral = new Map<string, string[]>();
  for (const p of parameters) {
    for (const s of spellings(p)) {
      const key = s.replace(SPACES, ' ');
      const names = byLiteral.get(key) ?? [];
      if (!names.includes(p.name)) names.push(p.name);
      byLiteral.set(key, names);
    }
  }
  // Longest first, so that « 31 octobre 2021 » is named once, not also as « 31 octobre ».
  const literals = [...byLiteral.keys()].sort((a, b) => b.length - a.length);
  return (text) => {
    let plain = text.replace(SPACES, ' ');
    for (const ph of placeholders(plain).reverse()) plain = `${plain.slice(0, ph.index)}\u0000${plain.slice(plain.indexOf('}', ph.index) + 1)}`;
    const found: LiteralOfParameter[] = [];
    for (const literal of literals) {
      let from = 0;
      for (let at = plain.indexOf(literal, from); at >= 0; at = plain.indexOf(literal, from)) {
        from = at + literal.length;
        const before = plain[at - 1] ?? ' ';
        const after = plain[at + literal.length] ?? ' ';
        if (/[\p{L}\p{N},]/u.test(before) || /[\p{L}\p{N}]/u.test(after)) continue;
        found.push({ literal, names: byLiteral.get(literal)! });
        // Blanked, so that a shorter spelling inside it is not found again.
        plain = `${plain.slice(0, at)}${'\u0000'.repeat(literal.length)}${plain.slice(at + literal.length)}`;
      }
    }
    return found;
  };
}
