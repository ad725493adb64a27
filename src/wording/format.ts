import { frenchDate } from '../dates/calendar';
import { RULESET_ARTICLE } from '../domain/finding';
import { VALUE_WORDS } from './labels';

/**
 * How a report writes values: dates JJ/MM/AAAA, instants at Paris time, euros « 150,00 € »,
 * booleans and codes in words. Pure functions of their arguments; the templates call them
 * through helpers (templates.ts), the view models directly.
 */

export const TIME_ZONE = 'Europe/Paris';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;

/** Facts and parameters that are sums of money in euros TTC: shown « 150,00 € ». */
export const MONEY_NAMES: ReadonlySet<string> = new Set(['amount', 'annexAmount', 'declaredCountAmount', 'owedAmount', 'feePerSchool']);

/** Parameters written `MM-JJ` (a day of the school year whatever the year). */
const MONTH_DAY_NAMES: ReadonlySet<string> = new Set(['amendmentWindowStart', 'amendmentWindowEnd']);

/** Thousands grouped by a narrow no-break space, as French typography (and `Intl`'s fr-FR) does. */
const NNBSP = '\u202f';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
}

/** `1500` → `1 500,00 €`: the only way a sum of money is written, in messages, reports, pages and the CLI. */
export function formatEuros(amount: number): string {
  const [units, cents] = Math.abs(amount).toFixed(2).split('.');
  return `${amount < 0 ? '−' : ''}${groupThousands(units)},${cents} €`;
}

/**
 * `1500` → `1500,00`: a sum for a French spreadsheet's cell, which reads the decimal comma as a
 * number and would take grouped thousands or the € sign for text.
 */
export function formatSpreadsheetEuros(amount: number): string {
  return amount.toFixed(2).replace('.', ',');
}

/** A count: `10000` → `10 000`. */
export function formatInteger(n: number): string {
  return `${n < 0 ? '−' : ''}${groupThousands(String(Math.round(Math.abs(n))))}`;
}

/** A duration in milliseconds, in seconds to the tenth: `2840` → `2,8 s`. */
export function formatDuration(ms: number): string {
  return `${(ms / 1000).toFixed(1).replace('.', ',')} s`;
}

/** `2020-10-16` → `16/10/2020`; anything else unchanged (a report never hides a malformed value). */
export function formatDate(iso: string): string {
  return ISO_DATE.test(iso) ? frenchDate(iso) : iso;
}

