import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Kind } from '../domain/submission';
import type { ContractParameters } from '../contract/parameters';
import { locateNearest, parseDocument } from '../documents/parse';
import { FACTS } from '../contract/facts';
import { OPERATOR_NAMES } from './operators';
import { FILTER_WORDS, FILTERS, placeholders, renderMessage } from './message';
import { REQUIRED_PARAMETERS } from '../contract/parameters';
import { schemaErrors, validateRuleFile, validateRuleSetFile } from './rule-schemas';
import type { ArticleDef, Condition, Conditions, ConditionNode, GuardDef, GuardRef, LintError, ParameterDef, RuleDef, RuleSetFile, RuleSetLoad } from './model';
import { literalsOfParameters } from './literals';
import { resolvedFiles, ruleFileOf } from './resolved-files';

/**
 * Reads a rule set from the text of its files and says everything wrong with it, each problem at
 * its file:line:column, in French, for the legal staff who edit it. Pure: the files are given, and
 * so is the way to the files of the rule set it extends (`findBase`, which load.ts reads from disk).
 *
 * A rule set that says `extends: "2020-2021"` holds only what changes: parameters by name (often
 * their value alone), articles whose text changes (`null` removes one), shared conditions (guards),
 * and in its rule files the rules added (`rules:`), replaced by id (`replace:`) or removed by id
 * (`remove:`). It is resolved here, base first, each change applied over what the bases say; every
 * error is reported in the file where the thing at fault is written — an inherited rule whose
 * quotation no longer reads in an article changed by this year, at the change.
 */

export const RULESET_FILE = 'ruleset.yaml';

/** The files of a rule set another extends, and its folder relative to the linted one's. */
export interface BaseRuleSet {
  name: string;
  /** Relative to the linted rule set's folder, with `/` (`../2020-2021`); `''` is the linted folder itself. */
  path: string;
  files: RuleSetFile[];
}

/** The rule set an `extends` names, seen from the folder at `from` (relative to the linted one's); undefined when there is none. */
export type FindBase = (ref: string, from: string) => BaseRuleSet | undefined;

interface Located {
  file: string;
  value: unknown;
  at(pointer: string): { line: number; column: number };
}

/** Where something is written: a file and a JSON Pointer in it, and the layer (0: the linted rule set, 1: its base, …). */
interface Loc {
  doc: Located;
  pointer: string;
  layer: number;
}

interface Layer {
  name: string;
  path: string;
  main: Located;
  ruleFiles: Located[];
}

type RawConditions = unknown;

interface RawRule {
  id: string;
  title: string;
  clause: string;
  kinds: Kind[];
  severity: RuleDef['severity'];
  appliesWhen?: RawConditions;
  reviewWhen?: RawConditions;
  conditions: RawConditions;
  message: RuleDef['message'];
}

interface RawHead {
  extends?: string;
  schoolYear: string;
  appliesTo?: string[];
  status: 'in_force' | 'draft';
  title: string;
  source?: string;
  /** A condition tree as written, or null to remove a base's. */
  guards?: Record<string, RawConditions>;
  parameters?: Record<string, Partial<Omit<ParameterDef, 'name'>>>;
  articles?: Record<string, { title?: string; text?: string; notCheckable?: string | null } | null>;
}

interface RawRuleFile {
  article: string;
  rules?: RawRule[];
  replace?: RawRule[];
  remove?: string[];
}

/** A parameter or an article of the resolved set, with where each of its fields was last written. */
interface Entry<T> {
  value: T;
  at: Record<string, Loc>;
}

