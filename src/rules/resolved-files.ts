import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import type { ArticleDef, GuardDef, ParameterDef, RuleDef, RuleSetFile } from './model';

/**
 * The files of a rule set that extends another, resolved: one `ruleset.yaml` with every parameter,
 * article and shared condition, and one file per article with its rules as written (titles and
 * clauses with their `{parameters}`, conditions in full). They lint alone, without the bases, into
 * the same rules: they are what a decision keeps, and what the version is the hash of. Written the
 * same way every time (same order, same layout), so that the same rules make the same version.
 */

export interface ResolvedContent {
  schoolYear: string;
  appliesTo?: string[];
  status: 'in_force' | 'draft';
  title: string;
  source?: string;
  parameters: ParameterDef[];
  articles: ArticleDef[];
  guards: GuardDef[];
  rules: RuleDef[];
}

const OPTIONS = { lineWidth: 0, blockQuote: 'literal' as const, indentSeq: true };

/** Conditions and lists of codes on one line each, as the rule files are written by hand. */
function yamlText(value: unknown, comment: string): string {
  const doc = new Document(value);
  visit(doc, {
    Map(_, node) {
      if (node.items.some((p) => isScalar(p.key) && (p.key.value === 'fact' || p.key.value === 'guard'))) node.flow = true;
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && (pair.key.value === 'kinds' || pair.key.value === 'appliesTo') && isSeq(pair.value)) pair.value.flow = true;
      if (isScalar(pair.key) && pair.key.value === 'value' && (isSeq(pair.value) || isMap(pair.value))) pair.value.flow = true;
    },
  });
  doc.commentBefore = comment;
  return doc.toString(OPTIONS);
}

function omitUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** `6.2` → `rules/article-6.2.yaml`, `annexe-1` → `rules/annexe-1.yaml`. */
export function ruleFileOf(article: string): string {
  return `rules/${/^\d/.test(article) ? `article-${article}` : article}.yaml`;
}

export function resolvedFiles(set: ResolvedContent): RuleSetFile[] {
  const comment = ` Jeu de règles ${set.schoolYear} résolu : écrit au chargement à partir du jeu qui hérite (extends) et de ses bases.`;
  const head = omitUndefined({
    schoolYear: set.schoolYear,
    appliesTo: set.appliesTo,
    status: set.status,
    title: set.title,
    source: set.source,
    guards: set.guards.length ? Object.fromEntries(set.guards.map((g) => [g.name, g.conditions])) : undefined,
    parameters: Object.fromEntries(set.parameters.map(({ name, ...p }) => [name, omitUndefined(p)])),
    articles: Object.fromEntries(set.articles.map(({ id, ...a }) => [id, omitUndefined(a)])),
  });
  const files: RuleSetFile[] = [{ path: 'ruleset.yaml', text: yamlText(head, comment) }];
  const byFile = new Map<string, RuleDef[]>();
  for (const r of set.rules) byFile.set(ruleFileOf(r.article), [...(byFile.get(ruleFileOf(r.article)) ?? []), r]);
  for (const [path, rules] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const body = {
      article: rules[0].article,
      rules: rules.map((r) =>
        omitUndefined({
          id: r.id,
          title: r.written.title,
          clause: r.written.clause,
          kinds: r.kinds,
          severity: r.severity,
          appliesWhen: r.appliesWhen,
          reviewWhen: r.reviewWhen,
          conditions: r.conditions,
          message: omitUndefined(r.message),
        }),
      ),
    };
    files.push({ path, text: yamlText(body, comment) });
  }
  return files;
}
