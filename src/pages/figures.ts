import { VERDICT_CODES, type VerdictCode } from '../domain/verdict';
import { departementName } from '../identifiers/departements';
import { VERDICT_LOOKS } from '../reports/badges';
import { formatEuros, formatInteger, formatMonth, formatMonthShort, formatWholeEuros } from '../wording/format';
import { VERDICT_WORDS } from '../wording/labels';
import { barChart, columnChart, type ChartView } from './charts';

/**
 * The figures of the pages, from the numbers the dossier service gives: the documents received
 * each month of the school year by verdict and what is owed by département (home page, for the
 * académie's staff), what a dossier owes each school year (dossier page). Colours: the verdicts'
 * (reports/badges.ts), and the DSFR's blue France for sums of money.
 */

const BLUE_FRANCE = '#000091';

export interface MonthCount {
  /** `2020-09`. */
  month: string;
  counts: Record<VerdictCode, number>;
}

export interface DepartementSum {
  /** Official code: `34`. */
  departement: string;
  amount: number;
}

/** The verdicts from the bottom of a column up: the best first, as a reader scans for the others. */
const STACKED: readonly VerdictCode[] = [...VERDICT_CODES].reverse();

export function depositsChart(schoolYear: string, months: readonly MonthCount[]): ChartView {
  const byVerdict = STACKED.map((code) => ({ code, total: months.reduce((sum, m) => sum + m.counts[code], 0) }));
  const total = byVerdict.reduce((sum, v) => sum + v.total, 0);
  return columnChart({
    id: 'figure-depots',
    title: `Pièces reçues chaque mois de l’année scolaire ${schoolYear}, par verdict`,
    summary: `${formatInteger(total)} ${total > 1 ? 'pièces reçues' : 'pièce reçue'} pendant l’année scolaire ${schoolYear}, dont ${byVerdict.map((v) => `${VERDICT_WORDS[v.code]} : ${formatInteger(v.total)}`).join(', ')}.`,
    categoryHeader: 'Mois',
    categories: months.map((m) => ({ label: formatMonth(m.month), short: formatMonthShort(m.month) })),
    series: STACKED.map((code) => ({ key: code, label: VERDICT_WORDS[code], colour: VERDICT_LOOKS[code].colour, values: months.map((m) => m.counts[code]) })),
    format: formatInteger,
    totalHeader: 'Toutes les pièces',
    emptyText: `Aucune pièce reçue pendant l’année scolaire ${schoolYear}.`,
  });
}

/** `34` → `Hérault (34)`; a code the official list does not have is shown as it is. */
export function departementLabel(code: string): string {
  const name = departementName(code);
  return name ? `${name} (${code})` : `Département ${code}`;
}

export function duesByDepartementChart(schoolYear: string, rows: readonly DepartementSum[]): ChartView {
  const total = rows.reduce((sum, r) => sum + r.amount, 0);
  return barChart({
    id: 'figure-du-departements',
    title: `Sommes dues pour l’année scolaire ${schoolYear}, par département des écoles inscrites`,
    summary: `${formatEuros(total)} dus pour l’année scolaire ${schoolYear}${rows.length ? `, dont ${rows.map((r) => `${departementLabel(r.departement)} : ${formatEuros(r.amount)}`).join(', ')}` : ''}.`,
    categoryHeader: 'Département',
    categories: rows.map((r) => ({ label: departementLabel(r.departement) })),
    series: [{ key: 'du', label: 'Somme due', colour: BLUE_FRANCE, values: rows.map((r) => r.amount) }],
    format: formatEuros,
    emptyText: `Rien n’est dû pour l’année scolaire ${schoolYear} : aucune école n’y est inscrite par une convention acceptée.`,
  });
}

export function duesByYearChart(name: string, years: ReadonlyArray<{ schoolYear: string; amount: number }>): ChartView {
  const total = years.reduce((sum, y) => sum + y.amount, 0);
  return columnChart({
    id: 'figure-du-annees',
    title: `Sommes dues par ${name}, par année scolaire`,
    summary: `${formatEuros(total)} dus en tout de ${years[0]?.schoolYear ?? '—'} à ${years.at(-1)?.schoolYear ?? '—'}, dont ${years.map((y) => `${y.schoolYear} : ${formatEuros(y.amount)}`).join(', ')}.`,
    categoryHeader: 'Année scolaire',
    categories: years.map((y) => ({ label: y.schoolYear })),
    series: [{ key: 'du', label: 'Somme due', colour: BLUE_FRANCE, values: years.map((y) => y.amount) }],
    format: formatEuros,
    formatTick: formatWholeEuros,
    emptyText: 'Rien n’est dû pour aucune année scolaire.',
  });
}
