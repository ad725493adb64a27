import type { Finding } from '../domain/finding';
import type { Submission } from '../domain/submission';
import { posix } from 'node:path';
import { locateNearest, parseDocument } from '../documents/parse';
import { validateSubmission } from '../validation/validator';
import { evaluate, isAccepted } from './evaluate';
import type { CompiledRuleSet } from './compile';
import type { LintError, RuleSetFile } from './model';
import { schemaErrors, validateRuleTestsFile } from './rule-schemas';
import { compileRuleSet } from './compile';
import { REQUIRED_PARAMETERS } from '../contract/parameters';
import type { ContractParameters } from '../contract/parameters';

/** The rule set with some parameters replaced, checked as the rule set's own are. */
function withParameters(ruleSet: CompiledRuleSet, changes: Record<string, unknown>): CompiledRuleSet | string {
  for (const [name, value] of Object.entries(changes)) {
    if (!ruleSet.parameters.some((p) => p.name === name)) return `paramètre inconnu « ${name} »`;
    const req = REQUIRED_PARAMETERS[name as keyof ContractParameters];
    if (req && !req.check(value)) return `le paramètre « ${name} » doit être ${req.expected}`;
  }
  const params = { ...ruleSet.params, ...changes };
  const parameters = ruleSet.parameters.map((p) => (p.name in changes ? { ...p, value: changes[p.name] } : p));
  return compileRuleSet({ ...ruleSet, params, parameters });
}

/**
 * The YAML test cases that legal staff write beside a rule set (`tests/*.yaml`): a dossier, a
 * submission, the expected verdict and the articles or rules expected to fail or to need review.
 * Pure: the files are given as texts.
 *
 * A document is written out in full, or named (`documents:` in any test file of the folder) and
 * reused, or derived: `{ from: name, with: { … } }` merges the changes into the named document
 * (objects key by key, lists replaced whole, `null` removes a key).
 *
 * A draft rule set is tested as if it were in force: the tests say what it will decide. A rule set
 * that extends another may take its base's cases (`inherit:` in one of its test files), run
 * against its own rules.
 */

export interface CaseResult {
  file: string;
  line: number;
  name: string;
  ok: boolean;
  problems: string[];
  findings: Finding[];
  /** Whether the case replaced some of the year's parameters: its messages do not speak of the year as it is. */
  parametersChanged: boolean;
}

export interface RuleTestRun {
  errors: LintError[];
  cases: CaseResult[];
}

type Doc = Record<string, unknown>;

interface RawCase {
  name: string;
  parameters?: Record<string, unknown>;
  dossier?: unknown[];
  submission: unknown;
  expect: { status: 'accepted' | 'rejected'; failed?: string[]; review?: string[]; passed?: string[] };
}

