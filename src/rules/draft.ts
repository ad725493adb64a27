import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { isDeepStrictEqual } from 'node:util';
import type { LintError, ParameterDef, RuleSet } from './model';
import { RULESET_FILE } from './lint';

/**
 * A school year's draft as the legal staff change it from the pages: its `ruleset.yaml` written
 * for a new year over a base, a parameter's value or an article's text set in it (comments and
 * layout kept, the rest of the file as it was), its status turned to `in_force` at publication,
 * and the date parameters a new year would shift, offered for confirmation. Pure: texts in, texts
 * out; the service writes the files.
 */

/** How a parameter is typed in the form: a field of its own for each. */
export type ParameterKind = 'euros' | 'date' | 'monthDay' | 'schoolYear' | 'count' | 'departements' | 'yesNo' | 'text';

const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parameterKind(p: Pick<ParameterDef, 'name' | 'value' | 'unit'>): ParameterKind {
  const v = p.value;
  if (typeof v === 'boolean') return 'yesNo';
  if (typeof v === 'number') return p.unit?.includes('€') ? 'euros' : 'count';
  if (Array.isArray(v)) return 'departements';
  if (typeof v === 'string') {
    if (p.unit === 'MM-JJ') return 'monthDay';
    if (SCHOOL_YEAR.test(v)) return 'schoolYear';
    if (DATE.test(v)) return 'date';
  }
  return 'text';
}

/** A value as the form shows it in its field. */
export function parameterInput(kind: ParameterKind, value: unknown): string {
  if (kind === 'yesNo') return value === true ? 'oui' : 'non';
  if (kind === 'departements' && Array.isArray(value)) return value.join(', ');
  if (kind === 'euros' && typeof value === 'number') return value.toFixed(2).replace('.', ',').replace(/,00$/, '');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

const EXPECTED: Record<ParameterKind, string> = {
  euros: 'un montant en euros, par exemple 50 ou 52,50',
  date: 'une date, par exemple 2023-10-31',
  monthDay: 'un jour de l’année « MM-JJ », par exemple 10-15',
  schoolYear: 'une année scolaire « AAAA-AAAA », par exemple 2022-2023',
  count: 'un nombre entier',
  departements: 'des codes de département à trois chiffres séparés par des virgules, par exemple 011, 030',
  yesNo: '« oui » ou « non »',
  text: 'un texte',
};

/** What a form's field says, as the value to write; or why it cannot be read. */
export function readParameterInput(kind: ParameterKind, raw: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const t = raw.trim();
  const bad = { ok: false as const, message: `attendu ${EXPECTED[kind]} ; reçu « ${t.slice(0, 60)} »` };
  switch (kind) {
    case 'euros': {
      const m = /^(\d+)(?:[,.](\d{1,2}))?\s*(?:€|euros?)?$/i.exec(t);
      return m ? { ok: true, value: Number(`${m[1]}.${m[2] ?? '0'}`) } : bad;
    }
    case 'count':
      return /^\d+$/.test(t) ? { ok: true, value: Number(t) } : bad;
    case 'yesNo':
      return t === 'oui' ? { ok: true, value: true } : t === 'non' ? { ok: true, value: false } : bad;
    case 'departements': {
      const codes = t.split(/[\s,;]+/).filter(Boolean);
      return codes.length && codes.every((c) => /^\d{3}$/.test(c)) ? { ok: true, value: codes } : bad;
    }
    case 'date':
      return DATE.test(t) && isCalendarDate(t) ? { ok: true, value: t } : bad;
    case 'monthDay':
      return /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(t) ? { ok: true, value: t } : bad;
    case 'schoolYear':
      return SCHOOL_YEAR.test(t) ? { ok: true, value: t } : bad;
    default:
      return t ? { ok: true, value: t } : bad;
  }
}

function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A date parameter a new year would move, and where to: offered, never applied unasked. */
export interface DateProposal {
  name: string;
  article: string;
  description: string;
  current: string;
  proposed: string;
}

function startYear(schoolYear: string): number {
  return Number(schoolYear.slice(0, 4));
}

/** The same date or school year `years` later (29 February becomes the 28th in a common year). */
export function shiftYears(value: string, years: number): string {
  const sy = SCHOOL_YEAR.exec(value);
  if (sy) return `${Number(sy[1]) + years}-${Number(sy[2]) + years}`;
  const [y, m, d] = value.split('-').map(Number);
  const year = y + years;
  const day = m === 2 && d === 29 && !isCalendarDate(`${year}-02-29`) ? 28 : d;
  return `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The dates and school years of a draft still as its base has them, each moved by as many years as
 * the draft's year is after the base's: what the juriste is asked to confirm (or not: a date may
 * rightly stay, as a term fixed once for several years).
 */
export function dateProposals(draft: Pick<RuleSet, 'schoolYear' | 'parameters'>, base: Pick<RuleSet, 'schoolYear' | 'parameters'>): DateProposal[] {
  const years = startYear(draft.schoolYear) - startYear(base.schoolYear);
  if (years <= 0) return [];
  return draft.parameters.flatMap((p) => {
    const kind = parameterKind(p);
    if (kind !== 'date' && kind !== 'schoolYear') return [];
    const before = base.parameters.find((b) => b.name === p.name);
    if (!before || !isDeepStrictEqual(before.value, p.value)) return [];
    return [{ name: p.name, article: p.article, description: p.description, current: p.value as string, proposed: shiftYears(p.value as string, years) }];
  });
}

function quoted(s: string): string {
  return JSON.stringify(s);
}

/** The `ruleset.yaml` of a new year's draft over `base`: it extends it and says nothing else yet. */
export function newDraftText(schoolYear: string, base: Pick<RuleSet, 'name' | 'schoolYear' | 'title' | 'source'>, preparedBy: string, on: string): string {
  const retitle = (s: string) =>
    s
      .split(base.schoolYear)
      .join(schoolYear)
      .replace(/\s*\(projet\)\s*$/, '');
  return [
    `# PROJET — jeu de règles de la convention ENT-école, année scolaire ${schoolYear}.`,
    `# Préparé le ${on} par ${preparedBy} à partir de ${base.name}, dont il hérite : ce fichier ne dit`,
    `# que ce qui change. Les dates de ${base.name} y restent tant qu'elles ne sont pas confirmées.`,
    `extends: ${quoted(base.name)}`,
    `schoolYear: ${quoted(schoolYear)}`,
    'status: draft',
    `title: ${quoted(`${retitle(base.title)} (projet)`)}`,
    ...(base.source ? [`source: ${quoted(retitle(base.source))}`] : []),
    '',
  ].join('\n');
}

