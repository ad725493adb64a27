import type { CheckResult } from '../domain/finding';
import type { Kind, Submission } from '../domain/submission';
import type { RuleRegistry } from '../rules/registry';
import type { ReportInput, SchemaReportInput } from './input';
import { renderTemplate } from './templates';
import { buildReportView, buildSchemaReportView } from './view';

/**
 * The compliance report as one self-contained HTML document: inline styles only, no script, no
 * external resource, printable on A4. Rendered once when a submission is kept and stored with it,
 * so that the report a commune was sent is the one served later, byte for byte.
 *
 * Pure: the same input gives the same text (no clock, no disk once the templates are loaded).
 */

export type { ReportInput, ReportRuleSet, ReportDossier, SchemaReportInput } from './input';

/** The report of a submission judged by the rules (templates `reports/report.hbs` and `partials/report-body.hbs`). */
export function renderReport(input: ReportInput): string {
  return renderTemplate('report', buildReportView(input));
}

/** The report of a document refused by the schema, its errors listed by field (`reports/schema-report.hbs`). */
export function renderSchemaReport(input: SchemaReportInput): string {
  return renderTemplate('schema-report', buildSchemaReportView(input));
}

/** What a check without deposit knows of a file when its report is asked for (`check` and `batch` in HTML). */
export interface UnfiledReportInput {
  fileName: string;
  /** Of the file's bytes. */
  sha256: string;
  /** The document, when it is of the interchange format. */
  submission: Submission | undefined;
  result: CheckResult;
  registry: RuleRegistry;
  /** When refused before the rules: whether the text could not be read at all, and the kind it names if any. */
  stage: 'syntax' | 'schema';
  kind: Kind | null;
  /** Both the time received and the time checked: the file is checked as it is read. */
  now: string;
}

/** The report of a file checked and not kept: the one the server would keep with it, less its id; or its format errors. */
export function renderUnfiledReport({ fileName, sha256, submission, result, registry, stage, kind, now }: UnfiledReportInput): string {
  if (result.stage === 'rules' && submission) {
    return renderReport({
      submission,
      result,
      ruleSet: registry.ruleSets.find((r) => r.version === result.ruleSet?.version) ?? null,
      dossier: { siret: submission.party.siret, name: submission.party.name },
      receivedAt: now,
      checkedAt: now,
      sha256,
    });
  }
  return renderSchemaReport({ stage, errors: result.errors, fileName, kind, dossier: null, receivedAt: now, checkedAt: now, sha256 });
}