function isPlainObject(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mergeDocument(base: unknown, changes: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(changes)) return changes;
  const out: Doc = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete out[k];
    else Object.defineProperty(out, k, { value: mergeDocument(base[k], v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A rule or an article named in an expectation matches a finding of that rule or article. */
function matches(name: string, f: Finding): boolean {
  return f.rule === name || f.article === name;
}

function compare(label: string, expected: readonly string[] | undefined, actual: Finding[], problems: string[]) {
  if (expected === undefined) return;
  for (const name of expected) {
    if (!actual.some((f) => matches(name, f))) problems.push(`${label} : attendu « ${name} », absent`);
  }
  for (const f of actual) {
    if (!expected.some((name) => matches(name, f))) problems.push(`${label} : « ${f.rule} » (article ${f.article}) non attendu — ${f.message}`);
  }
}

/** The test files of a rule set's base (`ruleset.bases`), its folder relative to the rule set's. */
export interface TestFolder {
  path: string;
  files: RuleSetFile[];
}

interface PendingCase {
  file: string;
  line: number;
  raw: RawCase;
  at: (p: string) => { line: number; column: number };
}

interface FolderTests {
  documents: Map<string, { value: unknown; file: string; line: number }>;
  cases: PendingCase[];
  /** Where the folder says it takes its base's cases, and which it leaves. */
  inherit?: { drop: string[]; file: string; at: (p: string) => { line: number; column: number } };
}

function readFolder(files: readonly RuleSetFile[], path: string, errors: LintError[]): FolderTests {
  const out: FolderTests = { documents: new Map(), cases: [] };
  for (const f of files) {
    const file = path ? posix.join(path, f.path) : f.path;
    const parsed = parseDocument(f.text, 'yaml');
    if (!parsed.ok) {
      for (const e of parsed.errors) errors.push({ file, line: e.line ?? 1, column: e.column ?? 1, message: e.message });
      continue;
    }
    const at = (p: string) => locateNearest(parsed, p) ?? { line: 1, column: 1 };
    const problems = schemaErrors(validateRuleTestsFile, parsed.value);
    if (problems.length) {
      for (const e of problems) errors.push({ file, ...at(e.pointer), message: e.message });
      continue;
    }
    const content = (parsed.value ?? {}) as { inherit?: true | { drop: string[] }; documents?: Record<string, unknown>; cases?: RawCase[] };
    if (content.inherit !== undefined) {
      if (out.inherit) errors.push({ file, ...at('/inherit'), message: `« inherit » déjà écrit dans ${out.inherit.file} : une seule fois par dossier tests/` });
      else out.inherit = { drop: content.inherit === true ? [] : content.inherit.drop, file, at };
    }
    for (const [name, value] of Object.entries(content.documents ?? {})) {
      const previous = out.documents.get(name);
      if (previous) errors.push({ file, ...at(`/documents/${name}`), message: `pièce « ${name} » déjà définie dans ${previous.file}:${previous.line}` });
      else out.documents.set(name, { value, file, line: at(`/documents/${name}`).line });
    }
    (content.cases ?? []).forEach((raw, i) => out.cases.push({ file, line: at(`/cases/${i}`).line, raw, at: (p) => at(`/cases/${i}${p}`) }));
  }
  return out;
}

/**
 * Runs the rule set's own test files, and, when one of them says `inherit`, its base's named
 * documents and cases too (and theirs, when the base's tests inherit in turn), all against this
 * rule set: a case or a document of the same name replaces the base's, `inherit: { drop: [...] }`
 * leaves the base's cases of those names out.
 */
export async function runRuleTests(files: readonly RuleSetFile[], ruleSet: CompiledRuleSet, bases: readonly TestFolder[] = []): Promise<RuleTestRun> {
  const errors: LintError[] = [];
  const chain: FolderTests[] = [readFolder(files, '', errors)];
  while (chain.at(-1)!.inherit) {
    const from = chain.at(-1)!.inherit!;
    const base = bases[chain.length - 1];
    if (!base) {
      errors.push({ file: from.file, ...from.at('/inherit'), message: '« inherit » sans jeu de règles de base : ruleset.yaml ne dit pas « extends »' });
      break;
    }
    chain.push(readFolder(base.files, base.path, errors));
  }
  const documents = new Map<string, { value: unknown; file: string; line: number }>();
  let pending: PendingCase[] = [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const folder = chain[i];
    for (const [name, d] of folder.documents) documents.set(name, d);
    if (folder.inherit && i + 1 < chain.length) {
      folder.inherit.drop.forEach((name, k) => {
        if (!pending.some((c) => c.raw.name === name)) {
          errors.push({
            file: folder.inherit!.file,
            ...folder.inherit!.at(`/inherit/drop/${k}`),
            message: `aucun cas « ${name} » dans les tests du jeu de base : rien à laisser`,
          });
        }
      });
      pending = pending.filter((c) => !folder.inherit!.drop.includes(c.raw.name));
    }
    for (const c of folder.cases) {
      const same = pending.findIndex((x) => x.raw.name === c.raw.name && !folder.cases.includes(x));
      if (same >= 0) pending[same] = c;
      else pending.push(c);
    }
  }

  const resolving = new Set<string>();
  const resolve = (ref: unknown): unknown => {
    if (typeof ref === 'string') {
      const doc = documents.get(ref);
      if (!doc) throw new Error(`pièce inconnue « ${ref} » (pièces nommées : ${[...documents.keys()].join(', ') || 'aucune'})`);
      if (resolving.has(ref)) throw new Error(`la pièce « ${ref} » dérive d’elle-même`);
      resolving.add(ref);
      try {
        return resolve(doc.value);
      } finally {
        resolving.delete(ref);
      }
    }
    if (isPlainObject(ref) && typeof ref.from === 'string') return mergeDocument(resolve(ref.from), ref.with ?? {});
    return ref;
  };
  const asSubmission = (ref: unknown, where: string): Submission => {
    const v = validateSubmission(resolve(ref));
    if (!v.ok) throw new Error(`${where} n’est pas une pièce valide : ${v.errors.map((e) => `${e.path || '/'} ${e.message}`).join(' ; ')}`);
    return v.submission;
  };

  const cases: CaseResult[] = [];
  for (const { file, line, raw, at } of pending) {
    let history: Submission[];
    let submission: Submission;
    try {
      history = (raw.dossier ?? []).map((d, i) => asSubmission(d, `dossier[${i}]`));
      submission = asSubmission(raw.submission, 'submission');
    } catch (e) {
      errors.push({ file, ...at(''), message: `cas « ${raw.name} » : ${(e as Error).message}` });
      continue;
    }
    let judge = ruleSet;
    if (raw.parameters) {
      const what = withParameters(ruleSet, raw.parameters);
      if (typeof what === 'string') {
        errors.push({ file, ...at('/parameters'), message: `cas « ${raw.name} » : ${what}` });
        continue;
      }
      judge = what;
    }
    const findings = await evaluate(submission, history, judge);
    const problems: string[] = [];
    const status = isAccepted(findings) ? 'accepted' : 'rejected';
    if (status !== raw.expect.status) problems.push(`verdict : attendu ${raw.expect.status}, obtenu ${status}`);
    compare(
      'en échec',
      raw.expect.failed,
      findings.filter((f) => f.outcome === 'fail'),
      problems,
    );
    compare(
      'à examiner',
      raw.expect.review ?? (raw.expect.failed ? [] : undefined),
      findings.filter((f) => f.outcome === 'review'),
      problems,
    );
    for (const name of raw.expect.passed ?? []) {
      const named = findings.filter((f) => matches(name, f));
      if (!named.length) problems.push(`conforme : « ${name} » n’a pas été évalué`);
      for (const f of named) if (f.outcome !== 'pass') problems.push(`conforme : « ${f.rule} » attendu conforme, obtenu ${f.outcome} — ${f.message}`);
    }
    cases.push({ file, line, name: raw.name, ok: problems.length === 0, problems, findings, parametersChanged: raw.parameters !== undefined });
  }
  return { errors, cases };
}

export interface RuleCoverage {
  rule: string;
  article: string;
  passedIn: string[];
  notPassedIn: string[];
}

/**
 * Which cases exercise each rule: a rule is covered when some case makes it pass and some other
 * makes it fail or ask for review.
 */
export function coverage(ruleSet: CompiledRuleSet, run: RuleTestRun): RuleCoverage[] {
  return ruleSet.rules.map((r) => {
    const outcomes = run.cases.map((c) => ({ c, f: c.findings.find((f) => f.rule === r.id) }));
    return {
      rule: r.id,
      article: r.article,
      passedIn: outcomes.filter((o) => o.f?.outcome === 'pass').map((o) => `${o.c.file}:${o.c.line} ${o.c.name}`),
      notPassedIn: outcomes.filter((o) => o.f?.outcome === 'fail' || o.f?.outcome === 'review').map((o) => `${o.c.file}:${o.c.line} ${o.c.name}`),
    };
  });
}
