import type { CheckResult, SchemaError } from '../domain/finding';
import type { Kind, Submission } from '../domain/submission';
import type { ArticleDef, ParameterDef, RuleDef } from '../rules/model';

/**
 * What a report is made from. Everything it shows is in here, already decided: the renderer reads
 * no clock, no disk and no registry, so that one input always gives the same page and a stored
 * report can be explained by its input.
 */

/**
 * The part of a rule set a report quotes: its identity, its articles (titles, text, and why no
 * program checks some of them), its rules (title and quoted clause of each finding's rule) and its
 * parameters (the description that labels a parameter's value). A `CompiledRuleSet` is one.
 */
export interface ReportRuleSet {
  schoolYear: string;
  status: 'in_force' | 'draft';
  version: string;
  title: string;
  source?: string;
  articles: readonly ArticleDef[];
  rules: ReadonlyArray<Pick<RuleDef, 'id' | 'article' | 'title' | 'clause'>>;
  parameters: ReadonlyArray<Pick<ParameterDef, 'name' | 'description' | 'unit' | 'article'>>;
}

/** The dossier the submission belongs to: the party's SIRET and the name it goes by. */
export interface ReportDossier {
  siret: string;
  name: string;
}

/** A submission that passed the schema and was judged by the rules. */
export interface ReportInput {
  submission: Submission;
  /** The verdict and findings of the rules (`checkSubmission`). */
  result: CheckResult & { stage: 'rules' };
  /** The rule set that judged it, or null when its school year has none (the verdict then says so). */
  ruleSet: ReportRuleSet | null;
  dossier: ReportDossier;
  /** When the académie received the document: an ISO instant (`…Z`). */
  receivedAt: string;
  /** When the rules were run: an ISO instant. Shown at Paris time. */
  checkedAt: string;
  /** SHA-256 of the document's text as received (UTF-8 bytes), hex. */
  sha256: string;
  /** The id under which the store keeps it; absent for a check that stores nothing. */
  submissionId?: string;
}

/** A document refused before any rule ran: not JSON/YAML, or not of the interchange format. */
export interface SchemaReportInput {
  /** `syntax`: unreadable text; `schema`: readable but not a submission. */
  stage: 'syntax' | 'schema';
  errors: readonly SchemaError[];
  /** The file's name as sent, when it came as a file. */
  fileName?: string;
  /** What the document says it is, when it says so validly; null otherwise. */
  kind: Kind | null;
  /** The party's SIRET and name when the document gives them; null otherwise. */
  dossier: ReportDossier | null;
  receivedAt: string;
  checkedAt: string;
  sha256: string;
}
