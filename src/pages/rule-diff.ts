import type { Conditions, GuardDef, ParameterDef, RuleDef } from '../rules/model';
import { isEmptyDiff, type RuleSetDiff, type RuleSetForDiff, type WordSegment, wordDiff } from '../rules/diff';
import { anchorOf, articleLabel, formatValue } from '../wording/format';
import { KIND_NAMES, RULESET_STATUS_WORDS, SEVERITY_WORDS } from '../wording/labels';
import { renderTemplate } from '../reports/templates';
import { describeCondition, type ConditionSentence } from './rule-sentences';
import { pageMeta, PAGE_LINKS } from './page';

/**
 * `rules diff A B` and the page /regles/A/comparer/B, worded once for both: parameters (old → new,
 * with their article), articles whose text changes (word by word, insertions and deletions
 * marked), rules added, removed and changed (conditions in French, severity, messages), shared
 * conditions, and the articles said not checkable. The CLI prints the view as text; the page and
 * `--format html` render it with the same template.
 */

export interface DiffSide {
  schoolYear: string;
  name: string;
  statusWord: string;
  version: string;
  title: string;
  url: string;
}

export interface ParameterRow {
  name: string;
  description: string;
  article: string;
  articleId: string;
  from: string;
  to: string;
}

/** A paragraph of an article's text, as runs of words kept, inserted and deleted. */
export type Paragraph = WordSegment[];

export interface ArticleView {
  id: string;
  heading: string;
  statusWord: string;
  titleWords: WordSegment[] | null;
  paragraphs: Paragraph[];
}

export type AspectView =
  | { label: string; words: WordSegment[]; conditions: null; values: null }
  | { label: string; words: null; conditions: { from: ConditionSentence | null; to: ConditionSentence | null }; values: null }
  | { label: string; words: null; conditions: null; values: { from: string; to: string } };

export interface RuleView {
  id: string;
  title: string;
  article: string;
  kinds: string;
  severityWord: string;
  clause: string;
  appliesWhen: ConditionSentence | null;
  reviewWhen: ConditionSentence | null;
  conditions: ConditionSentence;
  messages: Array<{ label: string; text: string }>;
}

export interface ChangedRuleView {
  id: string;
  title: string;
  article: string;
  aspects: AspectView[];
}

export interface GuardView {
  name: string;
  statusWord: string;
  from: ConditionSentence | null;
  to: ConditionSentence | null;
}

export interface NotCheckableView {
  heading: string;
  statusWord: string;
  from: string | null;
  to: string | null;
}

export interface DiffView {
  from: DiffSide;
  to: DiffSide;
  same: boolean;
  parameters: ParameterRow[];
  articles: ArticleView[];
  added: RuleView[];
  removed: RuleView[];
  changed: ChangedRuleView[];
  guards: GuardView[];
  notCheckable: NotCheckableView[];
}

const ABSENT = '—';

export const MESSAGE_LABELS: Record<string, string> = {
  pass: 'Message si conforme',
  fail: 'Message si non conforme',
  review: 'Message si à examiner',
  not_applicable: 'Message si sans objet',
};

const ASPECT_LABELS: Record<string, string> = {
  title: 'Titre',
  clause: 'Citation',
  article: 'Article',
  kinds: 'Pièces',
  severity: 'Si elle n’est pas respectée',
  appliesWhen: 'S’applique si',
  reviewWhen: 'À examiner si',
  conditions: 'Conforme si',
  ...Object.fromEntries(Object.entries(MESSAGE_LABELS).map(([k, v]) => [`message.${k}`, v])),
};

function side(r: RuleSetForDiff): DiffSide {
  return {
    schoolYear: r.schoolYear,
    name: r.name,
    statusWord: RULESET_STATUS_WORDS[r.status],
    version: r.version,
    title: r.title,
    url: PAGE_LINKS.ruleSet(r.schoolYear),
  };
}

/** Splits runs of words at blank lines, into the article's paragraphs; a single line break reads as a space. */
export function paragraphsOfSegments(segments: readonly WordSegment[]): Paragraph[] {
  const paragraphs: Paragraph[] = [[]];
  for (const s of segments) {
    s.text.split(/\n\s*\n/).forEach((piece, i) => {
      if (i > 0) paragraphs.push([]);
      const text = piece.replace(/\s+/g, ' ');
      if (text) paragraphs.at(-1)!.push({ op: s.op, text });
    });
  }
  return paragraphs
    .map((p) => {
      const trimmed = p.map((s) => ({ ...s }));
      if (trimmed.length) trimmed[0].text = trimmed[0].text.trimStart();
      if (trimmed.length) trimmed[trimmed.length - 1].text = trimmed[trimmed.length - 1].text.trimEnd();
      return trimmed.filter((s) => s.text.length > 0);
    })
    .filter((p) => p.length > 0);
}

