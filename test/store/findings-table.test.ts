import { renderFindingsTable } from '../../src/reports/findings-table';
import { escapeHtml } from '../../src/reports/escape';
import type { ReportInput } from '../../src/reports/report';

const INPUT: ReportInput = {
  id: '6f1c2b9e-8a4d-4f2e-9b1a-0c3d5e7f9a1b',
  siret: '21340270400018',
  partyName: 'Saint-Jean <script>alert(1)</script>',
  kind: 'convention',
  schoolYear: '2020-2021',
  receivedAt: '2020-09-21T08:00:00.000Z',
  status: 'rejected',
  ruleSet: { schoolYear: '2020-2021', status: 'in_force', version: 'abc123' },
  findings: [
    { rule: '7.montant', article: '7', outcome: 'fail', severity: 'error', message: 'Montant « 150 » & "non" <b>', facts: { amount: "<img src=x onerror='x'>", schoolCount: 3, missing: undefined } },
    { rule: 'annexe-1.siret', article: 'annexe-1', outcome: 'pass', severity: 'warning', message: 'SIRET valide', facts: {} },
  ],
};

describe('renderFindingsTable', () => {
  const html = renderFindingsTable(INPUT);

  it('is a French HTML page with one row per finding', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html.match(/<tr class=/g)).toHaveLength(2);
    expect(html).toContain('<td>art. 7</td>');
    expect(html).toContain('<td>annexe-1</td>');
    expect(html).toContain('non respectée');
    expect(html).toContain('Règles 2020-2021 (en vigueur), version abc123');
    expect(html).toContain('non renseigné');
  });

  it('escapes every value it shows', () => {
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('Saint-Jean &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Montant « 150 » &amp; &quot;non&quot; &lt;b&gt;');
    expect(html).toContain('&lt;img src=x onerror=&#39;x&#39;&gt;');
  });

  it('says so when no rule concerns the submission', () => {
    expect(renderFindingsTable({ ...INPUT, findings: [], ruleSet: null })).toContain('Aucune règle ne porte sur ce type de pièce.');
  });
});

describe('escapeHtml', () => {
  it.each([
    ['<a href="x">', '&lt;a href=&quot;x&quot;&gt;'],
    ["l'école & co", 'l&#39;école &amp; co'],
    [3, '3'],
    [null, 'null'],
    [['<x>'], '[&quot;&lt;x&gt;&quot;]'],
  ])('%p → %p', (value, expected) => {
    expect(escapeHtml(value)).toBe(expected);
  });
});
