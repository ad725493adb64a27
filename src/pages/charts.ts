/**
 * Figures drawn on the server: data in, the geometry of an SVG and the table of the same data out,
 * for the partial `chart.hbs` to write (every text through Handlebars's escaping, no script, no
 * outside address). Two kinds:
 *  - `columnChart`: a column per category, stacked by series (deposits per month by verdict, dues
 *    per school year);
 *  - `barChart`: a horizontal bar per category, one series (dues per département).
 * The table says everything the figure shows, for a screen reader and for copying; the SVG is
 * named by a one-sentence summary. Colours come from the caller (the DSFR's palette), each with a
 * contrast of 3:1 at least against the white background (WCAG 1.4.11), and a legend in words.
 *
 * Widths of texts are estimated (no font metrics on the server): generously, for Marianne at the
 * sizes used, so that labels do not overlap.
 */

export interface ChartSeries {
  /** A code, for class names and ids: `conforme`. */
  key: string;
  /** In words, for the legend and the table's header. */
  label: string;
  /** `#rrggbb`. */
  colour: string;
  /** One per category, in the categories' order; never negative. */
  values: readonly number[];
}

export interface ChartData {
  /** Unique within the page: the ids of the figure's parts derive from it. */
  id: string;
  /** The figure's caption, and the table's. */
  title: string;
  /** One sentence naming what the figure shows, with its main figures: the SVG's accessible name. */
  summary: string;
  /** What a category is, as the table's first header: « Mois ». */
  categoryHeader: string;
  /** Categories in words, in order. `short`: under a column, where `label` would not fit. */
  categories: ReadonlyArray<{ label: string; short?: string }>;
  series: readonly ChartSeries[];
  /** A value as the table and the labels on the figure write it. */
  format: (n: number) => string;
  /** A value on the axis, shorter (`1 500 €` for `1 500,00 €`); `format` by default. */
  formatTick?: (n: number) => string;
  /** The header of the total of each category; when given (and there are several series) the table has a total column. */
  totalHeader?: string;
  /** Said instead of the figure when every value is nought. */
  emptyText: string;
}

export interface SvgText {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
}

export interface SvgRect {
  x: number;
  y: number;
  width: number;
  height: number;
  colour: string;
  /** What the shape stands for, in words: a tooltip. */
  title: string;
}

export interface ChartView {
  id: string;
  title: string;
  summary: string;
  emptyText: string;
  /** No value above nought: the figure and its table are replaced by `emptyText`. */
  empty: boolean;
  /** A table too wide to stand beside the drawing (more than three columns): it goes below. */
  wide: boolean;
  svg: {
    width: number;
    height: number;
    /** Grid lines across the plot, with their value. */
    gridLines: Array<{ x1: number; y1: number; x2: number; y2: number }>;
    axisTexts: SvgText[];
    /** The baseline of the values. */
    axis: { x1: number; y1: number; x2: number; y2: number };
    rects: SvgRect[];
    categoryTexts: SvgText[];
    valueTexts: SvgText[];
    legend: Array<{ x: number; y: number; colour: string; text: SvgText }>;
  };
  table: {
    caption: string;
    headers: string[];
    rows: Array<{ header: string; cells: string[] }>;
    /** The totals of each series, when there are several categories. */
    foot: { header: string; cells: string[] } | null;
  };
}

const WIDTH = 720;
const FONT = 13;
/** Average advance of a character of Marianne at `FONT`, rounded up. */
const CHAR = 7.6;
const LEGEND_ROW = 22;
const SWATCH = 14;

const textWidth = (s: string) => Math.ceil(s.length * CHAR);
const round = (n: number) => Math.round(n * 10) / 10;

/** A step of 1, 2 or 5 times a power of ten giving about `count` intervals up to `max`. */
export function niceStep(max: number, count = 4): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  // Counts are whole: no step below one.
  return Math.max(step, Number.isInteger(max) ? 1 : step);
}

