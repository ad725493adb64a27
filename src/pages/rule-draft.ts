import type { LintError, RuleSet, RuleSetFile } from '../rules/model';
import { formatLintError } from '../rules/model';
import type { RuleSetDiff } from '../rules/diff';
import type { DateProposal, ParameterKind } from '../rules/draft';
import { parameterInput, parameterKind } from '../rules/draft';
import type { RuleSetHistoryEntry } from '../store/types';
import { articleLabel, compareArticleIds, countOf, formatValue } from '../wording/format';
import { RULESET_STATUS_WORDS } from '../wording/labels';
import { renderTemplate } from '../reports/templates';
import { pageMeta, PAGE_LINKS } from './page';

/**
 * The pages a juriste prepares, edits, checks and publishes a year's rules with (a lecteur reads
 * them): « Préparer une année », the draft (parameters in typed fields, articles' texts, files,
 * dates to confirm, versions), a file in a text area, the test cases and their coverage, the
 * confirmation of a publication. What was typed is always given back as typed, with the errors by
 * field: nothing a juriste types is lost to a refusal.
 */

const KIND_HINTS: Record<ParameterKind, string> = {
  euros: 'Montant en euros, par exemple 50 ou 52,50.',
  date: 'Date au format AAAA-MM-JJ.',
  monthDay: 'Jour de l’année au format MM-JJ, par exemple 10-15 pour le 15 octobre.',
  schoolYear: 'Année scolaire AAAA-AAAA.',
  count: 'Nombre entier.',
  departements: 'Codes de département à trois chiffres, séparés par des virgules.',
  yesNo: '',
  text: '',
};

export const DRAFT_LINKS = {
  prepare: () => '/regles/preparer',
  draft: (y: string) => `/regles/${encodeURIComponent(y)}/brouillon`,
  file: (y: string, path: string) => `/regles/${encodeURIComponent(y)}/brouillon/fichiers/${path.split('/').map(encodeURIComponent).join('/')}`,
  check: (y: string) => `/regles/${encodeURIComponent(y)}/verification`,
  publication: (y: string) => `/regles/${encodeURIComponent(y)}/publication`,
  correction: (y: string) => `/regles/${encodeURIComponent(y)}/correction`,
};