function parse(text: string): Document {
  return parseDocument(text, { keepSourceTokens: false });
}

/** Sets each named parameter's value in a `ruleset.yaml` (adding `{ value }` under `parameters:` for one the file does not write yet). */
export function withParameterValues(text: string, values: Readonly<Record<string, unknown>>): string {
  const doc = parse(text);
  for (const [name, value] of Object.entries(values)) {
    const node = doc.createNode(value, { flow: true });
    if (doc.hasIn(['parameters', name])) doc.setIn(['parameters', name, 'value'], node);
    else {
      const entry = doc.createNode({ value }, { flow: true });
      if (!doc.has('parameters')) doc.set('parameters', doc.createNode({}));
      doc.setIn(['parameters', name], entry);
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/** Sets each named article's text (a literal block, as the texts are written by hand). */
export function withArticleTexts(text: string, texts: Readonly<Record<string, string>>): string {
  const doc = parse(text);
  for (const [id, t] of Object.entries(texts)) {
    const body = `${t.replace(/\r\n?/g, '\n').trimEnd()}\n`;
    const node = doc.createNode(body);
    if (isScalar(node)) node.type = 'BLOCK_LITERAL';
    if (!doc.has('articles')) doc.set('articles', doc.createNode({}));
    if (isMap(doc.getIn(['articles', id]))) doc.setIn(['articles', id, 'text'], node);
    else doc.setIn(['articles', id], doc.createNode({ text: node }));
  }
  return doc.toString({ lineWidth: 0 });
}

/** The same `ruleset.yaml` with another status: what publishing writes. */
export function withStatus(text: string, status: 'draft' | 'in_force'): string {
  const doc = parse(text);
  doc.set('status', status);
  return doc.toString({ lineWidth: 0 });
}

/**
 * The form's field a lint error of `ruleset.yaml` is about: the parameter or the article whose
 * entry holds its line (`parameters.feePerSchool`, `articles.5`); null for another place.
 */
export function fieldOfError(rulesetText: string, e: Pick<LintError, 'file' | 'line'>): string | null {
  if (e.file !== RULESET_FILE) return null;
  const lines = new LineCounter();
  const doc = parseDocument(rulesetText, { lineCounter: lines });
  for (const section of ['parameters', 'articles'] as const) {
    const map = doc.get(section, true);
    if (!isMap(map)) continue;
    for (const pair of map.items) {
      const key = pair.key as { range?: [number, number, number]; value?: unknown } | null;
      const value = pair.value as { range?: [number, number, number] } | null;
      if (!key?.range) continue;
      const from = lines.linePos(key.range[0]).line;
      const to = lines.linePos(Math.max(key.range[0], (value?.range ?? key.range)[1] - 1)).line;
      if (e.line >= from && e.line <= to) return `${section}.${String(key.value)}`;
    }
  }
  return null;
}
