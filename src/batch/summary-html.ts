import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config';
import { articleLabel, countOf, formatDuration, formatInstant } from '../wording/format';
import { kindLabel } from '../wording/labels';
import { VERDICT_WORDS } from '../wording/labels';
import { VERDICT_CODES } from '../domain/verdict';
import { documentDateWords } from '../wording/verdict';
import type { BatchSummary } from './run';

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The campaign summary as a self-contained, printable HTML page (template: reports/batch/summary.hbs). */

let template: Handlebars.TemplateDelegate | undefined;

export function renderBatchSummary(summary: BatchSummary, source: string): string {
  template ??= Handlebars.create().compile(readFileSync(join(PROJECT_ROOT, 'reports/batch/summary.hbs'), 'utf8'), { strict: true });
  return template({
    ...summary,
    source,
    totalWords: countOf(summary.total, 'pièce', 'pièces'),
    notListedWords: countOf(summary.rejectedNotListed, 'autre pièce non conforme', 'autres pièces non conformes'),
    reservedNotListedWords: countOf(summary.reservedNotListed, 'autre pièce à examiner ou avec réserves', 'autres pièces à examiner ou avec réserves'),
    startedAt: formatInstant(summary.startedAt),
    finishedAt: formatInstant(summary.finishedAt),
    duration: formatDuration(summary.durationMs),
    schemaRejected: summary.byStage.schema,
    verdicts: VERDICT_CODES.map((key) => ({ key, label: VERDICT_WORDS[key], count: summary.byVerdict[key] })),
    verdictHeadings: VERDICT_CODES.map((key) => VERDICT_WORDS[key]),
    kinds: Object.entries(summary.byKind).map(([kind, v]) => ({ label: kindLabel(kind), counts: VERDICT_CODES.map((key) => v[key] ?? 0) })),
    articles: Object.entries(summary.byFailedArticle)
      .sort((a, b) => b[1] - a[1])
      .map(([a, count]) => ({ label: articleLabel(a), count })),
    // A report is written beside the summary: its name is the link.
    rejected: summary.rejected.map((r) => ({
      ...r,
      report: r.report ?? null,
      kind: r.kind ? kindLabel(r.kind) : '—',
      siret: r.siret ?? '—',
      documentDate: r.kind && r.documentDate ? capitalised(documentDateWords(r.kind, r.documentDate)) : '—',
    })),
    reserved: summary.reserved.map((r) => ({
      ...r,
      report: r.report ?? null,
      kind: kindLabel(r.kind),
      documentDate: capitalised(documentDateWords(r.kind, r.documentDate)),
      verdictWord: VERDICT_WORDS[r.verdict],
    })),
  });
}