interface RuleEntry {
  raw: RawRule;
  article: string;
  /** The rule itself (`/rules/3`, `/replace/0`) in its file. */
  loc: Loc;
  /** The file's `/article`. */
  articleLoc: Loc;
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

function isCondition(node: ConditionNode): node is Condition {
  return typeof node === 'object' && node !== null && 'fact' in node;
}

function isGuardRef(node: ConditionNode): node is GuardRef {
  return typeof node === 'object' && node !== null && 'guard' in node;
}

/** Every leaf of a condition tree with its JSON Pointer; a guard's leaves are its own (see `guardRefs`). */
export function* leaves(c: Conditions | ConditionNode, pointer: string): Generator<[Condition, string]> {
  if (isCondition(c)) {
    yield [c, pointer];
    return;
  }
  if ('all' in c) for (let i = 0; i < c.all.length; i++) yield* leaves(c.all[i], `${pointer}/all/${i}`);
  else if ('any' in c) for (let i = 0; i < c.any.length; i++) yield* leaves(c.any[i], `${pointer}/any/${i}`);
  else if ('not' in c) yield* leaves(c.not, `${pointer}/not`);
}

/** Every guard a condition tree names, with its JSON Pointer. */
export function* guardRefs(c: Conditions | ConditionNode, pointer: string): Generator<[GuardRef, string]> {
  if (isCondition(c)) return;
  if (isGuardRef(c)) yield [c, pointer];
  else if ('all' in c) for (let i = 0; i < c.all.length; i++) yield* guardRefs(c.all[i], `${pointer}/all/${i}`);
  else if ('any' in c) for (let i = 0; i < c.any.length; i++) yield* guardRefs(c.any[i], `${pointer}/any/${i}`);
  else if ('not' in c) yield* guardRefs(c.not, `${pointer}/not`);
}

function refOf(value: unknown): { fact: string } | { param: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  if (keys[0] === 'fact' && typeof (value as { fact: unknown }).fact === 'string') return value as { fact: string };
  if (keys[0] === 'param' && typeof (value as { param: unknown }).param === 'string') return value as { param: string };
  return undefined;
}

/**
 * A condition tree as written, with yes-or-no facts written alone (`- hasConvention`,
 * `- not: refundRequested`), made into the tree json-rules-engine reads: `equal true`, `equal false`.
 */
function normaliseConditions(node: unknown, pointer: string, err: (pointer: string, message: string) => void): ConditionNode {
  const yesNo = (fact: string, value: boolean): Condition => {
    const def = FACTS[fact];
    // An unknown fact is reported once, by the check of the tree's leaves.
    if (def && !def.boolean) err(pointer, `le fait « ${fact} » n’est pas un oui-ou-non : l’écrire { fact: ${fact}, operator: …, value: … }`);
    return { fact, operator: 'equal', value };
  };
  if (typeof node === 'string') return yesNo(node, true);
  const n = node as Record<string, unknown>;
  if ('fact' in n || 'guard' in n) return n as unknown as ConditionNode;
  if (Array.isArray(n.all)) return { all: n.all.map((x, i) => normaliseConditions(x, `${pointer}/all/${i}`, err)) };
  if (Array.isArray(n.any)) return { any: n.any.map((x, i) => normaliseConditions(x, `${pointer}/any/${i}`, err)) };
  if (typeof n.not === 'string') return yesNo(n.not, false);
  return { not: normaliseConditions(n.not, `${pointer}/not`, err) };
}

/** Whether `text` (normalised) holds the words of a clause, its parameters read as any words. */
function holdsWords(clause: string, text: string): boolean {
  const pieces = normaliseText(clause.replace(/\{[^}]*\}/g, '\u0001')).split('\u0001');
  return new RegExp(pieces.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?')).test(text);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function where(l: Loc): string {
  const { line } = l.doc.at(l.pointer);
  return `${l.doc.file}:${line}`;
}

export function lintRuleSet(name: string, files: readonly RuleSetFile[], findBase?: FindBase): RuleSetLoad {
  const errors: LintError[] = [];
  const warnings: LintError[] = [];
  const errAt = (l: Loc, message: string) => errors.push({ file: l.doc.file, ...l.doc.at(l.pointer), message });
  const err = (doc: Located, pointer: string, message: string) => errors.push({ file: doc.file, ...doc.at(pointer), message });

  // ---------------------------------------------------------------------------------------- the chain
  const layers: Layer[] = [];
  let current: BaseRuleSet | undefined = { name, path: '', files: [...files] };
  while (current) {
    const layer = readLayer(current, errors);
    if (!layer) break;
    layers.push(layer);
    const ref = (layer.main.value as RawHead).extends;
    current = undefined;
    if (ref === undefined) break;
    const base = findBase?.(ref, layer.path);
    if (!base) {
      err(
        layer.main,
        '/extends',
        `jeu de règles de base « ${ref} » introuvable : aucun dossier « ${ref} » contenant ${RULESET_FILE} à côté de « ${layer.name} »`,
      );
    } else if (layers.some((l) => l.path === base.path)) {
      err(layer.main, '/extends', `héritage circulaire : ${[...layers.map((l) => l.name), base.name].join(' → ')}`);
    } else {
      current = base;
    }
  }
  if (errors.length || layers.length === 0) return { ok: false, errors };

  // ------------------------------------------------------------------------------------ resolution
  const root = layers.length - 1;
  const parameters = new Map<string, Entry<Omit<ParameterDef, 'name'>>>();
  const articles = new Map<string, Entry<Omit<ArticleDef, 'id'>>>();
  const removedArticles = new Map<string, Loc>();
  const guards = new Map<string, { conditions: Conditions; loc: Loc }>();
  const rules: RuleEntry[] = [];

  for (let i = root; i >= 0; i--) {
    const layer = layers[i];
    const head = layer.main.value as RawHead;
    const base = i < root ? layers[i + 1].name : undefined;
    const loc = (pointer: string, doc: Located = layer.main): Loc => ({ doc, pointer, layer: i });

    for (const [pname, change] of Object.entries(head.parameters ?? {})) {
      const at = `/parameters/${escapePointer(pname)}`;
      const entry = parameters.get(pname);
      if (entry) {
        Object.assign(entry.value, change);
        for (const field of Object.keys(change)) entry.at[field] = loc(`${at}/${field}`);
        continue;
      }
      const missing = ['value', 'description', 'article'].filter((k) => !(k in change));
      if (missing.length) {
        err(
          layer.main,
          at,
          `nouveau paramètre « ${pname} » (absent de « ${base} ») : ${missing.map((k) => `« ${k} »`).join(', ')} manquant${missing.length > 1 ? 's' : ''}`,
        );
        continue;
      }
      const fields = Object.fromEntries(Object.keys(change).map((k) => [k, loc(`${at}/${k}`)]));
      parameters.set(pname, { value: { ...change } as Omit<ParameterDef, 'name'>, at: { '': loc(at), ...fields } });
    }

    for (const [id, change] of Object.entries(head.articles ?? {})) {
      const at = `/articles/${escapePointer(id)}`;
      const entry = articles.get(id);
      if (change === null) {
        if (!entry) err(layer.main, at, `l’article « ${id} » ne figure pas dans « ${base} » : rien à retirer`);
        else {
          articles.delete(id);
          removedArticles.set(id, loc(at));
        }
        continue;
      }
      if (entry) {
        for (const [field, v] of Object.entries(change)) {
          if (v === null) delete (entry.value as Record<string, unknown>)[field];
          else (entry.value as Record<string, unknown>)[field] = v;
          entry.at[field] = loc(`${at}/${field}`);
        }
        continue;
      }
      const missing = ['title', 'text'].filter((k) => typeof (change as Record<string, unknown>)[k] !== 'string');
      if (missing.length) {
        err(
          layer.main,
          at,
          `nouvel article « ${id} » (absent de « ${base} ») : ${missing.map((k) => `« ${k} »`).join(', ')} manquant${missing.length > 1 ? 's' : ''}`,
        );
        continue;
      }
      const value = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== null)) as Omit<ArticleDef, 'id'>;
      articles.set(id, { value, at: { '': loc(at), ...Object.fromEntries(Object.keys(change).map((k) => [k, loc(`${at}/${k}`)])) } });
      removedArticles.delete(id);
    }