const INSTANT = new Intl.DateTimeFormat('fr-FR', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant (`2020-10-15T22:30:00Z`) → `16/10/2020 à 00:30`, the wall clock in Montpellier. A calendar date stays a date. */
export function formatInstant(iso: string): string {
  if (ISO_DATE.test(iso)) return frenchDate(iso);
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const parts = Object.fromEntries(INSTANT.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} à ${parts.hour}:${parts.minute}`;
}

/** The calendar day of an instant in Montpellier, `YYYY-MM-DD` (for file names). */
export function parisDay(iso: string): string {
  if (ISO_DATE.test(iso)) return iso;
  const parts = Object.fromEntries(INSTANT.formatToParts(new Date(Date.parse(iso))).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * A count with its noun agreed, as French does (singular up to 1): `countOf(1, 'titre', 'titres')`
 * → « 1 titre », `countOf(3, …)` → « 3 titres »; with `none`, zero is said in words:
 * `countOf(0, 'bloquante', 'bloquantes', 'aucune bloquante')` → « aucune bloquante ».
 */
export function countOf(n: number, one: string, many: string, none?: string): string {
  if (n === 0 && none !== undefined) return none;
  return `${formatNumber(n)} ${Math.abs(n) > 1 ? many : one}`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** `10-15` → « 15 octobre », `09-01` → « 1er septembre »: a day of the school year, as the contract writes it. */
function dayOfMonthInWords(monthDay: string): string {
  const [month, day] = monthDay.split('-').map(Number);
  return `${day === 1 ? '1er' : day} ${MONTHS[month - 1]}`;
}

/**
 * A value as the contract's text writes it, for a clause quoted from it: dates in words
 * (« 31 octobre 2021 », « 15 octobre »), money in whole words (« 50 euros »); anything else as
 * `formatValue` writes it. The `long` filter of rule texts (`{termEnd|long}`).
 */
export function formatInWords(name: string, value: unknown): string {
  if (typeof value === 'string' && ISO_DATE.test(value)) return `${dayOfMonthInWords(value.slice(5))} ${value.slice(0, 4)}`;
  if (typeof value === 'string' && MONTH_DAY.test(value) && MONTH_DAY_NAMES.has(name)) return dayOfMonthInWords(value);
  if (typeof value === 'number' && MONEY_NAMES.has(name))
    return `${Number.isInteger(value) ? groupThousands(String(value)) : value.toFixed(2).replace('.', ',')} euros`;
  return formatValue(name, value);
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(n).replace('.', ',');
}

/**
 * A fact's or a parameter's value as a lawyer reads it, by its name: money in euros, codes in
 * words, dates JJ/MM/AAAA, lists joined, `null` as « non renseigné » (the fact does not apply
 * or the document does not say).
 */
export function formatValue(name: string, value: unknown): string {
  if (value === null || value === undefined) return 'non renseigné';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return MONEY_NAMES.has(name) ? formatEuros(value) : formatNumber(value);
  if (typeof value === 'string') {
    const word = VALUE_WORDS[name]?.[value];
    if (word) return word;
    if (ISO_DATE.test(value)) return frenchDate(value);
    if (MONTH_DAY_NAMES.has(name) && MONTH_DAY.test(value)) return dayOfMonthInWords(value);
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? 'néant' : value.map((v) => formatValue(name, v)).join(', ');
  return JSON.stringify(value);
}

/** `7` → « Article 7 », `annexe-1` → « Annexe 1 », `preambule` → « Préambule ». */
export function articleLabel(id: string): string {
  if (id === 'preambule') return 'Préambule';
  if (id === RULESET_ARTICLE) return 'Jeu de règles';
  const annexe = /^annexe-(.+)$/.exec(id);
  if (annexe) return `Annexe ${annexe[1]}`;
  return `Article ${id}`;
}

/** The article cited after a sentence: `6.3` → « art. 6.3 », `annexe-1` → « annexe 1 », `preambule` → « préambule ». */
export function articleShort(id: string): string {
  if (/^\d/.test(id)) return `art. ${id}`;
  const label = articleLabel(id);
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * The order of the convention: the rule set itself, the preamble, the articles by number (2 before
 * 2.1 before 3, 9 before 10), the annexes. Needed because a YAML mapping read into a JavaScript
 * object lists integer-like keys ("1", "10") before the others ("2.1", "preambule").
 */
export function compareArticleIds(a: string, b: string): number {
  const rank = (id: string): [number, number[], string] => {
    if (id === RULESET_ARTICLE) return [0, [], id];
    if (id === 'preambule') return [1, [], id];
    if (/^\d+(\.\d+)*$/.test(id)) return [2, id.split('.').map(Number), id];
    const annexe = /^annexe-(\d+)$/.exec(id);
    if (annexe) return [3, [Number(annexe[1])], id];
    return [4, [], id];
  };
  const [ra, na, sa] = rank(a);
  const [rb, nb, sb] = rank(b);
  if (ra !== rb) return ra - rb;
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? -1) - (nb[i] ?? -1);
    if (d !== 0) return d;
  }
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** A fragment identifier made of the id's safe characters: `6.2` → `article-6-2`. */
export function anchorOf(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

const MONTH = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH_SHORT = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: 'UTC' });

/** `2020-09` → `septembre 2020`. */
export function formatMonth(yearMonth: string): string {
  return MONTH.format(new Date(`${yearMonth}-15T12:00:00Z`));
}

/** `2020-09` → `sept.`: a month under a column, where its year is said elsewhere. */
export function formatMonthShort(yearMonth: string): string {
  return MONTH_SHORT.format(new Date(`${yearMonth}-15T12:00:00Z`));
}

/** `1500` → `1 500 €`: a round sum on a figure's axis, where cents would only crowd it. */
export function formatWholeEuros(amount: number): string {
  return `${formatInteger(amount)} €`;
}
