/**
 * Rule messages are French sentences with placeholders: `{owedAmount|euros}`, `{transmittedOn}`.
 * A placeholder names a fact or a parameter; the filter says how a lawyer reads the value.
 */

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?:\|([a-z]+))?\}/g;

export const FILTERS: Record<string, (v: unknown) => string> = {
  euros: (v) => (typeof v === 'number' ? `${v.toFixed(2).replace('.', ',')} €` : show(v)),
  date: (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? frenchDate(v) : show(v)),
  count: (v) => (Array.isArray(v) ? String(v.length) : show(v)),
  list: (v) => (Array.isArray(v) ? (v.length ? v.map(show).join(', ') : 'aucune') : show(v)),
};

function frenchDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Default reading: dates the French way, lists joined, booleans in words. */
export function show(v: unknown): string {
  if (v === null || v === undefined) return 'non renseigné';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? frenchDate(v) : v;
  if (typeof v === 'number') return String(v).replace('.', ',');
  if (Array.isArray(v)) return FILTERS.list(v);
  return JSON.stringify(v);
}

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
  const parts: Array<string | { name: string; format: (v: unknown) => string }> = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, m.index));
    parts.push({ name: m[1], format: m[2] ? FILTERS[m[2]] : show });
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(template.slice(last));
  return (values) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : p.format(values[p.name]);
    return out;
  };
}

export function renderMessage(template: string, values: Readonly<Record<string, unknown>>): string {
  return compileMessage(template)(values);
}
