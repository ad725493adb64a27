import { formatDate, formatEuros, formatInWords, formatValue } from '../wording/format';

/**
 * Rule messages are French sentences with placeholders: `{owedAmount|euros}`, `{transmittedOn}`.
 * A placeholder names a fact or a parameter; the filter says how a lawyer reads the value. A
 * rule's title and quoted clause name parameters the same way (`{feePerSchool}`,
 * `{termEnd|long}`), so that a value is written once, in `ruleset.yaml`, and a rule carried to
 * the next year reads that year's value.
 */

/** `{name}`, `{name|filter}`, or `{name|filter:word:words}` for a filter that takes words. */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?:\|([a-z]+)((?::[^:{}|]*)*))?\}/g;

type Filter = (v: unknown, name: string, args: readonly string[]) => string;

/** How many a value counts: a list by its length, a number as itself. */
function howMany(v: number | unknown[]): number {
  return Array.isArray(v) ? v.length : v;
}

/**
 * How a placeholder's value is written: by default as a value of that name is written everywhere
 * (wording/format.ts: money in euros, codes in words, dates JJ/MM/AAAA); a filter forces a reading.
 * `plural` agrees words with a count, as French does (singular up to 1): `{n|plural:# titre:# titres}`
 * (`#` is the number) or `{uais|plural:École inscrite:Écoles inscrites}`; a third form is for zero.
 */
export const FILTERS: Record<string, Filter> = {
  euros: (v, name) => (typeof v === 'number' ? formatEuros(v) : formatValue(name, v)),
  date: (v, name) => (typeof v === 'string' ? formatDate(v) : formatValue(name, v)),
  count: (v, name) => (Array.isArray(v) ? String(v.length) : formatValue(name, v)),
  list: (v, name) => (Array.isArray(v) && v.length === 0 ? 'aucune' : formatValue(name, v)),
  /** At the head of a sentence: « Avenant transmis le … ». */
  sentence: (v, name) => {
    const s = formatValue(name, v);
    return s.charAt(0).toUpperCase() + s.slice(1);
  },
  plural: (v, name, [one, many, none]) => {
    // A fact that does not apply (null) has no number: said as everywhere, « non renseigné ».
    if (typeof v !== 'number' && !Array.isArray(v)) return many.replace(/#/g, formatValue(name, v));
    const n = howMany(v);
    const words = n === 0 && none !== undefined ? none : Math.abs(n) > 1 ? many : one;
    return words.replace(/#/g, String(n));
  },
  /** As the contract's text writes it: « 31 octobre 2021 », « 15 octobre », « 50 euros ». */
  long: (v, name) => formatInWords(name, v),
};

/** The words each filter takes: `plural` a singular and a plural form, and one for zero if it likes. */
export const FILTER_WORDS: Readonly<Record<string, { min: number; max: number; what: string }>> = {
  plural: { min: 2, max: 3, what: 'le singulier et le pluriel (et, si besoin, la forme pour zéro), par exemple {n|plural:# titre:# titres}' },
};

export interface Placeholder {
  name: string;
  filter?: string;
  /** The words after the filter's name, each after a `:`. */
  args: string[];
  index: number;
}

export function placeholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1], filter: m[2], args: m[3] ? m[3].slice(1).split(':') : [], index: m.index ?? 0 }));
}

export type CompiledMessage = (values: Readonly<Record<string, unknown>>) => string;

/** A template split once into text and placeholders, so that rendering is a join, not a regex. */
export function compileMessage(template: string): CompiledMessage {
  const parts: Array<string | { name: string; format: (v: unknown, name: string) => string }> = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, m.index));
    const filter = m[2] ? FILTERS[m[2]] : undefined;
    const args = m[3] ? m[3].slice(1).split(':') : [];
    parts.push({ name: m[1], format: filter ? (v, name) => filter(v, name, args) : (v, name) => formatValue(name, v) });
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(template.slice(last));
  return (values) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : p.format(values[p.name], p.name);
    return out;
  };
}

export function renderMessage(template: string, values: Readonly<Record<string, unknown>>): string {
  return compileMessage(template)(values);
}
