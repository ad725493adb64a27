import { createHash } from 'node:crypto';
import type { Kind } from '../domain/submission';
import type { ContractParameters } from '../contract/parameters';
import { parseDocument } from '../documents/parse';
import { FACTS } from '../contract/facts';
import { OPERATOR_NAMES } from './operators';
import { FILTER_WORDS, FILTERS, placeholders } from './message';
import { REQUIRED_PARAMETERS } from '../contract/parameters';
import { schemaErrors, validateRuleFile, validateRuleSetFile } from './rule-schemas';
import type { ArticleDef, Conditions, ConditionNode, LintError, ParameterDef, RuleDef, RuleSetFile, RuleSetLoad } from './model';

/**
 * Reads a rule set from the text of its files and says everything wrong with it, each problem at
 * its file:line:column, in French, for the legal staff who edit it. Pure: the files are given.
 */

export const RULESET_FILE = 'ruleset.yaml';

interface Located {
  file: string;
  value: unknown;
  at(pointer: string): { line: number; column: number };
}

export function ruleSetVersion(files: readonly RuleSetFile[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(f.path).update('\0').update(f.text).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Whitespace, typographic quotes and apostrophes do not make a quotation wrong. */
function normaliseText(s: string): string {
  return s
    .replace(/[’‘]/g, "'")
    .replace(/[«»“”]/g, '"')
    .replace(/\^\{([^}]*)\}/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function isCondition(node: ConditionNode): node is { fact: string; operator: string; value: unknown } {
  return typeof node === 'object' && node !== null && 'fact' in node;
}

/** Every leaf of a condition tree with its JSON Pointer. */
export function* leaves(c: Conditions | ConditionNode, pointer: string): Generator<[{ fact: string; operator: string; value: unknown }, string]> {
  if (isCondition(c)) {
    yield [c, pointer];
    return;
  }
  if ('all' in c) for (let i = 0; i < c.all.length; i++) yield* leaves(c.all[i], `${pointer}/all/${i}`);
  else if ('any' in c) for (let i = 0; i < c.any.length; i++) yield* leaves(c.any[i], `${pointer}/any/${i}`);
  else if ('not' in c) yield* leaves(c.not, `${pointer}/not`);
}

function refOf(value: unknown): { fact: string } | { param: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  if (keys[0] === 'fact' && typeof (value as { fact: unknown }).fact === 'string') return value as { fact: string };
  if (keys[0] === 'param' && typeof (value as { param: unknown }).param === 'string') return value as { param: string };
  return undefined;
}

export function lintRuleSet(name: string, files: readonly RuleSetFile[]): RuleSetLoad {
  const errors: LintError[] = [];
  const err = (doc: Located, pointer: string, message: string) => errors.push({ file: doc.file, ...doc.at(pointer), message });

  const parsed: Located[] = [];
  for (const f of files) {
    const r = parseDocument(f.text, 'yaml');
    if (!r.ok) {
      for (const e of r.errors) errors.push({ file: f.path, line: e.line ?? 1, column: e.column ?? 1, message: e.message });
      continue;
    }
    parsed.push({ file: f.path, value: r.value, at: (p) => r.locate(p) ?? { line: 1, column: 1 } });
  }
  const main = parsed.find((d) => d.file === RULESET_FILE);
  if (!main) {
    if (!files.some((f) => f.path === RULESET_FILE))
      errors.push({ file: RULESET_FILE, line: 1, column: 1, message: `fichier ${RULESET_FILE} manquant dans le jeu de règles « ${name} »` });
    return { ok: false, errors };
  }
  const ruleFiles = parsed.filter((d) => d !== main);

  for (const e of schemaErrors(validateRuleSetFile, main.value)) err(main, e.pointer, e.message);
  for (const d of ruleFiles) for (const e of schemaErrors(validateRuleFile, d.value)) err(d, e.pointer, e.message);
  // The rest reads the files as the schemas describe them: stop here if they are not.
  if (errors.length) return { ok: false, errors };

  const head = main.value as {
    schoolYear: string;
    appliesTo?: string[];
    status: 'in_force' | 'draft';
    title: string;
    source?: string;
    parameters: Record<string, Omit<ParameterDef, 'name'>>;
    articles: Record<string, Omit<ArticleDef, 'id'>>;
  };
  const [y1, y2] = head.schoolYear.split('-').map(Number);
  if (y2 !== y1 + 1) err(main, '/schoolYear', `année scolaire « ${head.schoolYear} » : la seconde année doit suivre la première`);

  const articles: ArticleDef[] = Object.entries(head.articles).map(([id, a]) => ({ id, ...a }));
  const articleIds = new Set(articles.map((a) => a.id));
  const parameters: ParameterDef[] = Object.entries(head.parameters).map(([pname, p]) => ({ name: pname, ...p }));
  const paramNames = new Set(parameters.map((p) => p.name));

  for (const [pname, req] of Object.entries(REQUIRED_PARAMETERS)) {
    const p = head.parameters[pname];
    if (!p) err(main, '/parameters', `paramètre obligatoire manquant : « ${pname} » (${req.expected})`);
    else if (!req.check(p.value)) err(main, `/parameters/${pname}/value`, `le paramètre « ${pname} » doit être ${req.expected}`);
  }
  for (const p of parameters) {
    if (!articleIds.has(p.article))
      err(main, `/parameters/${p.name}/article`, `article inconnu « ${p.article} » (articles déclarés : ${[...articleIds].join(', ')})`);
  }

  const rules: RuleDef[] = [];
  const ids = new Map<string, string>();
  const quotable = new Map(articles.map((a) => [a.id, normaliseText(`${a.title}\n${a.text}`)]));
  for (const d of ruleFiles) {
    const file = d.value as { article: string; rules: Array<Omit<RuleDef, 'article' | 'source'>> };
    const article = articles.find((a) => a.id === file.article);
    if (!article) {
      err(d, '/article', `article inconnu « ${file.article} » : il doit figurer dans ${RULESET_FILE}`);
      continue;
    }
    if (article.notCheckable) err(d, '/article', `l’article « ${file.article} » est déclaré non vérifiable (notCheckable) dans ${RULESET_FILE}`);
    file.rules.forEach((r, i) => {
      const at = `/rules/${i}`;
      const rule: RuleDef = { ...r, article: file.article, source: { file: d.file, ...d.at(at) } };
      const previous = ids.get(r.id);
      if (previous) err(d, `${at}/id`, `identifiant de règle en double « ${r.id} » (déjà dans ${previous})`);
      ids.set(r.id, `${d.file}:${rule.source.line}`);
      if (!quotable.get(article.id)!.includes(normaliseText(r.clause))) {
        err(d, `${at}/clause`, `la citation ne figure pas dans le texte de l’article ${file.article} de ${RULESET_FILE}`);
      }
      lintRule(rule, (pointer, message) => err(d, `${at}${pointer}`, message), paramNames);
      rules.push(rule);
    });
  }

  if (errors.length) return { ok: false, errors };
  const params = Object.fromEntries(parameters.map((p) => [p.name, p.value])) as unknown as ContractParameters;
  const version = ruleSetVersion(files);
  return {
    ok: true,
    ruleSet: {
      name,
      schoolYear: head.schoolYear,
      appliesTo: head.appliesTo ?? [head.schoolYear],
      status: head.status,
      title: head.title,
      source: head.source,
      version,
      parameters,
      params,
      articles,
      rules,
      files: [...files],
    },
  };
}

function lintRule(rule: RuleDef, err: (pointer: string, message: string) => void, paramNames: ReadonlySet<string>) {
  const checkFact = (fact: string, pointer: string) => {
    const def = FACTS[fact];
    if (!def) return err(pointer, `fait inconnu « ${fact} »`);
    const missing = rule.kinds.filter((k: Kind) => !def.kinds.includes(k));
    if (missing.length) err(pointer, `le fait « ${fact} » n’existe pas pour : ${missing.join(', ')}`);
  };
  const parts: Array<['appliesWhen' | 'reviewWhen' | 'conditions', Conditions | undefined]> = [
    ['appliesWhen', rule.appliesWhen],
    ['reviewWhen', rule.reviewWhen],
    ['conditions', rule.conditions],
  ];
  for (const [part, conditions] of parts) {
    if (!conditions) continue;
    for (const [leaf, pointer] of leaves(conditions, `/${part}`)) {
      checkFact(leaf.fact, `${pointer}/fact`);
      if (!OPERATOR_NAMES.has(leaf.operator))
        err(`${pointer}/operator`, `opérateur inconnu « ${leaf.operator} » (opérateurs : ${[...OPERATOR_NAMES].join(', ')})`);
      const ref = refOf(leaf.value);
      if (ref && 'fact' in ref) checkFact(ref.fact, `${pointer}/value/fact`);
      if (ref && 'param' in ref && !paramNames.has(ref.param)) err(`${pointer}/value/param`, `paramètre inconnu « ${ref.param} »`);
    }
  }
  if (rule.reviewWhen && !rule.message.review) err('/message', 'message « review » manquant : la règle a des conditions reviewWhen');
  if (!rule.reviewWhen && rule.message.review) err('/message/review', 'message « review » sans conditions reviewWhen');
  for (const [which, template] of Object.entries(rule.message)) {
    for (const ph of placeholders(template ?? '')) {
      if (!FACTS[ph.name] && !paramNames.has(ph.name)) err(`/message/${which}`, `le message cite « {${ph.name}} », qui n’est ni un fait ni un paramètre`);
      else if (FACTS[ph.name]) checkFact(ph.name, `/message/${which}`);
      if (ph.filter && !FILTERS[ph.filter]) err(`/message/${which}`, `filtre inconnu « |${ph.filter} » (filtres : ${Object.keys(FILTERS).join(', ')})`);
      else if (ph.filter) {
        const words = FILTER_WORDS[ph.filter];
        if (!words && ph.args.length > 0) err(`/message/${which}`, `le filtre « |${ph.filter} » ne prend pas de mots après « : »`);
        if (words && (ph.args.length < words.min || ph.args.length > words.max)) err(`/message/${which}`, `le filtre « |${ph.filter} » attend ${words.what}`);
      }
    }
  }
}
