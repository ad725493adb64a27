import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config';
import { VERDICT_LABELS, type BatchSummary, type Verdict } from './run';

/** The campaign summary as a self-contained, printable HTML page (template: reports/batch/summary.hbs). */

const KIND_LABELS: Record<string, string> = {
  convention: 'Convention', amendment: 'Avenant', termination: 'Résiliation', formal_notice: 'Mise en demeure',
  conciliation: 'Conciliation', invoice: 'Titre de perception',
};

let template: Handlebars.TemplateDelegate | undefined;

function articleLabel(article: string): string {
  if (article === 'preambule') return 'Préambule';
  if (article.startsWith('annexe-')) return `Annexe ${article.slice(7)}`;
  if (article === 'jeu-de-regles') return 'Jeu de règles (aucun en vigueur pour l’année)';
  return `Article ${article}`;
}

function parisTime(iso: string): string {
  return new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' });
}

export function renderBatchSummary(summary: BatchSummary, source: string): string {
  template ??= Handlebars.create().compile(readFileSync(join(PROJECT_ROOT, 'reports/batch/summary.hbs'), 'utf8'), { strict: true });
  return template({
    ...summary,
    source,
    startedAt: parisTime(summary.startedAt),
    finishedAt: parisTime(summary.finishedAt),
    duration: `${(summary.durationMs / 1000).toFixed(1).replace('.', ',')} s`,
    schemaRejected: summary.byStage.schema,
    verdicts: (Object.keys(VERDICT_LABELS) as Verdict[]).map((key) => ({ key, label: VERDICT_LABELS[key], count: summary.byVerdict[key] })),
    kinds: Object.entries(summary.byKind).map(([kind, v]) => ({ label: KIND_LABELS[kind] ?? kind, ...v })),
    articles: Object.entries(summary.byFailedArticle).sort((a, b) => b[1] - a[1]).map(([a, count]) => ({ label: articleLabel(a), count })),
    rejected: summary.rejected.map((r) => ({ ...r, kind: r.kind ? KIND_LABELS[r.kind] : '—', siret: r.siret ?? '—' })),
  });
}