    for (const [gname, tree] of Object.entries(head.guards ?? {})) {
      const at = `/guards/${escapePointer(gname)}`;
      if (tree === null) {
        if (!guards.delete(gname)) err(layer.main, at, `aucune condition commune « ${gname} » dans « ${base} » : rien à retirer`);
        continue;
      }
      const conditions = normaliseConditions(tree, at, (p, m) => err(layer.main, p, m)) as Conditions;
      guards.set(gname, { conditions, loc: loc(at) });
    }

    if (i === root) {
      const ids = new Map<string, Loc>();
      for (const d of layer.ruleFiles) {
        const file = d.value as RawRuleFile;
        for (const key of ['replace', 'remove'] as const) {
          if (file[key]) err(d, `/${key}`, `« ${key}: » n’a de sens que dans un jeu de règles qui hérite d’un autre (extends dans ${RULESET_FILE})`);
        }
        (file.rules ?? []).forEach((raw, r) => {
          const ruleLoc = loc(`/rules/${r}`, d);
          const previous = ids.get(raw.id);
          if (previous) err(d, `/rules/${r}/id`, `identifiant de règle en double « ${raw.id} » (déjà dans ${where(previous)})`);
          ids.set(raw.id, ruleLoc);
          rules.push({ raw, article: file.article, loc: ruleLoc, articleLoc: loc('/article', d) });
        });
      }
      continue;
    }

