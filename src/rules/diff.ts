import { diffArrays } from 'diff';
import { compareArticleIds } from '../wording/format';
import type { Conditions, RuleDef, RuleSet } from './model';

/**
 * What changes from one year's rules to another's, as a lawyer reviews it before the year opens:
 * the parameters whose value changes (with their article), the articles whose text changes (word
 * by word), the rules added, removed and changed (and how: title, quotation, documents, severity,
 * conditions, messages), the shared conditions, and the articles said not checkable. Pure; the
 * CLI and the page word it (src/pages/rule-diff.ts).
 *
 * A rule whose text names a parameter (`{termEnd|long}`) does not change when only the parameter
 * does: the parameter's change is listed once, with its article.
 */

export type RuleSetForDiff = Pick<RuleSet, 'schoolYear' | 'name' | 'version' | 'status' | 'title' | 'parameters' | 'articles' | 'rules' | 'guards'>;

/** A run of words kept, inserted or deleted. */
export interface WordSegment {
  op: '=' | '+' | '-';
  text: string;
}

export interface ParameterChange {
  name: string;
  article: string;
  /** The value before; null for a parameter that appears. */
  from: unknown;
  /** The value after; null for a parameter that goes. */
  to: unknown;
  description: string;
}

export interface ArticleChange {
  id: string;
  status: 'changed' | 'added' | 'removed';
  /** The article's title after (before, for one removed). */
  title: string;
  titleWords: WordSegment[] | null;
  textWords: WordSegment[];
}

export type RuleAspect = 'title' | 'clause' | 'article' | 'kinds' | 'severity' | 'appliesWhen' | 'reviewWhen' | 'conditions' | `message.${string}`;

export interface RuleAspectChange {
  aspect: RuleAspect;
  from: unknown;
  to: unknown;
}

export interface RuleChange {
  id: string;
  before: RuleDef;
  after: RuleDef;
  changes: RuleAspectChange[];
}

export interface NotCheckableChange {
  id: string;
  /** Why it is not checkable, before and after; null when it was (or is) checkable or absent. */
  from: string | null;
  to: string | null;
}

export interface GuardChange {
  name: string;
  from: Conditions | null;
  to: Conditions | null;
}

