import type { Finding } from '../domain/finding';
import { KIND_LABELS, OUTCOME_LABELS, SEVERITY_LABELS, STATUS_LABELS } from './labels';
import { escapeHtml } from './escape';
import type { ReportInput } from './report';

/**
 * The report as kept with each submission for now: a heading and the table of its findings.
 * A standalone HTML page, so that `/reports/:id` serves it as it is. Every value is escaped: the
 * findings quote the submission, and the submission is whatever was sent.
 */

function factsCell(facts: Finding['facts']): string {
  const entries = Object.entries(facts);
  if (entries.length === 0) return '';
  const items = entries.map(([k, v]) => `<li><code>${escapeHtml(k)}</code> : ${escapeHtml(v === undefined ? 'non renseigné' : v)}</li>`);
  return `<ul>${items.join('')}</ul>`;
}

function row(f: Finding): string {
  const article = /^\d/.test(f.article) ? `art. ${f.article}` : f.article;
  return `<tr class="${escapeHtml(f.outcome)}"><td>${escapeHtml(article)}</td><td><code>${escapeHtml(f.rule)}</code></td><td>${escapeHtml(OUTCOME_LABELS[f.outcome])}</td><td>${escapeHtml(SEVERITY_LABELS[f.severity])}</td><td>${escapeHtml(f.message)}</td><td>${factsCell(f.facts)}</td></tr>`;
}

export function renderFindingsTable(input: ReportInput): string {
  const title = `Rapport de contrôle — ${KIND_LABELS[input.kind]} ${input.schoolYear} — ${input.partyName}`;
  const ruleSet = input.ruleSet
    ? `Règles ${input.ruleSet.schoolYear} (${input.ruleSet.status === 'in_force' ? 'en vigueur' : 'en projet'}), version ${input.ruleSet.version}`
    : 'Aucun jeu de règles pour cette année scolaire';
  const body = input.findings.length
    ? `<table>
<thead><tr><th>Article</th><th>Règle</th><th>Résultat</th><th>Gravité</th><th>Constat</th><th>Valeurs</th></tr></thead>
<tbody>
${input.findings.map(row).join('\n')}
</tbody>
</table>`
    : '<p>Aucune règle ne porte sur ce type de pièce.</p>';
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<dl>
<dt>Pièce</dt><dd><code>${escapeHtml(input.id)}</code></dd>
<dt>SIRET</dt><dd>${escapeHtml(input.siret)}</dd>
<dt>Reçue le</dt><dd>${escapeHtml(input.receivedAt)}</dd>
<dt>Décision</dt><dd>${escapeHtml(STATUS_LABELS[input.status])}</dd>
<dt>Règles appliquées</dt><dd>${escapeHtml(ruleSet)}</dd>
</dl>
${body}
</body>
</html>
`;
}
