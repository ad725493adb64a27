import { formatDate, formatEuros, formatValue } from '../wording/format';

/**
 * Rule messages are French sentences with placeholders: `{owedAmount|euros}`, `{transmittedOn}`.
 * A placeholder names a fact or a parameter; the filter says how a lawyer reads the value.
 */

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?:\|([a-z]+))?\}/g;

/**
 * How a placeholder's value is written: by default as a value of that name is written everywhere
 * (wording/format.ts: money in euros, codes in words, dates JJ/MM/AAAA); a filter forces a reading.
 */
export const FILTERS: Record<string, (v: unknown, name: string) => string> = {
  euros: (v, name) => (typeof v === 'number' ? formatEuros(v) : formatValue(name, v)),
  date: (v, name) => (typeof v === 'string' ? formatDate(v) : formatValue(name, v)),
  count: (v, name) => (Array.isArray(v) ? String(v.length) : formatValue(name, v)),
  list: (v, name) => (Array.isArray(v) && v.length === 0 ? 'aucune' : formatValue(name, v)),
  /** At the head of a sentence: « Avenant transmis le … ». */
  sentence: (v, name) => {
    const s = formatValue(name, v);
    return s.charAt(0).toUpperCase() + s.slice(1);
  },
};

export interface Placeholder {
  name: string;
  filter?: string;
  index: number;
}

export function placeholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1], filter: m[2], index: m.index ?? 0 }));
}

export type CompiledMessage = (values: Readonly<Record<string, unknown>>) => string;

/** A template split once into text and placeholders, so that rendering is a join, not a regex. */
export function compileMessage(template: string): CompiledMessage {
  const parts: Array<string | { name: string; format: (v: unknown, name: string) => string }> = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, m.index));
    parts.push({ name: m[1], format: (m[2] && FILTERS[m[2]]) || ((v: unknown, name: string) => formatValue(name, v)) });
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