    // A layer that extends: its removals, then its replacements, then its additions, whatever the
    // order of its files, so that none depends on another's place.
    const files = layer.ruleFiles.map((d) => ({ d, file: d.value as RawRuleFile }));
    for (const { d, file } of files) {
      (file.remove ?? []).forEach((id, r) => {
        const at = rules.findIndex((x) => x.raw.id === id);
        if (at < 0) err(d, `/remove/${r}`, `aucune règle « ${id} » dans « ${base} » : rien à retirer`);
        else rules.splice(at, 1);
      });
    }
    const replaced = new Map<string, Loc>();
    for (const { d, file } of files) {
      (file.replace ?? []).forEach((raw, r) => {
        const ruleLoc = loc(`/replace/${r}`, d);
        const at = rules.findIndex((x) => x.raw.id === raw.id);
        const twice = replaced.get(raw.id);
        if (twice) err(d, `/replace/${r}/id`, `règle « ${raw.id} » déjà remplacée dans ${where(twice)}`);
        else if (at < 0)
          err(d, `/replace/${r}/id`, `aucune règle « ${raw.id} » dans « ${base} » : rien à remplacer (une règle nouvelle s’écrit sous « rules: »)`);
        else {
          replaced.set(raw.id, ruleLoc);
          rules[at] = { raw, article: file.article, loc: ruleLoc, articleLoc: loc('/article', d) };
        }
      });
    }
    for (const { d, file } of files) {
      (file.rules ?? []).forEach((raw, r) => {
        const ruleLoc = loc(`/rules/${r}`, d);
        const existing = rules.find((x) => x.raw.id === raw.id);
        if (existing) {
          err(
            d,
            `/rules/${r}/id`,
            existing.loc.layer === i
              ? `identifiant de règle en double « ${raw.id} » (déjà dans ${where(existing.loc)})`
              : `la règle « ${raw.id} » existe déjà dans « ${base} » (${where(existing.loc)}) : pour la changer, l’écrire sous « replace: »`,
          );
          return;
        }
        const entry: RuleEntry = { raw, article: file.article, loc: ruleLoc, articleLoc: loc('/article', d) };
        const last = rules.map((x) => x.article).lastIndexOf(file.article);
        if (last < 0) rules.push(entry);
        else rules.splice(last + 1, 0, entry);
      });
    }
  }

  // ------------------------------------------------------------------------------------ the checks
  const top = layers[0];
  const head = top.main.value as RawHead;
  const [y1, y2] = head.schoolYear.split('-').map(Number);
  if (y2 !== y1 + 1) err(top.main, '/schoolYear', `année scolaire « ${head.schoolYear} » : la seconde année doit suivre la première`);

  const articleList: ArticleDef[] = [...articles].map(([id, a]) => ({ id, ...a.value }));
  const articleIds = new Set(articles.keys());
  const parameterList: ParameterDef[] = [...parameters].map(([pname, p]) => ({ name: pname, ...p.value }));
  const paramNames = new Set(parameters.keys());
  const paramValues = Object.fromEntries(parameterList.map((p) => [p.name, p.value]));

  for (const [pname, req] of Object.entries(REQUIRED_PARAMETERS)) {
    const p = parameters.get(pname);
    if (!p) err(layers[root].main, '/parameters', `paramètre obligatoire manquant : « ${pname} » (${req.expected})`);
    else if (!req.check(p.value.value)) errAt(p.at.value, `le paramètre « ${pname} » doit être ${req.expected}`);
  }
  for (const [pname, p] of parameters) {
    if (articleIds.has(p.value.article)) continue;
    const removed = removedArticles.get(p.value.article);
    if (removed && removed.layer < p.at.article.layer)
      errAt(removed, `l’article « ${p.value.article} » est retiré, mais le paramètre « ${pname} » s’y rapporte (${where(p.at.article)})`);
    else errAt(p.at.article, `article inconnu « ${p.value.article} » (articles déclarés : ${[...articleIds].join(', ')})`);
  }

  const guardDefs: GuardDef[] = [];
  for (const [gname, g] of guards) {
    lintTree(g.conditions, g.loc.pointer, (p, m) => err(g.loc.doc, p, m), paramNames, undefined);
    for (const [, pointer] of guardRefs(g.conditions, g.loc.pointer)) err(g.loc.doc, pointer, 'une condition commune ne peut pas en citer une autre');
    guardDefs.push({ name: gname, conditions: g.conditions, source: { file: g.loc.doc.file, ...g.loc.doc.at(g.loc.pointer) } });
  }
  const guardTrees = new Map(guardDefs.map((g) => [g.name, g.conditions]));
  const usedGuards = new Set<string>();

  const quotable = new Map(articleList.map((a) => [a.id, normaliseText(`${a.title}\n${a.text}`)]));
  const badArticleFiles = new Set<string>();
  const literals = literalsOfParameters(parameterList);
  const ruleDefs: RuleDef[] = [];
  for (const entry of rules) {
    const { raw, loc } = entry;
    const d = loc.doc;
    const at = loc.pointer;
    const ruleErr = (pointer: string, message: string) => err(d, `${at}${pointer}`, message);
    const article = articles.get(entry.article);
    if (!article) {
      const removed = removedArticles.get(entry.article);
      if (removed && removed.layer < loc.layer)
        errAt(removed, `l’article « ${entry.article} » est retiré, mais la règle « ${raw.id} » le vérifie (${where(loc)}) : la retirer aussi (remove:)`);
      else if (!badArticleFiles.has(d.file)) {
        badArticleFiles.add(d.file);
        errAt(entry.articleLoc, `article inconnu « ${entry.article} » : il doit figurer dans ${RULESET_FILE}`);
      }
      continue;
    }
    if (article.value.notCheckable) {
      const declared = article.at.notCheckable ?? article.at[''];
      if (declared.layer < loc.layer)
        errAt(
          declared,
          `l’article « ${entry.article} » est déclaré non vérifiable, mais la règle « ${raw.id} » le vérifie (${where(loc)}) : la retirer (remove:)`,
        );
      else if (!badArticleFiles.has(d.file)) {
        badArticleFiles.add(d.file);
        errAt(entry.articleLoc, `l’article « ${entry.article} » est déclaré non vérifiable (notCheckable) dans ${RULESET_FILE}`);
      }
    }

    const parts: Partial<Pick<RuleDef, 'appliesWhen' | 'reviewWhen' | 'conditions'>> = {};
    for (const part of ['appliesWhen', 'reviewWhen', 'conditions'] as const) {
      if (raw[part] !== undefined) parts[part] = normaliseConditions(raw[part], `${at}/${part}`, (p, m) => err(d, p, m)) as Conditions;
    }

    const title = textWithParameters(raw.title, '/title', ruleErr, paramNames, paramValues);
    const clause = textWithParameters(raw.clause, '/clause', ruleErr, paramNames, paramValues);
    if (clause !== undefined && !quotable.get(entry.article)!.includes(normaliseText(clause))) {
      // The quotation was right where it was written; what changed since is where to mend it.
      const cited = placeholders(raw.clause)
        .map((ph) => parameters.get(ph.name))
        .filter((p): p is Entry<Omit<ParameterDef, 'name'>> => p !== undefined)
        .map((p) => p.at.value);
      const textLoc = article.at.text ?? article.at[''];
      const layer = Math.min(loc.layer, textLoc.layer, ...cited.map((c) => c.layer));
      const changed = placeholders(raw.clause)
        .map((ph) => ph.name)
        .filter((n) => parameters.get(n)?.at.value.layer === layer);
      // If the article's text still holds the quotation's words whatever the values, a value is at fault.
      const valueAtFault = changed.length > 0 && (textLoc.layer !== layer || holdsWords(raw.clause, quotable.get(entry.article)!));
      if (loc.layer === layer) ruleErr('/clause', `la citation ne figure pas dans le texte de l’article ${entry.article} de ${RULESET_FILE}`);
      else if (valueAtFault) {
        errAt(
          parameters.get(changed[0])!.at.value,
          `avec cette valeur de « ${changed[0]} », la citation de la règle « ${raw.id} » (${where(loc)}) ne figure plus dans le texte de l’article ${entry.article} : changer aussi le texte de l’article`,
        );
      } else
        errAt(
          textLoc,
          `le texte de l’article ${entry.article} ne contient plus la citation de la règle « ${raw.id} » (${where(loc)}) : la remplacer (replace:) ou la retirer (remove:)`,
        );
    }

    const def: RuleDef = {
      id: raw.id,
      article: entry.article,
      title: title ?? raw.title,
      clause: clause ?? raw.clause,
      written: { title: raw.title, clause: raw.clause },
      kinds: raw.kinds,
      severity: raw.severity,
      ...parts,
      conditions: parts.conditions!,
      message: raw.message,
      source: { file: d.file, ...d.at(at) },
    };
    lintRule(def, ruleErr, paramNames, guardTrees);
    for (const part of [def.appliesWhen, def.reviewWhen, def.conditions]) if (part) for (const [ref] of guardRefs(part, '')) usedGuards.add(ref.guard);
    if (loc.layer === 0) {
      const texts: Array<[string, string]> = [
        ['/title', raw.title],
        ...Object.entries(raw.message).map(([k, v]): [string, string] => [`/message/${k}`, v ?? '']),
      ];
      for (const [pointer, text] of texts) {
        const seen = new Set<string>();
        for (const w of literals(text)) {
          if (seen.has(w.literal)) continue;
          seen.add(w.literal);
          warnings.push({
            file: d.file,
            ...d.at(`${at}${pointer}`),
            message: `« ${w.literal} » est la valeur du paramètre ${w.names.map((n) => `« ${n} »`).join(' ou ')} : écrire ${w.names.map((n) => `{${n}}`).join(' ou ')}, pour que le texte suive le paramètre d’une année à l’autre`,
          });
        }
      }
    }
    ruleDefs.push(def);
  }
  for (const g of guardDefs) {
    const l = guards.get(g.name)!.loc;
    if (!usedGuards.has(g.name) && l.layer === 0)
      warnings.push({ file: l.doc.file, ...l.doc.at(l.pointer), message: `condition commune « ${g.name} » citée par aucune règle` });
  }

  if (errors.length) return { ok: false, errors };
  const params = paramValues as unknown as ContractParameters;
  const resolved = {
    schoolYear: head.schoolYear,
    appliesTo: head.appliesTo,
    status: head.status,
    title: head.title,
    source: head.source,
    parameters: parameterList,
    articles: articleList,
    guards: guardDefs,
    rules: ruleDefs,
  };
  // A rule set written in full is kept as written; one that extends, as resolved (see RuleSet.files).
  const keptFiles = layers.length === 1 ? [...files] : resolvedFiles(resolved);
  return {
    ok: true,
    warnings,
    ruleSet: {
      name,
      schoolYear: head.schoolYear,
      appliesTo: head.appliesTo ?? [head.schoolYear],
      status: head.status,
      title: head.title,
      source: head.source,
      version: ruleSetVersion(keptFiles),
      bases: layers.slice(1).map((l) => ({ name: l.name, path: l.path })),
      parameters: parameterList,
      params,
      articles: articleList,
      rules: layers.length === 1 ? ruleDefs : inFileOrder(ruleDefs),
      guards: guardDefs,
      files: keptFiles,
    },
  };
}

