import type { Finding, Outcome, Severity } from '../domain/finding';
import { RULESET_ARTICLE } from '../domain/finding';
import type { ReportInput, ReportRuleSet, SchemaReportInput } from './input';
import { anchorOf, articleLabel, compareArticleIds, countOf, TIME_ZONE } from '../wording/format';
import { documentDateWords } from '../wording/verdict';
import { documentDate } from '../contract/document-date';
import { fieldLabel } from '../wording/fields';
import { computedRows, type ComputedRow } from './computed';
import { valueRows, type ValueRow } from './labels-of-facts';
import { verdictOf, type Verdict } from './verdict';
import { KIND_NAMES, PARTY_TYPE_WORDS, RULESET_STATUS_WORDS, VERDICT_WORDS } from '../wording/labels';

/**
 * A report's input turned into what its template prints: findings grouped by article in the
 * order of the convention, and within an article by the clause they quote; values labelled and
 * formatted. Pure. The template only lays this out, so that every decision about content is here
 * and testable without HTML.
 */

export interface FindingView {
  rule: string;
  anchor: string;
  title: string;
  outcome: Outcome;
  severity: Severity;
  /** Whether it failed: only then is its severity shown, a passed rule's severity means nothing to the reader. */
  failed: boolean;
  message: string;
  values: ValueRow[];
}

export interface ClauseGroup {
  /** The quoted clause; null for a finding whose rule the rule set does not describe. */
  clause: string | null;
  findings: FindingView[];
}

export interface ArticleView {
  id: string;
  anchor: string;
  label: string;
  /** « Article 7 — Montant de la participation financière ». */
  heading: string;
  clauses: ClauseGroup[];
}

export interface UncheckedArticleView {
  anchor: string;
  heading: string;
  reason: string;
  paragraphs: string[];
}

export interface AttentionItem {
  anchor: string;
  article: string;
  title: string;
  outcome: Outcome;
  severity: Severity;
  failed: boolean;
}

export interface RuleSetView {
  schoolYear: string;
  statusWord: string;
  version: string;
  title: string;
  source: string | null;
}

export interface ReportView {
  /** The page's <title> and <h1>. */
  title: string;
  kindName: string;
  schoolYear: string;
  dossier: { siret: string; name: string; typeWord: string };
  /** « Transmis le 16/10/2020 »: the document's own date. */
  documentDate: string;
  receivedAt: string;
  checkedAt: string;
  sha256: string;
  submissionId: string | null;
  /** The dossier's page, for a report kept in the store (a check alone belongs to no dossier yet). */
  dossierUrl: string | null;
  verdict: Verdict;
  ruleSet: RuleSetView | null;
  tally: { pass: number; fail: number; blocking: number; review: number; notApplicable: number; total: number };
  attention: AttentionItem[];
  computed: ComputedRow[];
  articles: ArticleView[];
  unchecked: UncheckedArticleView[];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function heading(id: string, ruleSet: ReportRuleSet | null): string {
  const title = ruleSet?.articles.find((a) => a.id === id)?.title;
  const label = articleLabel(id);
  if (id === RULESET_ARTICLE) return 'Jeu de règles de l’année scolaire';
  // An annex's title already names it (« Annexe 1 – Liste des écoles… »).
  if (title && title.toLowerCase().startsWith(label.toLowerCase())) return title;
  return title ? `${label} — ${title}` : label;
}

export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

function findingView(f: Finding, ruleSet: ReportRuleSet | null): FindingView {
  const rule = ruleSet?.rules.find((r) => r.id === f.rule);
  return {
    rule: f.rule,
    anchor: anchorOf('regle', f.rule),
    title: rule?.title ?? (f.article === RULESET_ARTICLE ? 'Règles applicables à l’année scolaire' : f.rule),
    outcome: f.outcome,
    severity: f.severity,
    failed: f.outcome === 'fail',
    message: f.message,
    values: valueRows(f.facts, ruleSet),
  };
}

/** The articles that have findings, in the convention's order (the rule set's own findings first). */
function articleOrder(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.article))].sort(compareArticleIds);
}

function articleViews(findings: readonly Finding[], ruleSet: ReportRuleSet | null): ArticleView[] {
  return articleOrder(findings).map((id) => {
    const groups: ClauseGroup[] = [];
    for (const f of findings.filter((x) => x.article === id)) {
      const clause = ruleSet?.rules.find((r) => r.id === f.rule)?.clause.trim() ?? null;
      let group = groups.find((g) => g.clause === clause);
      if (!group) groups.push((group = { clause, findings: [] }));
      group.findings.push(findingView(f, ruleSet));
    }
    return { id, anchor: anchorOf('article', id), label: articleLabel(id), heading: heading(id, ruleSet), clauses: groups };
  });
}