function totals(data: ChartData): number[] {
  return data.categories.map((_, i) => data.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
}

function check(data: ChartData): void {
  for (const s of data.series) {
    if (s.values.length !== data.categories.length)
      throw new Error(`charts: la série « ${s.label} » a ${s.values.length} valeurs pour ${data.categories.length} catégories`);
    if (s.values.some((v) => !(v >= 0) || !Number.isFinite(v))) throw new Error(`charts: la série « ${s.label} » a une valeur négative ou non numérique`);
  }
}

/** The legend in rows across the width, from `top`; its height. */
function legend(series: readonly ChartSeries[], left: number, top: number): { items: ChartView['svg']['legend']; height: number } {
  if (series.length < 2) return { items: [], height: 0 };
  const items: ChartView['svg']['legend'] = [];
  let x = left;
  let y = top;
  for (const s of series) {
    const w = SWATCH + 6 + textWidth(s.label) + 20;
    if (x > left && x + w > WIDTH) {
      x = left;
      y += LEGEND_ROW;
    }
    items.push({ x, y, colour: s.colour, text: { x: x + SWATCH + 6, y: y + SWATCH - 2, text: s.label, anchor: 'start' } });
    x += w;
  }
  return { items, height: y - top + LEGEND_ROW + 6 };
}

function table(data: ChartData, sums: number[]): ChartView['table'] {
  const withTotal = Boolean(data.totalHeader) && data.series.length > 1;
  const headers = [data.categoryHeader, ...data.series.map((s) => s.label), ...(withTotal ? [data.totalHeader!] : [])];
  const rows = data.categories.map((c, i) => ({
    header: c.label,
    cells: [...data.series.map((s) => data.format(s.values[i])), ...(withTotal ? [data.format(sums[i])] : [])],
  }));
  const seriesSums = data.series.map((s) => s.values.reduce((a, b) => a + b, 0));
  const foot =
    data.categories.length > 1
      ? { header: 'Total', cells: [...seriesSums.map((v) => data.format(v)), ...(withTotal ? [data.format(sums.reduce((a, b) => a + b, 0))] : [])] }
      : null;
  return { caption: data.title, headers, rows, foot };
}

function base(data: ChartData, sums: number[]): Omit<ChartView, 'svg'> {
  const t = table(data, sums);
  return {
    id: data.id,
    title: data.title,
    summary: data.summary,
    emptyText: data.emptyText,
    empty: sums.every((v) => v === 0),
    wide: t.headers.length > 3,
    table: t,
  };
}

/** Columns, stacked by series, on a value axis with round ticks; each column's total above it. */
export function columnChart(data: ChartData): ChartView {
  check(data);
  const sums = totals(data);
  const tick = data.formatTick ?? data.format;
  const step = niceStep(Math.max(...sums, 0));
  const top = Math.max(step, Math.ceil(Math.max(...sums, 0) / step) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(v);

  const axisWidth = Math.max(...ticks.map((t) => textWidth(tick(t)))) + 10;
  const left = axisWidth + 4;
  const right = WIDTH - 8;
  const { items, height: legendHeight } = legend(data.series, left, 4);
  const plotTop = legendHeight + 22;
  const plotHeight = 220;
  const baseline = plotTop + plotHeight;
  const y = (v: number) => round(baseline - (v / top) * plotHeight);

  const band = (right - left) / Math.max(1, data.categories.length);
  const barWidth = round(Math.min(56, band * 0.62));
  const rects: SvgRect[] = [];
  const valueTexts: SvgText[] = [];
  const categoryTexts: SvgText[] = [];
  data.categories.forEach((c, i) => {
    const x = round(left + band * i + (band - barWidth) / 2);
    let acc = 0;
    for (const s of data.series) {
      const v = s.values[i];
      if (v > 0)
        rects.push({
          x,
          y: y(acc + v),
          width: barWidth,
          height: round(y(acc) - y(acc + v)),
          colour: s.colour,
          title: `${c.label} — ${s.label} : ${data.format(v)}`,
        });
      acc += v;
    }
    if (sums[i] > 0) valueTexts.push({ x: round(x + barWidth / 2), y: round(y(sums[i]) - 6), text: tick(sums[i]), anchor: 'middle' });
    categoryTexts.push({ x: round(x + barWidth / 2), y: baseline + 20, text: c.short ?? c.label, anchor: 'middle' });
  });

  return {
    ...base(data, sums),
    svg: {
      width: WIDTH,
      height: baseline + 30,
      gridLines: ticks.slice(1).map((t) => ({ x1: left, y1: y(t), x2: right, y2: y(t) })),
      axisTexts: ticks.map((t) => ({ x: axisWidth, y: round(y(t) + FONT / 3), text: tick(t), anchor: 'end' })),
      axis: { x1: left, y1: baseline, x2: right, y2: baseline },
      rects,
      categoryTexts,
      valueTexts,
      legend: items,
    },
  };
}

/** Horizontal bars, one series: the category's name on the left, the value at the end of its bar. */
export function barChart(data: ChartData): ChartView {
  check(data);
  if (data.series.length !== 1) throw new Error('charts: un graphique en barres ne montre qu’une série');
  const sums = totals(data);
  const [series] = data.series;
  const rowHeight = 30;
  const barHeight = 18;
  const labelWidth = Math.min(WIDTH * 0.4, Math.max(...data.categories.map((c) => textWidth(c.label)), 0) + 12);
  const valueWidth = Math.max(...series.values.map((v) => textWidth(data.format(v))), 0) + 12;
  const left = round(labelWidth);
  const span = WIDTH - 8 - left - valueWidth;
  const max = Math.max(...series.values, 0);
  const rects: SvgRect[] = [];
  const valueTexts: SvgText[] = [];
  const categoryTexts: SvgText[] = [];
  data.categories.forEach((c, i) => {
    const v = series.values[i];
    const top = 8 + i * rowHeight;
    const width = max > 0 ? round((v / max) * span) : 0;
    if (v > 0) rects.push({ x: left, y: top, width, height: barHeight, colour: series.colour, title: `${c.label} : ${data.format(v)}` });
    categoryTexts.push({ x: left - 8, y: top + barHeight / 2 + FONT / 3, text: c.label, anchor: 'end' });
    valueTexts.push({ x: round(left + width + 6), y: top + barHeight / 2 + FONT / 3, text: data.format(v), anchor: 'start' });
  });
  const height = 8 + data.categories.length * rowHeight + 4;
  return {
    ...base(data, sums),
    svg: {
      width: WIDTH,
      height,
      gridLines: [],
      axisTexts: [],
      axis: { x1: left, y1: 2, x2: left, y2: height - 2 },
      rects,
      categoryTexts,
      valueTexts,
      legend: [],
    },
  };
}