function fieldId(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** What changed since the version a juriste was editing, in sentences. */
export function changeLines(d: RuleSetDiff): string[] {
  return [
    ...d.parameters.map(
      (p) => `Paramètre « ${p.description} » : ${p.from === null ? '—' : formatValue(p.name, p.from)} → ${p.to === null ? '—' : formatValue(p.name, p.to)}`,
    ),
    ...d.articles.map((a) => `${articleLabel(a.id)} : texte ${a.status === 'added' ? 'ajouté' : a.status === 'removed' ? 'retiré' : 'modifié'}`),
    ...d.rules.added.map((r) => `Règle « ${r.id} » ajoutée`),
    ...d.rules.removed.map((r) => `Règle « ${r.id} » retirée`),
    ...d.rules.changed.map((r) => `Règle « ${r.id} » modifiée`),
  ];
}

export interface DraftPageData {
  schoolYear: string;
  version: string;
  ruleSet: RuleSet | null;
  base: string | null;
  loadErrors: readonly LintError[];
  sources: readonly RuleSetFile[];
  proposals: readonly DateProposal[];
  versions: readonly RuleSetHistoryEntry[];
  /** The correction of a published year: the version it corrects and what it changes, in sentences. */
  correction?: { of: string; changes: string[] } | null;
  mayEdit: boolean;
  /** The version just saved, after a save. */
  saved: string | null;
  /** What was typed, by field name (`p.feePerSchool`, `a.5`), when a save was refused. */
  typed?: Readonly<Record<string, string>>;
  /** The refused save's errors by field (`p.feePerSchool`, `a.5`), and the others. */
  fieldErrors?: Readonly<Record<string, string>>;
  otherErrors?: readonly string[];
  /** A save on an older version: why, and what changed since. */
  stale?: { message: string; changes: string[] };
}

export function renderDraftPage(d: DraftPageData): string {
  const r = d.ruleSet;
  const typed = d.typed ?? {};
  const errors = d.fieldErrors ?? {};
  const published = r?.status === 'in_force';
  const params = (r?.parameters ?? []).map((p) => {
    const kind = parameterKind(p);
    const key = `p.${p.name}`;
    const proposal = d.proposals.find((x) => x.name === p.name);
    const value = typed[key] ?? parameterInput(kind, p.value);
    return {
      name: key,
      id: fieldId('p', p.name),
      label: p.description,
      article: articleLabel(p.article),
      hint: [KIND_HINTS[kind], p.unit && kind !== 'monthDay' ? `Unité : ${p.unit}.` : ''].filter(Boolean).join(' '),
      type: kind === 'date' ? 'date' : 'text',
      inputmode: kind === 'euros' || kind === 'count' ? 'decimal' : null,
      yesNo: kind === 'yesNo' ? { yes: value === 'oui', no: value !== 'oui' } : null,
      value,
      error: errors[key] ?? null,
      proposal: proposal
        ? {
            id: fieldId('c', p.name),
            name: `confirmer.${p.name}`,
            words: `${formatValue(p.name, proposal.current)} → ${formatValue(p.name, proposal.proposed)}`,
            checked: typed[`confirmer.${p.name}`] === 'oui',
          }
        : null,
    };
  });
  const articles = [...(r?.articles ?? [])]
    .sort((a, b) => compareArticleIds(a.id, b.id))
    .map((a) => ({
      name: `a.${a.id}`,
      id: fieldId('a', a.id),
      label: `${articleLabel(a.id)} — ${a.title}`,
      value: typed[`a.${a.id}`] ?? a.text,
      rows: Math.min(20, Math.max(3, Math.ceil(a.text.length / 90))),
      error: errors[`a.${a.id}`] ?? null,
    }));
  const summary = [
    ...Object.entries(errors).map(([name, message]) => ({ href: `#${fieldId(name[0], name.slice(2))}`, message })),
    ...(d.otherErrors ?? []).map((message) => ({ href: null, message })),
  ];
  const what = d.correction ? 'correction' : 'brouillon';
  return renderTemplate('pages/rule-draft', {
    page: pageMeta(
      summary.length || d.stale ? `Erreur : ${what} des règles ${d.schoolYear}` : `${what.charAt(0).toUpperCase()}${what.slice(1)} des règles ${d.schoolYear}`,
      'regles',
      false,
      [
        { label: 'Règles', url: PAGE_LINKS.ruleSets() },
        { label: d.schoolYear, url: PAGE_LINKS.ruleSet(d.schoolYear) },
      ],
      published ? 'Version publiée' : d.correction ? 'Correction' : 'Brouillon',
    ),
    correction: d.correction ?? null,
    schoolYear: d.schoolYear,
    version: d.version,
    status: r ? RULESET_STATUS_WORDS[r.status] : 'illisible',
    published,
    base: d.base,
    editable: d.mayEdit && !published,
    saved: d.saved,
    stale: d.stale ?? null,
    summary,
    loadErrors: d.loadErrors.map(formatLintError),
    proposalCount: d.proposals.length ? countOf(d.proposals.length, 'date à confirmer', 'dates à confirmer') : null,
    params,
    articles,
    files: d.sources.map((f) => ({ path: f.path, url: DRAFT_LINKS.file(d.schoolYear, f.path) })),
    newTestFile: DRAFT_LINKS.file(d.schoolYear, 'tests/cas.yaml'),
    versions: [...d.versions].reverse().map((v) => ({
      version: v.version,
      status: v.status === 'in_force' ? 'publiée' : 'brouillon',
      createdAt: v.createdAt,
      createdBy: v.createdBy,
      reason: v.reason,
    })),
    links: {
      action: DRAFT_LINKS.draft(d.schoolYear),
      // A correction's changes are listed on its page: these pages read the year's published rules.
      diff: d.base && !d.correction ? PAGE_LINKS.ruleDiff(d.base, d.schoolYear) : null,
      impact: d.correction ? null : PAGE_LINKS.ruleImpact(d.schoolYear),
      correct: d.mayEdit && published ? DRAFT_LINKS.correction(d.schoolYear) : null,
      check: DRAFT_LINKS.check(d.schoolYear),
      publication: d.mayEdit && !published ? DRAFT_LINKS.publication(d.schoolYear) : null,
    },
  });
}

export interface PreparePageData {
  bases: readonly string[];
  schoolYear: string;
  base: string;
  problem: { field: 'annee' | 'base'; message: string } | null;
}

export function renderPreparePage(d: PreparePageData): string {
  return renderTemplate('pages/rule-prepare', {
    page: pageMeta(`${d.problem ? 'Erreur : p' : 'P'}réparer une année`, 'regles', false, [{ label: 'Règles', url: PAGE_LINKS.ruleSets() }]),
    action: DRAFT_LINKS.prepare(),
    schoolYear: d.schoolYear,
    bases: d.bases.map((b) => ({ name: b, selected: b === d.base })),
    problem: d.problem,
    yearError: d.problem?.field === 'annee' ? d.problem.message : null,
    baseError: d.problem?.field === 'base' ? d.problem.message : null,
  });
}

export interface FilePageData {
  schoolYear: string;
  path: string;
  version: string;
  text: string;
  exists: boolean;
  editable: boolean;
  errors: readonly string[];
  stale?: { message: string; changes: string[] };
}

export function renderDraftFilePage(d: FilePageData): string {
  return renderTemplate('pages/rule-file', {
    page: pageMeta(
      `${d.errors.length || d.stale ? 'Erreur : ' : ''}${d.path} — règles ${d.schoolYear}`,
      'regles',
      false,
      [
        { label: 'Règles', url: PAGE_LINKS.ruleSets() },
        { label: d.schoolYear, url: PAGE_LINKS.ruleSet(d.schoolYear) },
        { label: 'Brouillon', url: DRAFT_LINKS.draft(d.schoolYear) },
      ],
      d.path,
    ),
    ...d,
    action: DRAFT_LINKS.file(d.schoolYear, d.path),
    draftUrl: DRAFT_LINKS.draft(d.schoolYear),
    rows: Math.min(40, Math.max(10, d.text.split('\n').length + 2)),
    stale: d.stale ?? null,
  });
}

export interface CheckPageData {
  schoolYear: string;
  version: string;
  errors: readonly LintError[];
  cases: ReadonlyArray<{ file: string; line: number; name: string; ok: boolean; problems: string[] }>;
  coverage: ReadonlyArray<{ rule: string; article: string; covered: boolean }>;
}

export function renderCheckPage(d: CheckPageData): string {
  const failed = d.cases.filter((c) => !c.ok);
  const uncovered = d.coverage.filter((c) => !c.covered);
  return renderTemplate('pages/rule-check', {
    page: pageMeta(
      `Cas de test des règles ${d.schoolYear}`,
      'regles',
      false,
      [
        { label: 'Règles', url: PAGE_LINKS.ruleSets() },
        { label: d.schoolYear, url: PAGE_LINKS.ruleSet(d.schoolYear) },
        { label: 'Brouillon', url: DRAFT_LINKS.draft(d.schoolYear) },
      ],
      'Cas de test',
    ),
    schoolYear: d.schoolYear,
    version: d.version,
    errors: d.errors.map(formatLintError),
    passed: countOf(d.cases.length - failed.length, 'cas réussi', 'cas réussis'),
    failedWords: failed.length ? countOf(failed.length, 'cas en échec', 'cas en échec') : null,
    failed: failed.map((c) => ({ where: `${c.file}:${c.line}`, name: c.name, problems: c.problems })),
    noCases: d.cases.length === 0,
    coverage: `${countOf(d.coverage.length - uncovered.length, 'règle couverte', 'règles couvertes')} sur ${d.coverage.length}`,
    uncovered: uncovered.map((c) => `${c.rule} (${articleLabel(c.article)})`),
    draftUrl: DRAFT_LINKS.draft(d.schoolYear),
  });
}

export interface PublicationPageData {
  schoolYear: string;
  version: string;
  base: string | null;
  reason: string;
  problem: string | null;
  failures: readonly string[];
  maxLength: number;
}

export function renderPublicationPage(d: PublicationPageData): string {
  return renderTemplate('pages/rule-publication', {
    page: pageMeta(
      `${d.problem ? 'Erreur : p' : 'P'}ublier les règles ${d.schoolYear}`,
      'regles',
      false,
      [
        { label: 'Règles', url: PAGE_LINKS.ruleSets() },
        { label: d.schoolYear, url: PAGE_LINKS.ruleSet(d.schoolYear) },
        { label: 'Brouillon', url: DRAFT_LINKS.draft(d.schoolYear) },
      ],
      'Publication',
    ),
    ...d,
    action: DRAFT_LINKS.publication(d.schoolYear),
    draftUrl: DRAFT_LINKS.draft(d.schoolYear),
    checkUrl: DRAFT_LINKS.check(d.schoolYear),
    diffUrl: d.base ? PAGE_LINKS.ruleDiff(d.base, d.schoolYear) : null,
    impactUrl: PAGE_LINKS.ruleImpact(d.schoolYear),
  });
}