function uncheckedViews(ruleSet: ReportRuleSet | null): UncheckedArticleView[] {
  return [...(ruleSet?.articles ?? [])]
    .filter((a) => a.notCheckable)
    .sort((a, b) => compareArticleIds(a.id, b.id))
    .map((a) => ({ anchor: anchorOf('non-verifie', a.id), heading: heading(a.id, ruleSet), reason: a.notCheckable ?? '', paragraphs: paragraphsOf(a.text) }));
}

export function ruleSetView(ruleSet: ReportRuleSet): RuleSetView {
  return {
    schoolYear: ruleSet.schoolYear,
    statusWord: RULESET_STATUS_WORDS[ruleSet.status],
    version: ruleSet.version,
    title: ruleSet.title,
    source: ruleSet.source ?? null,
  };
}

export function buildReportView(input: ReportInput): ReportView {
  const findings = input.result.findings;
  const kindName = KIND_NAMES[input.submission.kind];
  const articles = articleViews(findings, input.ruleSet);
  const attention: AttentionItem[] = [];
  for (const a of articles) {
    for (const g of a.clauses) {
      for (const f of g.findings) {
        if (f.outcome === 'fail' || f.outcome === 'review') {
          attention.push({ anchor: f.anchor, article: a.label, title: f.title, outcome: f.outcome, severity: f.severity, failed: f.failed });
        }
      }
    }
  }
  const n = (o: Outcome) => findings.filter((f) => f.outcome === o).length;
  return {
    title: `Rapport de contrôle — ${capitalise(kindName)} ${input.submission.schoolYear} — ${input.dossier.name}`,
    kindName,
    schoolYear: input.submission.schoolYear,
    dossier: { siret: input.dossier.siret, name: input.dossier.name, typeWord: PARTY_TYPE_WORDS[input.submission.party.type] },
    documentDate: capitalise(documentDateWords(input.submission.kind, documentDate(input.submission, TIME_ZONE))),
    receivedAt: input.receivedAt,
    checkedAt: input.checkedAt,
    sha256: input.sha256,
    submissionId: input.submissionId ?? null,
    // Relative to the site, as the report is served by it (GET /reports/:id); the route is the page /dossiers/:siret.
    dossierUrl: input.submissionId ? `/dossiers/${encodeURIComponent(input.dossier.siret)}` : null,
    verdict: verdictOf(input.result),
    ruleSet: input.ruleSet ? ruleSetView(input.ruleSet) : null,
    tally: {
      pass: n('pass'),
      fail: n('fail'),
      blocking: findings.filter((f) => f.outcome === 'fail' && f.severity === 'error').length,
      review: n('review'),
      notApplicable: n('not_applicable'),
      total: findings.length,
    },
    attention,
    computed: computedRows(findings),
    articles,
    unchecked: uncheckedViews(input.ruleSet),
  };
}

export interface FieldErrorsView {
  pointer: string;
  label: string;
  /** « ligne 12, colonne 5 » where known. */
  where: string;
  messages: string[];
}

export interface SchemaReportView {
  title: string;
  stageWord: string;
  kindName: string | null;
  dossier: { siret: string; name: string } | null;
  fileName: string | null;
  receivedAt: string;
  checkedAt: string;
  sha256: string;
  verdict: Verdict;
  errorCount: number;
  fields: FieldErrorsView[];
}

/** The errors of a refused document, one entry per field (JSON Pointer), in the order of the document. */
export function buildSchemaReportView(input: SchemaReportInput): SchemaReportView {
  const fields: FieldErrorsView[] = [];
  for (const e of input.errors) {
    let field = fields.find((f) => f.pointer === e.path);
    if (!field) {
      const where = e.line ? `ligne ${e.line}${e.column ? `, colonne ${e.column}` : ''}` : '';
      fields.push((field = { pointer: e.path || '/', label: fieldLabel(e.path), where, messages: [] }));
    }
    if (!field.messages.includes(e.message)) field.messages.push(e.message);
  }
  const n = input.errors.length;
  const stageWord = input.stage === 'syntax' ? 'texte illisible (ni JSON ni YAML valide)' : 'format d’échange non respecté';
  return {
    title: `Pièce refusée — ${stageWord}`,
    stageWord,
    kindName: input.kind ? KIND_NAMES[input.kind] : null,
    dossier: input.dossier,
    fileName: input.fileName ?? null,
    receivedAt: input.receivedAt,
    checkedAt: input.checkedAt,
    sha256: input.sha256,
    verdict: {
      code: 'non_conforme',
      word: VERDICT_WORDS.non_conforme,
      note: null,
      explanation: `${countOf(n, 'erreur', 'erreurs')} de ${input.stage === 'syntax' ? 'lecture' : 'format'} : aucune règle de la convention n’a été appliquée.`,
    },
    errorCount: n,
    fields,
  };
}
