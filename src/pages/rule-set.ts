import type { LintError, RuleSet } from '../rules/model';
import { formatLintError } from '../rules/model';
import type { Outcome } from '../domain/finding';
import { FACTS } from '../contract/facts';
import type { RuleExamples } from '../rules/examples';
import { anchorOf, articleLabel, compareArticleIds, countOf, formatValue } from '../wording/format';
import { KIND_NAMES, RULESET_STATUS_WORDS, SEVERITY_WORDS } from '../wording/labels';
import { paragraphsOf } from '../reports/view';
import { renderTemplate } from '../reports/templates';
import { describeCondition } from './rule-sentences';
import { pageMeta, PAGE_LINKS } from './page';
import type { HomeRuleSet } from './home';

/**
 * A year's rules as a lawyer reviews them before the year opens: every article with its text, and
 * under it the rules that check it — quoted clause, the documents concerned, when the rule applies,
 * when it leaves the case to a person, when it is met, in French sentences — or why no program
 * checks it; the parameters with their descriptions and articles; and the lint errors, if any.
 */

export type RuleSetPageRules = Pick<
  RuleSet,
  'schoolYear' | 'appliesTo' | 'status' | 'title' | 'source' | 'version' | 'parameters' | 'articles' | 'rules' | 'guards' | 'bases'
>;

export interface RuleSetPageData {
  schoolYear: string;
  /** Null when the year's folder failed lint: the page then shows only the errors. */
  ruleSet: RuleSetPageRules | null;
  lintErrors: readonly LintError[];
  /** Each rule's messages as its test cases produce them (rules/examples.ts); none: the messages are described. */
  examples?: RuleExamples;
  /**
   * The other years whose rules this year's may be compared with, and whether the reader may
   * compare them and measure the impact (not a commune); none by default.
   */
  review?: {
    otherYears: readonly string[];
    /** For a juriste, a published year: its correction to open, or the one open to go on with. */
    correction?: 'possible' | 'open' | null;
  };
}

const MESSAGE_LABELS: Record<string, string> = {
  pass: 'Message si conforme',
  fail: 'Message si non conforme',
  review: 'Message si à examiner',
  not_applicable: 'Message si sans objet',
};

/**
 * A message no test case produces, still without `{placeholders}`: a parameter by the year's value,
 * a fact by its description between ‹ ›.
 */
function describedMessage(template: string, r: RuleSetPageRules): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*)(?:\|[^}]*)?\}/g, (whole, name: string) => {
    const p = r.parameters.find((x) => x.name === name);
    if (p) return formatValue(p.name, p.value);
    const fact = FACTS[name];
    return fact ? `‹ ${fact.description.charAt(0).toLowerCase()}${fact.description.slice(1)} ›` : whole;
  });
}

function messagesView(rule: RuleSetPageRules['rules'][number], r: RuleSetPageRules, examples: RuleExamples | undefined) {
  return (Object.entries(rule.message) as Array<[Outcome, string | undefined]>)
    .filter((entry): entry is [Outcome, string] => typeof entry[1] === 'string')
    .map(([which, template]) => {
      const example = examples?.get(rule.id)?.[which];
      return example
        ? {
            label: MESSAGE_LABELS[which] ?? which,
            text: example.message,
            origin: `Exemple tiré du cas de test « ${example.caseName} » (${example.file}:${example.line}).`,
          }
        : {
            label: MESSAGE_LABELS[which] ?? which,
            text: describedMessage(template, r),
            origin: 'Aucun cas de test ne produit ce message : les valeurs qui varient sont décrites entre ‹ ›.',
          };
    });
}

/** What the table of contents says of an article: how many rules check it, or why none. */
function articleNote(rules: number, notCheckable: boolean): string {
  if (notCheckable) return 'non vérifiable';
  return countOf(rules, 'règle', 'règles', 'ni règle ni motif de non-vérification');
}

function rulesView(r: RuleSetPageRules, examples: RuleExamples | undefined) {
  return [...r.articles]
    .sort((a, b) => compareArticleIds(a.id, b.id))
    .map((a) => {
      const rules = r.rules.filter((x) => x.article === a.id);
      return {
        anchor: anchorOf('article', a.id),
        heading: a.title.toLowerCase().startsWith(articleLabel(a.id).toLowerCase()) ? a.title : `${articleLabel(a.id)} — ${a.title}`,
        paragraphs: paragraphsOf(a.text),
        notCheckable: a.notCheckable ?? null,
        note: articleNote(rules.length, a.notCheckable !== undefined),
        // Neither checked nor said to be uncheckable: the gap a reviewer must see.
        gap: !a.notCheckable && rules.length === 0,
        parameters: r.parameters.filter((p) => p.article === a.id).map((p) => p.name),
        rules: rules.map((x) => ({
          id: x.id,
          anchor: anchorOf('regle', x.id),
          title: x.title,
          clause: x.clause.trim(),
          kinds: x.kinds.map((k) => KIND_NAMES[k]).join(', '),
          severityWord: SEVERITY_WORDS[x.severity],
          appliesWhen: x.appliesWhen ? describeCondition(x.appliesWhen, r.parameters, r.guards) : null,
          reviewWhen: x.reviewWhen ? describeCondition(x.reviewWhen, r.parameters, r.guards) : null,
          conditions: describeCondition(x.conditions, r.parameters, r.guards),
          messages: messagesView(x, r, examples),
          source: `${x.source.file}:${x.source.line}`,
        })),
      };
    });
}

