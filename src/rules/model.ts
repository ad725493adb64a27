import type { Kind } from '../domain/submission';
import type { RuleSetFile, Severity } from '../domain/finding';

export type { RuleSetFile };
import type { ContractParameters } from '../contract/parameters';

/** A rule set as the legal staff write it, once loaded and linted. */

export interface Condition {
  fact: string;
  operator: string;
  /** A literal, `{ fact: name }` (json-rules-engine compares with another fact) or `{ param: name }`. */
  value: unknown;
}

/** A guard written once in `ruleset.yaml` (`guards:`) and named where a rule uses it. */
export interface GuardRef {
  guard: string;
}

export type Conditions = { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode } | GuardRef;
/** After lint: a yes-or-no fact written alone is a Condition like any other (`equal true` / `equal false`). */
export type ConditionNode = Condition | Conditions;

export interface GuardDef {
  name: string;
  conditions: Conditions;
  source: SourceRef;
}

export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

export interface RuleDef {
  id: string;
  article: string;
  /** With the year's parameters written in (« Titre de perception à 50,00 € TTC par école »). */
  title: string;
  /** With the year's parameters written in, as the article's text reads. */
  clause: string;
  /** The title and the clause as written, `{feePerSchool}` and all: what stays the same from year to year. */
  written: { title: string; clause: string };
  kinds: Kind[];
  severity: Severity;
  appliesWhen?: Conditions;
  reviewWhen?: Conditions;
  conditions: Conditions;
  message: { pass: string; fail: string; review?: string; not_applicable?: string };
  source: SourceRef;
}

export interface ParameterDef {
  name: string;
  value: unknown;
  unit?: string;
  description: string;
  article: string;
  lastConfirmedOn?: string;
}

export interface ArticleDef {
  id: string;
  title: string;
  text: string;
  /** Why no program can check it; absent for a checked article. */
  notCheckable?: string;
}

export interface RuleSet {
  /** The folder's name under `rules/`. */
  name: string;
  schoolYear: string;
  appliesTo: string[];
  status: 'in_force' | 'draft';
  title: string;
  source?: string;
  /** Content hash of the rule set's resolved files (tests excluded): see `files`. */
  version: string;
  /**
   * The rule sets this one extends, nearest first, each with its folder relative to this one's
   * (`../2020-2021`); empty for a rule set written in full.
   */
  bases: Array<{ name: string; path: string }>;
  parameters: ParameterDef[];
  params: ContractParameters;
  articles: ArticleDef[];
  rules: RuleDef[];
  /** Conditions written once and named, that rules use by name. */
  guards: GuardDef[];
  /**
   * The text of every file, so that a decision can always be explained by the rules that made it:
   * a rule set written in full keeps its files as written; one that extends another keeps the
   * resolved set (`ruleset.yaml` and one file per article, written at load), which lints alone.
   */
  files: RuleSetFile[];
}

export interface LintError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatLintError(e: LintError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

/** A lint error or, in `warnings`, something that lints but that a reviewer should see (a parameter's value written out). */
export type RuleSetLoad = { ok: true; ruleSet: RuleSet; warnings: LintError[] } | { ok: false; errors: LintError[] };
