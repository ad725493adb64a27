import { barChart, columnChart, niceStep, type ChartData } from '../../src/pages/charts';
import { renderPartial } from '../../src/reports/templates';
import { formatEuros, formatInteger } from '../../src/wording/format';
import { safetyProblems } from './accessibility';

/** The figures: the geometry follows the data, the table says the same, nothing runs and nothing comes from elsewhere. */

const HOSTILE = '<script>alert(1)</script>';

function deposits(over: Partial<ChartData> = {}): ChartData {
  return {
    id: 'depots',
    title: 'Pièces reçues par mois et par verdict',
    summary: '7 pièces reçues de septembre à novembre 2020',
    categoryHeader: 'Mois',
    categories: [
      { label: 'septembre 2020', short: 'sept.' },
      { label: 'octobre 2020', short: 'oct.' },
      { label: 'novembre 2020', short: 'nov.' },
    ],
    series: [
      { key: 'conforme', label: 'Conforme', colour: '#18753c', values: [2, 1, 0] },
      { key: 'a_examiner', label: 'À examiner', colour: '#b34000', values: [0, 1, 0] },
      { key: 'non_conforme', label: 'Non conforme', colour: '#ce0500', values: [1, 2, 0] },
    ],
    format: formatInteger,
    totalHeader: 'Toutes les pièces',
    emptyText: 'Aucune pièce reçue.',
    ...over,
  };
}

function dues(values: number[], labels = ['Aude (11)', 'Gard (30)', 'Hérault (34)']): ChartData {
  return {
    id: 'du',
    title: 'Sommes dues par département',
    summary: 'Sommes dues',
    categoryHeader: 'Département',
    categories: labels.map((label) => ({ label })),
    series: [{ key: 'du', label: 'Somme due', colour: '#000091', values }],
    format: formatEuros,
    emptyText: 'Rien n’est dû.',
  };
}

describe('round steps for an axis', () => {
  it.each([
    [3, 1],
    [9, 5],
    [40, 10],
    [150, 50],
    [1_234, 500],
    [0, 1],
  ])('up to %d: a step of %d', (max, step) => {
    expect(niceStep(max)).toBe(step);
  });
});

describe('columns stacked by series', () => {
  const view = columnChart(deposits());
  const [sept, oct] = [0, 1].map((i) => view.svg.rects.filter((r) => r.title.startsWith(['septembre', 'octobre'][i])));

  it('stacks each month’s verdicts into one column whose height is its total', () => {
    const height = (rs: typeof sept) => rs.reduce((sum, r) => sum + r.height, 0);
    expect(sept.map((r) => r.colour)).toEqual(['#18753c', '#ce0500']);
    expect(oct.map((r) => r.colour)).toEqual(['#18753c', '#b34000', '#ce0500']);
    expect(height(oct) / height(sept)).toBeCloseTo(4 / 3, 1);
    // Each piece of a column sits on the one below it.
    for (let i = 1; i < oct.length; i++) expect(oct[i].y + oct[i].height).toBeCloseTo(oct[i - 1].y, 0);
    // A month with nothing has no shape, but keeps its place and its name.
    expect(view.svg.rects.some((r) => r.title.startsWith('novembre'))).toBe(false);
    expect(view.svg.categoryTexts.map((t) => t.text)).toEqual(['sept.', 'oct.', 'nov.']);
  });

  it('draws the axis from nought by round steps and writes each column’s total above it', () => {
    expect(view.svg.axisTexts.map((t) => t.text)).toEqual(['0', '1', '2', '3', '4']);
    expect(view.svg.valueTexts.map((t) => t.text)).toEqual(['3', '4']);
  });

  it('names each shape by its month, verdict and count, and gives a legend in words', () => {
    expect(oct.map((r) => r.title)).toEqual(['octobre 2020 — Conforme : 1', 'octobre 2020 — À examiner : 1', 'octobre 2020 — Non conforme : 2']);
    expect(view.svg.legend.map((l) => [l.text.text, l.colour])).toEqual([
      ['Conforme', '#18753c'],
      ['À examiner', '#b34000'],
      ['Non conforme', '#ce0500'],
    ]);
  });

  it('puts the same figures in its table, with the totals of each month and each verdict', () => {
    expect(view.table.headers).toEqual(['Mois', 'Conforme', 'À examiner', 'Non conforme', 'Toutes les pièces']);
    expect(view.table.rows).toEqual([
      { header: 'septembre 2020', cells: ['2', '0', '1', '3'] },
      { header: 'octobre 2020', cells: ['1', '1', '2', '4'] },
      { header: 'novembre 2020', cells: ['0', '0', '0', '0'] },
    ]);
    expect(view.table.foot).toEqual({ header: 'Total', cells: ['3', '1', '3', '7'] });
  });

  it('keeps every shape inside the drawing', () => {
    for (const r of view.svg.rects) {
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.y).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width).toBeLessThanOrEqual(view.svg.width);
      expect(r.y + r.height).toBeLessThanOrEqual(view.svg.height);
    }
  });

  it('is empty when nothing was counted', () => {
    const none = columnChart(deposits({ series: deposits().series.map((s) => ({ ...s, values: [0, 0, 0] })) }));
    expect(none.empty).toBe(true);
    expect(none.svg.rects).toEqual([]);
  });

  it.each([
    ['a series of another length', { series: [{ key: 'x', label: 'X', colour: '#000091', values: [1] }] }, 'la série « X » a 1 valeurs pour 3 catégories'],
    ['a negative value', { series: [{ key: 'x', label: 'X', colour: '#000091', values: [1, -1, 0] }] }, 'la série « X » a une valeur négative'],
  ])('refuses %s', (_name, over, message) => {
    expect(() => columnChart(deposits(over))).toThrow(message);
  });
});

