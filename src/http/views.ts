import type { CheckResult, RuleSetRef, SchemaError } from '../domain/finding';
import { verdictOfFindings } from '../domain/verdict';
import { verdictNote } from '../wording/verdict';
import type { CompiledRuleSet } from '../rules/compile';
import type { RuleRegistry } from '../rules/registry';
import { failureLine, type ReloadOutcome } from '../rules/reload';
import type { DossierListItem, DossierView } from '../service/dossier-service';
import type { YearDues } from '../dossier/account';
import type { ChainLink, StoredRuleSetVersion, StoredSubmission, SubmissionSummary, Withdrawal } from '../store/types';
import type { AccountChanges } from '../dossier/withdrawal';
import { dossierRef, links } from './links';

/**
 * The JSON bodies of the API, from the service's values: which fields a client sees, and the
 * links that let it go from one resource to the next. Nothing here decides anything.
 */

export function schemaVerdictBody(errors: readonly SchemaError[]) {
  return { status: 'rejected' as const, verdict: 'non_conforme' as const, stage: 'schema' as const, errors };
}

/** The verdict of the rules; with the stored submission, where it was kept. */
export function rulesVerdictBody(result: CheckResult & { stage: 'rules' }, siret: string, stored?: StoredSubmission) {
  return {
    status: result.status,
    verdict: verdictOfFindings(result),
    stage: result.stage,
    ...(stored ? { id: stored.id, url: links.submission(stored.id) } : {}),
    dossier: dossierRef(siret),
    ...(stored ? { report: links.report(stored.id) } : {}),
    ruleSet: result.ruleSet,
    findings: result.findings,
  };
}

function ruleSetLink(ref: RuleSetRef | null) {
  return ref && { ...ref, url: links.ruleSet(ref.schoolYear), texts: links.ruleSetVersion(ref.version) };
}

/** A withdrawal as the API shows it: when, by whom, why (the token's id stays in the database). */
export function withdrawalBody(w: Withdrawal | null) {
  return w && { withdrawnAt: w.withdrawnAt, author: w.author, reason: w.reason };
}

export function chainBody(link: ChainLink | null) {
  return link && { position: link.position, previousSha256: link.previousSha256, sha256: link.sha256 };
}

/** What a withdrawal changed: the convention's state and, by school year, the schools and the dues before and after. */
export function changesBody(c: AccountChanges) {
  return {
    state: { before: c.stateBefore, after: c.stateAfter },
    years: c.years.map((y) => ({
      schoolYear: y.schoolYear,
      schoolCount: { before: y.schoolCountBefore, after: y.schoolCountAfter },
      amount: { before: y.amountBefore, after: y.amountAfter },
      leaving: y.leaving,
      joining: y.joining,
    })),
  };
}

export function submissionSummaryBody(s: SubmissionSummary) {
  return {
    id: s.id,
    url: links.submission(s.id),
    report: links.report(s.id),
    kind: s.kind,
    schoolYear: s.schoolYear,
    partyName: s.partyName,
    receivedAt: s.receivedAt,
    documentDate: s.documentDate,
    status: s.status,
    verdict: s.verdict,
    verdictNote: verdictNote(s.verdict, s.mainFinding),
    stage: s.stage,
    ruleSet: ruleSetLink(s.ruleSet),
    withdrawal: withdrawalBody(s.withdrawal),
  };
}

export function submissionBody(s: StoredSubmission) {
  return {
    ...submissionSummaryBody(s),
    dossier: dossierRef(s.siret),
    raw: links.submissionRaw(s.id),
    contentType: s.contentType,
    sha256: s.sha256,
    findings: s.findings,
    document: s.document,
    chain: chainBody(s.chain),
  };
}

export function duesBody(siret: string, d: YearDues) {
  return {
    siret,
    schoolYear: d.schoolYear,
    schoolCount: d.schoolCount,
    amount: d.amount,
    schools: d.schools,
    basis: d.basis,
    explanation: d.explanation,
    ruleSet: d.ruleSet,
    url: links.dues(siret, d.schoolYear),
  };
}

/** A dossier in the list, with what it owes for `schoolYear` (null when no rule set fixes that year's participation). */
export function dossierListItemBody(d: DossierListItem, schoolYear: string) {
  return {
    siret: d.siret,
    name: d.name,
    url: links.dossier(d.siret),
    submissionCount: d.submissionCount,
    lastReceivedAt: d.lastReceivedAt,
    state: d.state,
    dues: d.dues && { schoolYear, schoolCount: d.dues.schoolCount, amount: d.dues.amount, basis: d.dues.basis, url: links.dues(d.siret, schoolYear) },
    lastSubmission: submissionSummaryBody(d.last),
  };
}

export function dossierBody(d: DossierView) {
  return {
    siret: d.siret,
    name: d.name,
    url: links.dossier(d.siret),
    submissionCount: d.submissionCount,
    lastReceivedAt: d.lastReceivedAt,
    state: d.state,
    partyType: d.partyType,
    communes: d.communes,
    enrolments: d.enrolments,
    dues: d.dues.map((x) => duesBody(d.siret, x)),
    submissions: d.submissions.map(submissionSummaryBody),
  };
}

export function ruleSetSummaryBody(r: CompiledRuleSet) {
  return {
    schoolYear: r.schoolYear,
    appliesTo: r.appliesTo,
    status: r.status,
    version: r.version,
    title: r.title,
    ruleCount: r.rules.length,
    url: links.ruleSet(r.schoolYear),
  };
}

/** A reload's HTTP status, for the API and the page alike: 200 all reloaded, 422 some refused at lint, 503 the folder unreadable. */
export function reloadStatus(outcome: ReloadOutcome): number {
  return outcome.ok ? 200 : outcome.reason === 'lint' ? 422 : 503;
}

/** The answer of a reload: what changed, what serves now, and what was refused, each error as `file:line:column`. */
export function reloadBody(outcome: ReloadOutcome, registry: RuleRegistry) {
  const status = outcome.ok ? 'reloaded' : outcome.reason === 'lint' ? 'refused' : 'unreadable';
  return {
    status,
    ...(!outcome.ok && outcome.reason === 'unreadable' ? { message: outcome.message } : {}),
    changes: outcome.changes,
    items: registry.ruleSets.map(ruleSetSummaryBody),
    failures: registry.failures.map((f) => ({ ...f, messages: f.errors.map((e) => failureLine(f, e)) })),
  };
}

export function ruleSetsBody(registry: RuleRegistry) {
  return { items: registry.ruleSets.map(ruleSetSummaryBody), failures: registry.failures };
}

/** The rule set as data; its compiled engines stay inside. */
export function ruleSetBody(r: CompiledRuleSet) {
  return {
    schoolYear: r.schoolYear,
    appliesTo: r.appliesTo,
    status: r.status,
    version: r.version,
    title: r.title,
    source: r.source,
    parameters: r.parameters,
    articles: r.articles,
    rules: r.rules,
    guards: r.guards,
    bases: r.bases,
    texts: links.ruleSetVersion(r.version),
  };
}

export function ruleSetVersionBody(v: Omit<StoredRuleSetVersion, 'storedAt'> & { storedAt: string | null }) {
  return { version: v.version, schoolYear: v.schoolYear, status: v.status, storedAt: v.storedAt, files: v.files };
}