function headingOf(id: string, title: string): string {
  return title.toLowerCase().startsWith(articleLabel(id).toLowerCase()) ? title : `${articleLabel(id)} — ${title}`;
}

type Params = ReadonlyArray<Pick<ParameterDef, 'name' | 'description' | 'article' | 'value'>>;
type Guards = ReadonlyArray<Pick<GuardDef, 'name' | 'conditions'>>;

function ruleView(r: RuleDef, parameters: Params, guards: Guards): RuleView {
  return {
    id: r.id,
    title: r.title,
    article: articleLabel(r.article),
    kinds: r.kinds.map((k) => KIND_NAMES[k]).join(', '),
    severityWord: SEVERITY_WORDS[r.severity],
    clause: r.clause.trim(),
    appliesWhen: r.appliesWhen ? describeCondition(r.appliesWhen, parameters, guards) : null,
    reviewWhen: r.reviewWhen ? describeCondition(r.reviewWhen, parameters, guards) : null,
    conditions: describeCondition(r.conditions, parameters, guards),
    messages: Object.entries(r.message)
      .filter(([, text]) => typeof text === 'string')
      .map(([which, text]) => ({ label: MESSAGE_LABELS[which] ?? which, text: text ?? '' })),
  };
}

function valueWords(aspect: string, v: unknown): string {
  if (v === null || v === undefined) return ABSENT;
  if (aspect === 'kinds') return (v as Array<keyof typeof KIND_NAMES>).map((k) => KIND_NAMES[k]).join(', ');
  if (aspect === 'severity') return SEVERITY_WORDS[v as RuleDef['severity']];
  if (aspect === 'article' && typeof v === 'string') return articleLabel(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A title, a clause or a message, as written; '' for a message absent on one side. */
function asText(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function diffView(d: RuleSetDiff): DiffView {
  const fromSide = side(d.from);
  const toSide = side(d.to);
  const condition = (c: unknown, set: RuleSetForDiff) => (c ? describeCondition(c as Conditions, set.parameters, set.guards) : null);
  return {
    from: fromSide,
    to: toSide,
    same: isEmptyDiff(d),
    parameters: d.parameters.map((p) => ({
      name: p.name,
      description: p.description,
      article: articleLabel(p.article),
      articleId: anchorOf('article', p.article),
      from: p.from === null ? ABSENT : formatValue(p.name, p.from),
      to: p.to === null ? ABSENT : formatValue(p.name, p.to),
    })),
    articles: d.articles.map((a) => ({
      id: a.id,
      heading: headingOf(a.id, a.title),
      statusWord: a.status === 'added' ? 'article ajouté' : a.status === 'removed' ? 'article retiré' : 'texte modifié',
      titleWords: a.titleWords,
      paragraphs: paragraphsOfSegments(a.textWords),
    })),
    added: d.rules.added.map((r) => ruleView(r, d.to.parameters, d.to.guards)),
    removed: d.rules.removed.map((r) => ruleView(r, d.from.parameters, d.from.guards)),
    changed: d.rules.changed.map((c) => ({
      id: c.id,
      title: c.after.title,
      article: articleLabel(c.after.article),
      aspects: c.changes.map((ch): AspectView => {
        const label = ASPECT_LABELS[ch.aspect] ?? ch.aspect;
        if (ch.aspect === 'appliesWhen' || ch.aspect === 'reviewWhen' || ch.aspect === 'conditions') {
          return { label, words: null, values: null, conditions: { from: condition(ch.from, d.from), to: condition(ch.to, d.to) } };
        }
        if (ch.aspect === 'title' || ch.aspect === 'clause' || ch.aspect.startsWith('message.')) {
          return { label, words: wordDiff(asText(ch.from), asText(ch.to)), conditions: null, values: null };
        }
        return { label, words: null, conditions: null, values: { from: valueWords(ch.aspect, ch.from), to: valueWords(ch.aspect, ch.to) } };
      }),
    })),
    guards: d.guards.map((g) => ({
      name: g.name,
      statusWord: g.from === null ? 'ajoutée' : g.to === null ? 'retirée' : 'modifiée',
      from: condition(g.from, d.from),
      to: condition(g.to, d.to),
    })),
    notCheckable: d.notCheckable.map((n) => {
      const after = d.to.articles.find((a) => a.id === n.id);
      const before = d.from.articles.find((a) => a.id === n.id);
      const statusWord = !after
        ? 'article retiré'
        : !before
          ? 'article ajouté, non vérifiable'
          : n.from === null
            ? 'désormais non vérifiable'
            : n.to === null
              ? 'désormais vérifiable'
              : 'motif modifié';
      return {
        heading: headingOf(n.id, (after ?? before)?.title ?? ''),
        statusWord,
        from: n.from,
        to: n.to,
      };
    }),
  };
}

// ------------------------------------------------------------------------------------------ text

/** Runs of words as text: `[-supprimé-]{+ajouté+}`, as `git diff --word-diff` marks them. */
export function segmentsText(segments: readonly WordSegment[]): string {
  return segments.map((s) => (s.op === '=' ? s.text : s.op === '+' ? `{+${s.text}+}` : `[-${s.text}-]`)).join('');
}

function sentenceLines(s: ConditionSentence | null, indent: string): string[] {
  if (!s) return [`${indent}${ABSENT}`];
  if (s.sentence !== null) return [`${indent}${s.sentence}`];
  return [`${indent}${s.intro}`, ...s.items.flatMap((i) => sentenceLines(i, `${indent}  `))];
}

function ruleLines(r: RuleView, indent: string): string[] {
  return [
    `${indent}${r.id} — ${r.title} (${r.article.toLowerCase()} ; ${r.kinds} ; ${r.severityWord})`,
    `${indent}  Citation : « ${r.clause} »`,
    ...(r.appliesWhen ? [`${indent}  S’applique si :`, ...sentenceLines(r.appliesWhen, `${indent}    `)] : []),
    ...(r.reviewWhen ? [`${indent}  À examiner si :`, ...sentenceLines(r.reviewWhen, `${indent}    `)] : []),
    `${indent}  Conforme si :`,
    ...sentenceLines(r.conditions, `${indent}    `),
  ];
}

export function renderRuleDiffText(v: DiffView): string {
  const out: string[] = [
    `Règles ${v.from.schoolYear} (${v.from.statusWord}, version ${v.from.version}) → ${v.to.schoolYear} (${v.to.statusWord}, version ${v.to.version})`,
  ];
  if (v.same) return `${out[0]}\n\nAucune différence : mêmes paramètres, mêmes articles, mêmes règles.\n`;
  const section = (title: string, n: number) => out.push('', `${title} (${n})`);
  if (v.parameters.length) {
    section('Paramètres modifiés', v.parameters.length);
    for (const p of v.parameters) out.push(`  ${p.name} — ${p.description} (${p.article.toLowerCase()}) : ${p.from} → ${p.to}`);
  }
  if (v.articles.length) {
    section('Articles dont le texte change', v.articles.length);
    for (const a of v.articles) {
      out.push(`  ${a.heading} (${a.statusWord})`);
      if (a.titleWords) out.push(`    Titre : ${segmentsText(a.titleWords)}`);
      for (const p of a.paragraphs) if (p.some((s) => s.op !== '=')) out.push(`    ${segmentsText(p)}`);
    }
  }
  if (v.added.length) {
    section('Règles ajoutées', v.added.length);
    for (const r of v.added) out.push(...ruleLines(r, '  '));
  }
  if (v.removed.length) {
    section('Règles retirées', v.removed.length);
    for (const r of v.removed) out.push(...ruleLines(r, '  '));
  }
  if (v.changed.length) {
    section('Règles modifiées', v.changed.length);
    for (const r of v.changed) {
      out.push(`  ${r.id} — ${r.title} (${r.article.toLowerCase()})`);
      for (const a of r.aspects) {
        if (a.words) out.push(`    ${a.label} : ${segmentsText(a.words)}`);
        else if (a.values) out.push(`    ${a.label} : ${a.values.from} → ${a.values.to}`);
        else
          out.push(
            `    ${a.label}, avant :`,
            ...sentenceLines(a.conditions.from, '      '),
            `    ${a.label}, après :`,
            ...sentenceLines(a.conditions.to, '      '),
          );
      }
    }
  }
  if (v.guards.length) {
    section('Conditions communes', v.guards.length);
    for (const g of v.guards) {
      out.push(`  ${g.name} (${g.statusWord})`);
      if (g.from) out.push('    avant :', ...sentenceLines(g.from, '      '));
      if (g.to) out.push('    après :', ...sentenceLines(g.to, '      '));
    }
  }
  if (v.notCheckable.length) {
    section('Articles non vérifiables', v.notCheckable.length);
    for (const n of v.notCheckable) out.push(`  ${n.heading} : ${n.statusWord}${n.to ? ` — ${n.to}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

// ------------------------------------------------------------------------------------------ HTML

/** The page /regles/A/comparer/B. */
export function renderRuleDiffPage(v: DiffView): string {
  return renderTemplate('pages/rule-diff', {
    page: pageMeta(`Règles ${v.from.schoolYear} → ${v.to.schoolYear}`, 'regles'),
    ruleSetsUrl: PAGE_LINKS.ruleSets(),
    links: true,
    ...v,
  });
}

/** `rules diff --format html`: the same, as a document of its own (no navigation of the site). */
export function renderRuleDiffDocument(v: DiffView): string {
  return renderTemplate('rule-diff', { title: `Règles ${v.from.schoolYear} → ${v.to.schoolYear}`, links: false, ...v });
}