describe('horizontal bars', () => {
  const view = barChart(dues([150, 0, 600]));

  it('draws bars in proportion to the values, the largest across the room left by the labels', () => {
    const [aude, herault] = view.svg.rects;
    expect(view.svg.rects).toHaveLength(2);
    expect(herault.width / aude.width).toBeCloseTo(4, 1);
    const herLabel = view.svg.valueTexts[2];
    expect(herLabel.text).toBe('600,00 €');
    expect(herLabel.x + herLabel.text.length * 7.6).toBeLessThanOrEqual(view.svg.width);
    expect(view.svg.categoryTexts.map((t) => [t.text, t.anchor])).toEqual([
      ['Aude (11)', 'end'],
      ['Gard (30)', 'end'],
      ['Hérault (34)', 'end'],
    ]);
  });

  it('has one column of figures and a total in its table', () => {
    expect(view.table.headers).toEqual(['Département', 'Somme due']);
    expect(view.table.rows[2]).toEqual({ header: 'Hérault (34)', cells: ['600,00 €'] });
    expect(view.table.foot).toEqual({ header: 'Total', cells: ['750,00 €'] });
  });

  it('shows only one series', () => {
    expect(() => barChart({ ...dues([1, 2, 3]), series: deposits().series })).toThrow('un graphique en barres ne montre qu’une série');
  });
});

describe('the figure as written in a page', () => {
  const html = renderPartial('chart', columnChart(deposits({ title: HOSTILE, categories: [{ label: HOSTILE }, { label: 'b' }, { label: 'c' }] })));

  it('is an SVG named by its summary, with the table of its data', () => {
    expect(html).toContain('<svg class="app-chart" viewBox="0 0 720 ');
    expect(html).toContain('role="img" aria-labelledby="depots-resume"');
    expect(html).toContain('<title id="depots-resume">7 pièces reçues de septembre à novembre 2020</title>');
    expect(html).toMatch(/<th scope="col">Toutes les pièces<\/th>/);
    expect(html).toContain('<tfoot><tr><th scope="row">Total</th><td class="app-nombre">3</td>');
  });

  it('runs nothing, loads nothing, and writes a hostile label as text', () => {
    expect(safetyProblems(html)).toEqual([]);
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;script&gt;');
  });

  it('says so instead when there is nothing to draw', () => {
    const empty = renderPartial('chart', barChart(dues([0, 0, 0])));
    expect(empty).toContain('<p class="app-figure__vide">Rien n’est dû.</p>');
    expect(empty).not.toContain('<svg');
  });
});
