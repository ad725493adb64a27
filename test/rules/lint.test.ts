import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lintRuleSet } from '../../src/rules/lint';
import type { RuleSetFile } from '../../src/rules/model';
import { formatLintError } from '../../src/rules/model';

/** Lint errors are what legal staff see when they edit a rule file: each must say where and what. */
const DIR = join(__dirname, '../../rules/2020-2021');
function files(): RuleSetFile[] {
  return [
    { path: 'ruleset.yaml', text: readFileSync(join(DIR, 'ruleset.yaml'), 'utf8') },
    ...readdirSync(join(DIR, 'rules'))
      .sort()
      .map((n) => ({ path: `rules/${n}`, text: readFileSync(join(DIR, 'rules', n), 'utf8') })),
  ];
}
function edit(path: string, change: (text: string) => string): RuleSetFile[] {
  return files().map((f) => (f.path === path ? { ...f, text: change(f.text) } : f));
}
function errorsOf(fs: RuleSetFile[]): string[] {
  const r = lintRuleSet('2020-2021', fs);
  return r.ok ? [] : r.errors.map(formatLintError);
}
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('Rule set lint — file:line:column errors', () => {
  it('accepts the rule set as published', () => {
    expect(errorsOf(files())).toEqual([]);
  });

  it('reports an unknown fact at its line and column', () => {
    const fs = edit('rules/article-7.yaml', (t) => t.replace('fact: annexRowCount', 'fact: annexRowCont'));
    const text = fs.find((f) => f.path === 'rules/article-7.yaml')!.text;
    const line = lineOf(text, 'annexRowCont');
    expect(errorsOf(fs)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^rules/article-7\\.yaml:${line}:\\d+: fait inconnu « annexRowCont »`))]),
    );
  });

  it('reports an unknown operator', () => {
    const fs = edit('rules/article-9.yaml', (t) => t.replace('operator: dateOnOrAfter', 'operator: dateOnOrAftr'));
    expect(errorsOf(fs).join('\n')).toMatch(/^rules\/article-9\.yaml:\d+:\d+: opérateur inconnu « dateOnOrAftr »/m);
  });

  it('reports an unknown parameter', () => {
    const fs = edit('rules/annexe-1.yaml', (t) => t.replace('{ param: maxAnnexRows }', '{ param: maxRows }'));
    expect(errorsOf(fs).join('\n')).toMatch(/^rules\/annexe-1\.yaml:\d+:\d+: paramètre inconnu « maxRows »/m);
  });

  it('reports an unknown article', () => {
    const fs = edit('rules/article-8.yaml', (t) => t.replace('article: "8"', 'article: "8.4"'));
    expect(errorsOf(fs)).toEqual([expect.stringMatching(/^rules\/article-8\.yaml:1:\d+: article inconnu « 8\.4 » : il doit figurer dans ruleset\.yaml$/)]);
  });

  it('reports a wrong key with the key named', () => {
    const fs = edit('rules/article-5.yaml', (t) => t.replace('    severity: error', '    severity: error\n    severty: error'));
    const line = lineOf(fs.find((f) => f.path === 'rules/article-5.yaml')!.text, 'severty');
    expect(errorsOf(fs).join('\n')).toMatch(new RegExp(`^rules/article-5\\.yaml:${line}:\\d+: clé inconnue « severty »`, 'm'));
  });

  it('reports a quotation that is not in the article', () => {
    const fs = edit('rules/article-5.yaml', (t) => t.replace('pour un coût réduit fixé à', 'pour un coût fixé à'));
    expect(errorsOf(fs).join('\n')).toMatch(/^rules\/article-5\.yaml:\d+:\d+: la citation ne figure pas dans le texte de l’article 5/m);
  });

  it('reads a quotation with the year’s parameters written in: a value the article does not state is not quoted', () => {
    const fs = edit('ruleset.yaml', (t) => t.replace(/(feePerSchool:\n {4}value:) 50/, '$1 60'));
    expect(errorsOf(fs).join('\n')).toMatch(/^rules\/article-5\.yaml:\d+:\d+: la citation ne figure pas dans le texte de l’article 5/m);
  });

  it('reports a parameter of the wrong shape', () => {
    const fs = edit('ruleset.yaml', (t) => t.replace('value: "10-15"', 'value: "15 octobre"'));
    expect(errorsOf(fs).join('\n')).toMatch(/^ruleset\.yaml:\d+:\d+: le paramètre « amendmentWindowEnd » doit être un jour « MM-JJ »/m);
  });

  it.each([
    ['termEnd', 'value: "2021-10-31"', 'value: "2021-02-30"', 'une date « AAAA-MM-JJ » du calendrier'],
    ['amendmentWindowEnd', 'value: "10-15"', 'value: "02-30"', 'un jour « MM-JJ » que compte chaque année'],
    ['amendmentWindowEnd', 'value: "10-15"', 'value: "02-29"', 'un jour « MM-JJ » que compte chaque année'],
  ])('reports %s set to a day that does not exist (%s → %s)', (name, from, to, expected) => {
    const fs = edit('ruleset.yaml', (t) => t.replace(from, to));
    expect(errorsOf(fs).join('\n')).toMatch(new RegExp(`^ruleset\\.yaml:\\d+:\\d+: le paramètre « ${name} » doit être ${expected}`, 'm'));
  });

  it('reports a message placeholder that names nothing', () => {
    const fs = edit('rules/article-7.yaml', (t) => t.replace('{annexAmount|euros}', '{montant|euros}'));
    expect(errorsOf(fs).join('\n')).toMatch(/le message cite « \{montant\} », qui n’est ni un fait ni un paramètre/);
  });

  it('reports a fact that does not exist for a kind the rule names', () => {
    const fs = edit('rules/article-5.yaml', (t) => t.replace('kinds: [invoice]', 'kinds: [invoice, conciliation]'));
    expect(errorsOf(fs).join('\n')).toMatch(/le fait « amount » n’existe pas pour : conciliation/);
  });

  it('reports a duplicate rule id', () => {
    const fs = edit('rules/article-5.yaml', (t) => t.replace('id: 5.tarif-du-titre', 'id: 7.montant'));
    expect(errorsOf(fs).join('\n')).toMatch(/identifiant de règle en double « 7\.montant »/);
  });

  it('reports YAML syntax errors with their position', () => {
    const fs = edit('rules/article-5.yaml', (t) => t.replace('rules:\n', 'rules:\n  - id: [oops\n'));
    expect(errorsOf(fs).join('\n')).toMatch(/^rules\/article-5\.yaml:\d+:\d+: /m);
  });

  it('words a YAML syntax error of a rule file after its cause', () => {
    // A key whose « : » was deleted, the commonest slip when a clause is edited by hand.
    const fs = edit('rules/article-5.yaml', (t) => t.replace('    severity: error', '    severity error'));
    const line = lineOf(fs.find((f) => f.path === 'rules/article-5.yaml')!.text, 'severity error');
    expect(errorsOf(fs)).toEqual([
      `rules/article-5.yaml:${line}:5: YAML invalide : deux-points manquant : la ligne « severity error » n’a pas de « : » entre la clé et la valeur`,
    ]);
  });

  it('words an unclosed quote of a rule file where it opens', () => {
    const fs = edit('rules/article-5.yaml', (t) =>
      t.replace('title: "Titre de perception à {feePerSchool} TTC par école"', 'title: "Titre de perception à {feePerSchool} TTC par école'),
    );
    const line = lineOf(fs.find((f) => f.path === 'rules/article-5.yaml')!.text, 'title: "Titre de perception');
    expect(errorsOf(fs)).toEqual([
      `rules/article-5.yaml:${line}:12: YAML invalide : guillemet fermant « " » manquant : le texte ouvert ici n’est jamais refermé`,
    ]);
  });

  it('reports a missing ruleset.yaml', () => {
    expect(errorsOf(files().filter((f) => f.path !== 'ruleset.yaml'))).toEqual([expect.stringMatching(/^ruleset\.yaml:1:1: fichier ruleset\.yaml manquant/)]);
  });
});
