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
