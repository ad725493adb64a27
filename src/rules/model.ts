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

export type Conditions = { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode };
export type ConditionNode = Condition | Conditions;

export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

export interface RuleDef {
  id: string;
  article: string;
  title: string;
  clause: string;
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
  /** Content hash of the rule set's files (tests excluded). */
  version: string;
  parameters: ParameterDef[];
  params: ContractParameters;
  articles: ArticleDef[];
  rules: RuleDef[];
  /** The text of every file, so that a decision can always be explained by the rules that made it. */
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

export type RuleSetLoad = { ok: true; ruleSet: RuleSet } | { ok: false; errors: LintError[] };