/**
 * The rules of a resolved set in the order its resolved files give them (one file per article,
 * files by name), so that the set read back from the texts a decision keeps is the same set.
 */
function inFileOrder(rules: RuleDef[]): RuleDef[] {
  const order = [...new Set(rules.map((r) => ruleFileOf(r.article)))].sort();
  return order.flatMap((file) => rules.filter((r) => ruleFileOf(r.article) === file));
}

/** Parses and checks against the schemas the files of one rule set of the chain; undefined when its ruleset.yaml is missing or unreadable. */
function readLayer(set: BaseRuleSet, errors: LintError[]): Layer | undefined {
  const parsed: Located[] = [];
  const shown = (path: string) => (set.path ? posix.join(set.path, path) : path);
  const before = errors.length;
  for (const f of set.files) {
    const r = parseDocument(f.text, 'yaml');
    if (!r.ok) {
      for (const e of r.errors) errors.push({ file: shown(f.path), line: e.line ?? 1, column: e.column ?? 1, message: e.message });
      continue;
    }
    parsed.push({ file: shown(f.path), value: r.value, at: (p) => locateNearest(r, p) ?? { line: 1, column: 1 } });
  }
  const main = parsed.find((d) => d.file === shown(RULESET_FILE));
  if (!main) {
    if (!set.files.some((f) => f.path === RULESET_FILE)) {
      errors.push({ file: shown(RULESET_FILE), line: 1, column: 1, message: `fichier ${RULESET_FILE} manquant dans le jeu de règles « ${set.name} »` });
    }
    return undefined;
  }
  const ruleFiles = parsed.filter((d) => d !== main);
  const report = (d: Located, pointer: string, message: string) => errors.push({ file: d.file, ...d.at(pointer), message });
  for (const e of schemaErrors(validateRuleSetFile, main.value)) report(main, e.pointer, e.message);
  for (const d of ruleFiles) for (const e of schemaErrors(validateRuleFile, d.value)) report(d, e.pointer, e.message);
  for (const d of ruleFiles) {
    const f = d.value as RawRuleFile | null;
    if (f && typeof f === 'object' && !f.rules && !f.replace && !f.remove)
      report(d, '', 'fichier de règles vide : « rules: », « replace: » ou « remove: » attendu');
  }
  // The rest reads the files as the schemas describe them: stop here if they are not.
  if (errors.length > before) return undefined;
  return { name: set.name, path: set.path, main, ruleFiles };
}

