import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config';
import { articleLabel, formatDuration, formatInstant } from '../wording/format';
import { kindLabel } from '../wording/labels';
import { VERDICT_WORDS } from '../wording/labels';
import type { BatchSummary, Verdict } from './run';

/** The campaign summary as a self-contained, printable HTML page (template: reports/batch/summary.hbs). */


let template: Handlebars.TemplateDelegate | undefined;


export function renderBatchSummary(summary: BatchSummary, source: string): string {
  template ??= Handlebars.create().compile(readFileSync(join(PROJECT_ROOT, 'reports/batch/summary.hbs'), 'utf8'), { strict: true });
  return template({
    ...summary,
    source,
    startedAt: formatInstant(summary.startedAt),
    finishedAt: formatInstant(summary.finishedAt),
    duration: formatDuration(summary.durationMs),
    schemaRejected: summary.byStage.schema,
    verdicts: (Object.keys(VERDICT_WORDS) as Verdict[]).map((key) => ({ key, label: VERDICT_WORDS[key], count: summary.byVerdict[key] })),
    kinds: Object.entries(summary.byKind).map(([kind, v]) => ({ label: kindLabel(kind), ...v })),
    articles: Object.entries(summary.byFailedArticle).sort((a, b) => b[1] - a[1]).map(([a, count]) => ({ label: articleLabel(a), count })),
    rejected: summary.rejected.map((r) => ({ ...r, kind: r.kind ? kindLabel(r.kind) : '—', siret: r.siret ?? '—' })),
  });
}
