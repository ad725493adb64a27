import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { countOf } from '../../src/wording/format';
import { renderMessage } from '../../src/rules/message';
import { lintRuleSet } from '../../src/rules/lint';
import { formatLintError } from '../../src/rules/model';
import { evaluate } from '../../src/rules/evaluate';
import { renderReport } from '../../src/reports/render';
import { renderRuleSetPage } from '../../src/pages/rule-set';
import type { Submission } from '../../src/domain/submission';
import { convention, reportInput, rules } from '../reports/report-inputs';
import { fixture } from '../support/api-fixtures';

/**
 * Counts agree with their nouns, as French does (singular up to 1): « 1 titre », « 3 titres »,
 * « aucune bloquante »; never « titre(s) ».
 */

const ROOT = join(__dirname, '../..');

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p, ext) : ext.test(n) ? [p] : [];
  });
}

describe('no « (s) » in a French text', () => {
  it('neither in the rules, the templates, nor the strings of the code', () => {
    const files = [
      ...filesUnder(join(ROOT, 'rules'), /\.ya?ml$/),
      ...filesUnder(join(ROOT, 'test/fixtures/rules'), /\.ya?ml$/),
      ...filesUnder(join(ROOT, 'reports'), /\.hbs$/),
      ...filesUnder(join(ROOT, 'src'), /\.ts$/),
    ];
    const suspect = /[a-zéèêàû]\((?:s|e|es|x)\)/i;
    // In the code, only its strings are French: `map((s) => …)` and `stringify(s)` are not.
    const strings = (line: string) => [...line.matchAll(/(['"`])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2].replace(/\$\{[^}]*\}/g, ''));
    const found = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => [line, i] as const)
        .filter(([line]) => (f.endsWith('.ts') ? strings(line).some((t) => suspect.test(t)) : suspect.test(line)))
        .map(([, i]) => `${relative(ROOT, f)}:${i + 1}`),
    );
    expect(found).toEqual([]);
  });
});

describe('countOf', () => {
  it.each([
    [0, undefined, '0 titre'],
    [1, undefined, '1 titre'],
    [2, undefined, '2 titres'],
    [0, 'aucun titre', 'aucun titre'],
    [1.5, undefined, '1,5 titres'],
  ])('%p (zero: %p) → %p', (n, none, text) => expect(countOf(n, 'titre', 'titres', none)).toBe(text));
});

describe('the « plural » filter of rule messages', () => {
  it.each([
    ['{n|plural:# titre:# titres}', { n: 1 }, '1 titre'],
    ['{n|plural:# titre:# titres}', { n: 2 }, '2 titres'],
    ['{n|plural:# titre:# titres}', { n: 0 }, '0 titre'],
    ['{n|plural:# titre:# titres:aucun titre}', { n: 0 }, 'aucun titre'],
    ['{uais|plural:École inscrite:Écoles inscrites} : {uais}', { uais: ['0341301E'] }, 'École inscrite : 0341301E'],
    ['{uais|plural:École inscrite:Écoles inscrites} : {uais}', { uais: ['0341301E', '0340125B'] }, 'Écoles inscrites : 0341301E, 0340125B'],
    ['{n|plural:# école:# écoles}', { n: null }, 'non renseigné écoles'],
  ])('%s with %j → %s', (template, values, text) => expect(renderMessage(template, values)).toBe(text));

  it('is checked by the lint: its words, and no words for the other filters', () => {
    const dir = join(ROOT, 'rules/2020-2021');
    const files = [
      { path: 'ruleset.yaml', text: readFileSync(join(dir, 'ruleset.yaml'), 'utf8') },
      ...readdirSync(join(dir, 'rules')).map((n) => ({ path: `rules/${n}`, text: readFileSync(join(dir, 'rules', n), 'utf8') })),
    ];
    const edit = (from: string, to: string) => files.map((f) => (f.path === 'rules/article-6.yaml' ? { ...f, text: f.text.replace(from, to) } : f));
    const errorsOf = (fs: typeof files) => {
      const r = lintRuleSet('2020-2021', fs);
      return r.ok ? [] : r.errors.map(formatLintError);
    };
    expect(errorsOf(files)).toEqual([]);
    expect(errorsOf(edit('|plural:# titre de perception déjà accepté:# titres de perception déjà acceptés}', '|plural:# titre}')).join('\n')).toMatch(
      /rules\/article-6\.yaml:\d+:\d+: le filtre « \|plural » attend le singulier et le pluriel/,
    );
    expect(errorsOf(edit('{owedAmount|euros}', '{owedAmount|euros:€}')).join('\n')).toMatch(/le filtre « \|euros » ne prend pas de mots après « : »/);
  });
});

describe('the rules’ messages, with one school and with several', () => {
  const rules2020 = () => rules().ruleSets.find((r) => r.schoolYear === '2020-2021')!;
  const withSchools = (uais: string[]): Submission => {
    const c = convention() as Submission & { schools: unknown[] };
    return {
      ...c,
      schools: uais.map((uai) => ({ uai, type: 'EE', commune: 'Saint-Jean-de-Védas' })),
      schoolCount: uais.length,
      amount: 50 * uais.length,
    } as Submission;
  };
  const messageOf = async (s: Submission, rule: string, history: Submission[] = []) =>
    (await evaluate(s, history, rules2020())).find((f) => f.rule === rule)?.message;

  it.each([
    [['0341301E'], "1 école déclarée, 1 école dans l'annexe 1.", "L'UAI a une lettre clé valide.", 'Montant 50,00 € = 1 école × 50,00 €.'],
    [
      ['0341301E', '0340125B'],
      "2 écoles déclarées, 2 écoles dans l'annexe 1.",
      'Les 2 UAI ont une lettre clé valide.',
      'Montant 100,00 € = 2 écoles × 50,00 €.',
    ],
  ])('%j', async (uais, count, keys, amount) => {
    const c = withSchools(uais);
    expect(await messageOf(c, '7.nombre-ecoles-annexe')).toBe(count);
    expect(await messageOf(c, 'annexe-1.uai-cle')).toBe(keys);
    expect(await messageOf(c, '7.montant')).toBe(amount);
  });

  it('« 1 titre de perception déjà accepté », then « 2 titres … »', async () => {
    const invoice = fixture('titre-2020-2021-3-ecoles');
    expect(await messageOf(invoice, '6.titre-unique', [convention(), invoice])).toBe(
      '1 titre de perception déjà accepté pour 2020-2021 : un titre de plus ferait payer deux fois la même année.',
    );
    expect(await messageOf(invoice, '6.titre-unique', [convention(), invoice, invoice])).toMatch(/^2 titres de perception déjà acceptés pour 2020-2021/);
  });

  it('« École inscrite plusieurs fois » for one UAI', async () => {
    expect(await messageOf(withSchools(['0341301E', '0341301E', '0340125B']), 'annexe-1.ecoles-distinctes')).toBe('École inscrite plusieurs fois : 0341301E.');
  });
});

describe('the report’s summary and the rule-set page', () => {
  it('says « aucune bloquante », « aucune non conforme », never « 0 bloquante »', async () => {
    const html = renderReport(await reportInput(convention()));
    const summary = /<h2 id="titre-synthese">Synthèse<\/h2>\n<p>([\s\S]*?)<\/p>/.exec(html)?.[1].replace(/\s+/g, ' ') ?? '';
    expect(summary).toMatch(/^\d+ règles appliquées : \d+ conformes, aucune non conforme, aucune à examiner, \d+ sans objet\.$/);
    expect(html).not.toMatch(/\b0 (bloquante|non conforme|conforme)/);
  });

  it('says « 1 non conforme (dont 1 bloquante) » in the singular', async () => {
    const html = renderReport(await reportInput({ ...convention(), amount: 100 } as Submission));
    expect(html.replace(/\s+/g, ' ')).toContain('1 non conforme (dont 1 bloquante)');
  });

  it('agrees the rule-set page’s counts with their verbs', () => {
    const ruleSet = rules().ruleSets.find((r) => r.schoolYear === '2020-2021')!;
    const one = renderRuleSetPage({
      schoolYear: '2020-2021',
      ruleSet: { ...ruleSet, rules: ruleSet.rules.filter((r) => r.id === '7.montant'), articles: ruleSet.articles.filter((a) => a.id === '7' || a.id === '4') },
      lintErrors: [],
    });
    expect(one).toContain('<p>1 règle contrôle 1 article ; 1 article n’est vérifiable par aucun programme.</p>');
    const all = renderRuleSetPage({
      schoolYear: '2020-2021',
      ruleSet: { ...ruleSet, articles: ruleSet.articles.filter((a) => !a.notCheckable) },
      lintErrors: [],
    });
    expect(all).toMatch(/<p>\d+ règles contrôlent \d+ articles\.<\/p>/);
  });
});