export interface RuleSetDiff {
  from: RuleSetForDiff;
  to: RuleSetForDiff;
  parameters: ParameterChange[];
  articles: ArticleChange[];
  rules: { added: RuleDef[]; removed: RuleDef[]; changed: RuleChange[] };
  guards: GuardChange[];
  notCheckable: NotCheckableChange[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A text's words as the contract reads them: « 2020-2021 », « l'année », « 1er » are one word each;
 * spaces and punctuation are tokens of their own.
 */
const TOKENS = /[\p{L}\p{N}’'-]+|\s+|[^\p{L}\p{N}\s]/gu;

/** The words of `b` against those of `a` (`diff`'s diff of sequences, over the words), runs of the same kind joined. */
export function wordDiff(a: string, b: string): WordSegment[] {
  const out: WordSegment[] = [];
  for (const part of diffArrays(a.match(TOKENS) ?? [], b.match(TOKENS) ?? [])) {
    const op = part.added ? '+' : part.removed ? '-' : '=';
    const text = part.value.join('');
    const last = out.at(-1);
    if (last && last.op === op) last.text += text;
    else if (text) out.push({ op, text });
  }
  return out;
}

const ASPECTS: Array<[RuleAspect, (r: RuleDef) => unknown]> = [
  ['title', (r) => r.written.title],
  ['clause', (r) => r.written.clause],
  ['article', (r) => r.article],
  ['kinds', (r) => r.kinds],
  ['severity', (r) => r.severity],
  ['appliesWhen', (r) => r.appliesWhen ?? null],
  ['reviewWhen', (r) => r.reviewWhen ?? null],
  ['conditions', (r) => r.conditions],
];

/** A title or a clause is shown as each year reads it, its parameters written in. */
const SHOWN: Partial<Record<RuleAspect, (r: RuleDef) => unknown>> = { title: (r) => r.title, clause: (r) => r.clause };

function ruleChanges(a: RuleDef, b: RuleDef): RuleAspectChange[] {
  const changes: RuleAspectChange[] = [];
  for (const [aspect, get] of ASPECTS) {
    const shown = SHOWN[aspect] ?? get;
    if (!same(get(a), get(b))) changes.push({ aspect, from: shown(a), to: shown(b) });
  }
  for (const which of ['pass', 'fail', 'review', 'not_applicable'] as const) {
    const from = a.message[which] ?? null;
    const to = b.message[which] ?? null;
    if (from !== to) changes.push({ aspect: `message.${which}`, from, to });
  }
  return changes;
}

export function diffRuleSets(from: RuleSetForDiff, to: RuleSetForDiff): RuleSetDiff {
  const parameters: ParameterChange[] = [];
  for (const p of to.parameters) {
    const before = from.parameters.find((x) => x.name === p.name);
    if (!before || !same(before.value, p.value))
      parameters.push({ name: p.name, article: p.article, from: before ? before.value : null, to: p.value, description: p.description });
  }
  for (const p of from.parameters) {
    if (!to.parameters.some((x) => x.name === p.name))
      parameters.push({ name: p.name, article: p.article, from: p.value, to: null, description: p.description });
  }

  const articles: ArticleChange[] = [];
  const notCheckable: NotCheckableChange[] = [];
  const ids = [...new Set([...from.articles.map((a) => a.id), ...to.articles.map((a) => a.id)])].sort(compareArticleIds);
  for (const id of ids) {
    const a = from.articles.find((x) => x.id === id);
    const b = to.articles.find((x) => x.id === id);
    if (a && b) {
      if (a.text !== b.text || a.title !== b.title) {
        articles.push({
          id,
          status: 'changed',
          title: b.title,
          titleWords: a.title === b.title ? null : wordDiff(a.title, b.title),
          textWords: wordDiff(a.text, b.text),
        });
      }
    } else if (b) articles.push({ id, status: 'added', title: b.title, titleWords: null, textWords: [{ op: '+', text: b.text }] });
    else if (a) articles.push({ id, status: 'removed', title: a.title, titleWords: null, textWords: [{ op: '-', text: a.text }] });
    const was = a?.notCheckable ?? null;
    const is = b?.notCheckable ?? null;
    if (was !== is) notCheckable.push({ id, from: was, to: is });
  }

  const added = to.rules.filter((r) => !from.rules.some((x) => x.id === r.id));
  const removed = from.rules.filter((r) => !to.rules.some((x) => x.id === r.id));
  const changed: RuleChange[] = [];
  for (const b of to.rules) {
    const a = from.rules.find((x) => x.id === b.id);
    if (!a) continue;
    const changes = ruleChanges(a, b);
    if (changes.length) changed.push({ id: b.id, before: a, after: b, changes });
  }

  const guards: GuardChange[] = [];
  for (const g of to.guards) {
    const before = from.guards.find((x) => x.name === g.name);
    if (!before || !same(before.conditions, g.conditions)) guards.push({ name: g.name, from: before?.conditions ?? null, to: g.conditions });
  }
  for (const g of from.guards) if (!to.guards.some((x) => x.name === g.name)) guards.push({ name: g.name, from: g.conditions, to: null });

  return { from, to, parameters, articles, rules: { added, removed, changed }, guards, notCheckable };
}

/** Whether the two rule sets say the same (whatever their year, name, status and title). */
export function isEmptyDiff(d: RuleSetDiff): boolean {
  return (
    !d.parameters.length &&
    !d.articles.length &&
    !d.rules.added.length &&
    !d.rules.removed.length &&
    !d.rules.changed.length &&
    !d.guards.length &&
    !d.notCheckable.length
  );
}

/**
 * The diff as JSON: `{ from, to, parameters: [{ name, article, from, to }], articles: [{ id,
 * changed: true }], rules: { added, removed, changed }, guards, notCheckable }`; an article added
 * or removed says so (`added: true`, `removed: true`).
 */
export function diffBody(d: RuleSetDiff) {
  return {
    from: d.from.schoolYear,
    to: d.to.schoolYear,
    parameters: d.parameters.map((p) => ({ name: p.name, article: p.article, from: p.from, to: p.to })),
    articles: d.articles.map((a) => ({
      id: a.id,
      changed: true as const,
      ...(a.status === 'added' ? { added: true } : a.status === 'removed' ? { removed: true } : {}),
    })),
    rules: { added: d.rules.added.map((r) => r.id), removed: d.rules.removed.map((r) => r.id), changed: d.rules.changed.map((r) => r.id) },
    guards: d.guards.map((g) => ({ name: g.name, added: g.from === null, removed: g.to === null })),
    notCheckable: d.notCheckable,
  };
}
