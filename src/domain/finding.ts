/** What the evaluator says of one rule for one submission. */
export type Outcome = 'pass' | 'fail' | 'not_applicable' | 'review';
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Rule id, e.g. `annexe-1.uai-cle`. */
  rule: string;
  /** Article id as in the rule set: `preambule`, `3`, `6.2`, `annexe-1`, … */
  article: string;
  outcome: Outcome;
  severity: Severity;
  /** French, with the values involved. */
  message: string;
  /** The values compared, by fact or parameter name, so that a report can say why. */
  facts: Record<string, unknown>;
}

/** An error found before the rules: the document is not of the interchange format. */
export interface SchemaError {
  /** JSON Pointer into the document, `""` for the document itself. */
  path: string;
  /** French. */
  message: string;
  /** The JSON Schema keyword that failed, or `syntax` for unparsable text. */
  keyword: string;
  /** 1-based position in the source text, where known. */
  line?: number;
  column?: number;
}

/**
 * The pseudo-article of findings about the rule set itself rather than a clause (no rule set in
 * force for the year, rules in draft).
 */
export const RULESET_ARTICLE = 'jeu-de-regles';

/** One file of a rule set's folder, as read and as kept with every decision it made. */
export interface RuleSetFile {
  /** Relative to the rule set's folder, with `/`. */
  path: string;
  text: string;
}

export interface RuleSetRef {
  schoolYear: string;
  status: 'in_force' | 'draft';
  version: string;
}

/** The verdict of a check, as printed by the CLI and returned by the API. */
export type CheckResult =
  | { status: 'rejected'; stage: 'schema'; errors: SchemaError[]; findings: []; ruleSet: RuleSetRef | null }
  | { status: 'accepted' | 'rejected'; stage: 'rules'; errors: []; findings: Finding[]; ruleSet: RuleSetRef | null };