/** A title or a clause with the parameters it names written in; undefined (and an error) when it names something else. */
function textWithParameters(
  template: string,
  pointer: string,
  err: (pointer: string, message: string) => void,
  paramNames: ReadonlySet<string>,
  values: Readonly<Record<string, unknown>>,
): string | undefined {
  let ok = true;
  for (const ph of placeholders(template)) {
    if (!paramNames.has(ph.name)) {
      ok = false;
      err(pointer, `« {${ph.name}} » n’est pas un paramètre de l’année : un titre ou une citation ne cite que des paramètres`);
    } else if (ph.filter && !FILTERS[ph.filter]) {
      ok = false;
      err(pointer, `filtre inconnu « |${ph.filter} » (filtres : ${Object.keys(FILTERS).join(', ')})`);
    }
  }
  return ok ? renderMessage(template, values) : undefined;
}

function lintTree(
  conditions: Conditions,
  pointer: string,
  err: (pointer: string, message: string) => void,
  paramNames: ReadonlySet<string>,
  checkFact: ((fact: string, pointer: string) => void) | undefined,
) {
  const factKnown = (fact: string, p: string) => {
    if (!FACTS[fact]) err(p, `fait inconnu « ${fact} »`);
    else checkFact?.(fact, p);
  };
  for (const [leaf, p] of leaves(conditions, pointer)) {
    factKnown(leaf.fact, `${p}/fact`);
    if (!OPERATOR_NAMES.has(leaf.operator)) err(`${p}/operator`, `opérateur inconnu « ${leaf.operator} » (opérateurs : ${[...OPERATOR_NAMES].join(', ')})`);
    const ref = refOf(leaf.value);
    if (ref && 'fact' in ref) factKnown(ref.fact, `${p}/value/fact`);
    if (ref && 'param' in ref && !paramNames.has(ref.param)) err(`${p}/value/param`, `paramètre inconnu « ${ref.param} »`);
  }
}