export function renderRuleSetPage(data: RuleSetPageData): string {
  const r = data.ruleSet;
  const articles = r ? rulesView(r, data.examples) : [];
  return renderTemplate('pages/rule-set', {
    page: pageMeta(`Règles ${data.schoolYear}`, 'regles', true, [{ label: 'Règles', url: PAGE_LINKS.ruleSets() }], data.schoolYear),
    schoolYear: data.schoolYear,
    ruleSet: r && {
      title: r.title,
      source: r.source ?? null,
      status: r.status,
      statusWord: RULESET_STATUS_WORDS[r.status],
      version: r.version,
      appliesTo: r.appliesTo.join(', '),
      ruleCount: r.rules.length,
      checkedCount: articles.filter((a) => a.rules.length > 0).length,
      uncheckedCount: articles.filter((a) => a.notCheckable).length,
      gapCount: articles.filter((a) => a.gap).length,
    },
    articles,
    parameters: (r?.parameters ?? []).map((p) => ({
      name: p.name,
      description: p.description,
      value: formatValue(p.name, p.value),
      unit: p.unit ?? '',
      article: articleLabel(p.article),
      articleUrl: `#${anchorOf('article', p.article)}`,
      lastConfirmedOn: p.lastConfirmedOn ? formatValue('date', p.lastConfirmedOn) : '',
    })),
    lintErrors: data.lintErrors.map((e) => ({ ...e, text: formatLintError(e) })),
    ruleSetsUrl: PAGE_LINKS.ruleSets(),
    inherits: r && r.bases.length ? r.bases.map((b) => b.name).join(' ← ') : null,
    review:
      r && data.review
        ? {
            impactUrl: PAGE_LINKS.ruleImpact(r.schoolYear),
            // Its folder's files, versions and tests; the form to change it while it is a draft.
            draftUrl: `${PAGE_LINKS.ruleSet(r.schoolYear)}/brouillon`,
            draftWords:
              r.status === 'draft'
                ? 'Brouillon : modifier, vérifier, publier'
                : data.review.correction === 'open'
                  ? 'Correction en cours : modifier, vérifier, publier'
                  : 'Fichiers et versions',
            correctUrl: data.review.correction === 'possible' ? `${PAGE_LINKS.ruleSet(r.schoolYear)}/correction` : null,
            // The base first: what this year changes is what a reviewer reads first.
            compare: [...data.review.otherYears]
              .sort((a, b) => Number(b === r.bases[0]?.name) - Number(a === r.bases[0]?.name) || (a < b ? -1 : 1))
              // From the earlier year to the later, as the rules are carried.
              .map((y) => ({ schoolYear: y, url: y < r.schoolYear ? PAGE_LINKS.ruleDiff(y, r.schoolYear) : PAGE_LINKS.ruleDiff(r.schoolYear, y) })),
          }
        : null,
  });
}

export interface RuleSetsPageData {
  ruleSets: HomeRuleSet[];
  failures: Array<{ name: string; errorCount: number }>;
  /** Whether the reader may prepare a new year (a juriste). */
  mayPrepare?: boolean;
  /** Whether the person may reload the rules (a juriste): the page then has the button. */
  mayReload?: boolean;
}

export function renderRuleSetsPage(data: RuleSetsPageData): string {
  return renderTemplate('pages/rule-sets', {
    page: pageMeta('Règles par année scolaire', 'regles'),
    ruleSets: [...data.ruleSets]
      .sort((a, b) => (a.schoolYear < b.schoolYear ? 1 : -1))
      .map((x) => ({ ...x, statusWord: RULESET_STATUS_WORDS[x.status], url: PAGE_LINKS.ruleSet(x.schoolYear) })),
    failures: data.failures.map((f) => ({ ...f, url: /^\d{4}-\d{4}$/.test(f.name) ? PAGE_LINKS.ruleSet(f.name) : null })),
    prepareUrl: data.mayPrepare ? '/regles/preparer' : null,
    reloadUrl: data.mayReload ? PAGE_LINKS.ruleReload() : null,
  });
}