function lintRule(rule: RuleDef, err: (pointer: string, message: string) => void, paramNames: ReadonlySet<string>, guards: ReadonlyMap<string, Conditions>) {
  const missingKinds = (fact: string) => rule.kinds.filter((k: Kind) => !FACTS[fact].kinds.includes(k));
  const checkKinds = (fact: string, pointer: string) => {
    const missing = missingKinds(fact);
    if (missing.length) err(pointer, `le fait « ${fact} » n’existe pas pour : ${missing.join(', ')}`);
  };
  const parts: Array<['appliesWhen' | 'reviewWhen' | 'conditions', Conditions | undefined]> = [
    ['appliesWhen', rule.appliesWhen],
    ['reviewWhen', rule.reviewWhen],
    ['conditions', rule.conditions],
  ];
  for (const [part, conditions] of parts) {
    if (!conditions) continue;
    lintTree(conditions, `/${part}`, err, paramNames, checkKinds);
    for (const [ref, pointer] of guardRefs(conditions, `/${part}`)) {
      const tree = guards.get(ref.guard);
      if (!tree) {
        err(`${pointer}/guard`, `condition commune inconnue « ${ref.guard} » (conditions communes : ${[...guards.keys()].join(', ') || 'aucune'})`);
        continue;
      }
      for (const [leaf] of leaves(tree, '')) {
        for (const fact of [leaf.fact, (refOf(leaf.value) as { fact?: string } | undefined)?.fact]) {
          if (!fact || !FACTS[fact]) continue;
          const missing = missingKinds(fact);
          if (missing.length)
            err(`${pointer}/guard`, `la condition commune « ${ref.guard} » cite le fait « ${fact} », qui n’existe pas pour : ${missing.join(', ')}`);
        }
      }
    }
  }
  if (rule.reviewWhen && !rule.message.review) err('/message', 'message « review » manquant : la règle a des conditions reviewWhen');
  if (!rule.reviewWhen && rule.message.review) err('/message/review', 'message « review » sans conditions reviewWhen');
  for (const [which, template] of Object.entries(rule.message)) {
    for (const ph of placeholders(template ?? '')) {
      if (!FACTS[ph.name] && !paramNames.has(ph.name)) err(`/message/${which}`, `le message cite « {${ph.name}} », qui n’est ni un fait ni un paramètre`);
      else if (FACTS[ph.name]) checkKinds(ph.name, `/message/${which}`);
      if (ph.filter && !FILTERS[ph.filter]) err(`/message/${which}`, `filtre inconnu « |${ph.filter} » (filtres : ${Object.keys(FILTERS).join(', ')})`);
      else if (ph.filter) {
        const words = FILTER_WORDS[ph.filter];
        if (!words && ph.args.length > 0) err(`/message/${which}`, `le filtre « |${ph.filter} » ne prend pas de mots après « : »`);
        if (words && (ph.args.length < words.min || ph.args.length > words.max)) err(`/message/${which}`, `le filtre « |${ph.filter} » attend ${words.what}`);
      }
    }
  }
}
