import type { Outcome, RuleSetRef } from '../domain/finding';
import type { Kind, Submission } from '../domain/submission';
import { verdictOfFindings, VERDICT_CODES, type VerdictCode } from '../domain/verdict';
import { compileRuleSet, type CompiledRuleSet } from '../rules/compile';
import { isAccepted, judge, type Judgement } from '../rules/evaluate';
import { lintRuleSet } from '../rules/lint';
import { CONVENTION_IN_FORCE_RULE, ruleSetRef } from '../rules/check';
import { judgingRuleSet, type RuleRegistry } from '../rules/registry';
import { RULESET_ARTICLE } from '../domain/finding';
import { yearDues, type AcceptedEntry } from '../dossier/account';
import type { Store } from '../store/store';
import type { DossierStreamRow, ImpactCandidates } from '../store/types';

/**
 * What a year's rules would change if they were in force (a draft included): every stored
 * submission they would judge judged again under them, read-only, dossier by dossier in the order
 * the submissions were written — each against its dossier's history as these rules would have made
 * it (the submissions they accept, and the accepted ones they do not judge) — and what each
 * dossier would owe for that year. A submission is theirs as the service chooses rules: one of
 * the year, or a letter under a convention their year's rules accepted (registry.judgingRuleSet);
 * one withdrawn is out of its dossier and out of the count.
 *
 * Before: the decisions the store kept, and the dues under the rules that judged the year's latest
 * submission (their texts are kept with it), or without rules for the year when none judged one.
 * After: these rules' decisions, and the dues under them.
 *
 * The store is streamed (Store.dossierStream): memory holds one batch of rows and one dossier, and
 * grows only with the changes found, which are the answer.
 */

export interface ImpactOptions {
  store: Store;
  /** The rule sets as they serve, for the years other than the target's. */
  registry: RuleRegistry;
  /** The year's rules to measure, judged as if in force. */
  target: CompiledRuleSet;
  /** Called after each candidate (see Store.countOfCandidates) is read, with how many are. */
  onProgress?: (done: number) => void;
  batchSize?: number;
}

export interface RuleFlip {
  rule: string;
  article: string;
  /** The outcome before and after; null where the rule did not judge the submission. */
  from: Outcome | null;
  to: Outcome | null;
}

export interface SubmissionImpact {
  id: string;
  siret: string;
  partyName: string;
  kind: Kind;
  schoolYear: string;
  receivedAt: string;
  from: VerdictCode;
  to: VerdictCode;
  rules: RuleFlip[];
}

export interface DuesImpact {
  siret: string;
  name: string;
  /** What the dossier owes for the years of the rules, before and after; null when no rules give them. */
  from: number | null;
  to: number | null;
}

export interface ImpactReport {
  schoolYear: string;
  years: string[];
  target: RuleSetRef;
  /** The rules whose dues are « before »: those that judged the year's latest submission; null when none did. */
  before: RuleSetRef | null;
  submissions: number;
  dossiers: number;
  verdicts: { before: Record<VerdictCode, number>; after: Record<VerdictCode, number> };
  changed: SubmissionImpact[];
  dues: DuesImpact[];
  durationMs: number;
}

function counts(): Record<VerdictCode, number> {
  return Object.fromEntries(VERDICT_CODES.map((c) => [c, 0])) as Record<VerdictCode, number>;
}

function outcomes(findings: readonly Judgement[]): Map<string, Judgement> {
  return new Map(findings.map((f) => [f.rule, f]));
}

/** The rules whose outcome differs, in the order they are listed after, then those gone. */
function flips(before: readonly Judgement[], after: readonly Judgement[]): RuleFlip[] {
  // Judged by the same rules, the findings come in the same order: most often nothing differs.
  if (before.length === after.length && before.every((f, i) => f.rule === after[i].rule && f.outcome === after[i].outcome)) return [];
  const a = outcomes(before);
  const b = outcomes(after);
  const out: RuleFlip[] = [];
  for (const [rule, f] of b) if (a.get(rule)?.outcome !== f.outcome) out.push({ rule, article: f.article, from: a.get(rule)?.outcome ?? null, to: f.outcome });
  for (const [rule, f] of a) if (!b.has(rule)) out.push({ rule, article: f.article, from: f.outcome, to: null });
  return out;
}

/** The registry with `rules` judging `schoolYear` in place of whatever did. */
function withYear(registry: RuleRegistry, schoolYear: string, rules: CompiledRuleSet | undefined): RuleRegistry {
  return { ruleSets: [...(rules ? [rules] : []), ...registry.ruleSets.filter((r) => r.schoolYear !== schoolYear)], failures: [] };
}

/** The rules that judged the year's latest submission, read back from the texts the store keeps; undefined when none did or they no longer lint. */
function storedRules(store: Store, schoolYear: string): CompiledRuleSet | undefined {
  const version = store.latestVersionOf(schoolYear);
  const kept = version ? store.ruleSetVersion(version) : undefined;
  if (!kept) return undefined;
  const load = lintRuleSet(kept.schoolYear, kept.files);
  return load.ok ? compileRuleSet({ ...load.ruleSet, status: kept.status, version: kept.version }) : undefined;
}

function total(registry: RuleRegistry, entries: readonly AcceptedEntry[], years: readonly string[]): number | null {
  let sum: number | null = null;
  for (const y of years) {
    const dues = yearDues(registry, entries, y);
    if (dues) sum = (sum ?? 0) + dues.amount;
  }
  return sum;
}

/** The submissions a year's rules may judge again: see ImpactCandidates. */
export function candidatesOf(target: CompiledRuleSet): ImpactCandidates {
  return { years: target.appliesTo, judgedBy: target.schoolYear };
}

export async function measureImpact(options: ImpactOptions): Promise<ImpactReport> {
  const started = Date.now();
  const { store, target } = options;
  const years = target.appliesTo;
  const inForce: CompiledRuleSet = { ...target, status: 'in_force' };
  const stored = storedRules(store, target.schoolYear);
  const before = withYear(options.registry, target.schoolYear, stored);
  const after = withYear(options.registry, target.schoolYear, inForce);
  const targetRef = ruleSetRef(target);

  const report: ImpactReport = {
    schoolYear: target.schoolYear,
    years: [...years],
    target: targetRef,
    before: stored ? ruleSetRef(stored) : null,
    submissions: 0,
    dossiers: 0,
    verdicts: { before: counts(), after: counts() },
    changed: [],
    dues: [],
    durationMs: 0,
  };

  let candidates = 0;
  const judgeDossier = async (rows: DossierStreamRow[]) => {
    report.dossiers++;
    const beforeEntries: AcceptedEntry[] = [];
    const afterEntries: AcceptedEntry[] = [];
    const history: Submission[] = [];
    for (const row of rows) {
      const entry = { id: row.id, ruleSet: row.ruleSet, document: row.document };
      if (row.status === 'accepted') beforeEntries.push(entry);
      const stored = row.findings;
      // Not theirs to judge, as the service would choose the rules: it stays as it was decided.
      const judging = stored === null ? undefined : judgingRuleSet(after, row.document, history);
      if (stored !== null) options.onProgress?.(++candidates);
      if (stored === null || judging?.ruleSet !== inForce) {
        if (row.status === 'accepted') {
          afterEntries.push(entry);
          history.push(row.document);
        }
        continue;
      }
      const findings: Judgement[] = await judge(row.document, history, inForce);
      // What checkSubmission says beside the rules when a convention's rules judge a letter, so that the stored decision compares.
      if (judging.inForce) findings.unshift({ rule: CONVENTION_IN_FORCE_RULE, article: RULESET_ARTICLE, outcome: 'pass', severity: 'info' });
      const accepted = isAccepted(findings);
      if (accepted) {
        afterEntries.push({ ...entry, ruleSet: targetRef });
        history.push(row.document);
      }
      const from = verdictOfFindings({ status: row.status, findings: stored });
      const to = verdictOfFindings({ status: accepted ? 'accepted' : 'rejected', findings });
      report.submissions++;
      report.verdicts.before[from]++;
      report.verdicts.after[to]++;
      const rules = flips(stored, findings);
      if (from !== to || rules.length) {
        report.changed.push({
          id: row.id,
          siret: row.siret,
          partyName: row.partyName,
          kind: row.kind,
          schoolYear: row.schoolYear,
          receivedAt: row.receivedAt,
          from,
          to,
          rules,
        });
      }
    }
    const owedBefore = total(before, beforeEntries, years);
    const owedAfter = total(after, afterEntries, years);
    if (owedBefore !== owedAfter) {
      const name = (afterEntries.at(-1) ?? beforeEntries.at(-1) ?? rows[rows.length - 1]).document.party.name;
      report.dues.push({ siret: rows[0].siret, name, from: owedBefore, to: owedAfter });
    }
  };

  let dossier: DossierStreamRow[] = [];
  let sinceYield = 0;
  for (const row of store.dossierStream(candidatesOf(target), options.batchSize)) {
    if (dossier.length && dossier[0].siret !== row.siret) {
      await judgeDossier(dossier);
      dossier = [];
    }
    dossier.push(row);
    // The engine's promises settle without leaving the event loop's turn: give other work (a
    // server's requests, a terminal's progress bar) its turn now and then.
    if (++sinceYield >= 500) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (dossier.length) await judgeDossier(dossier);
  report.durationMs = Date.now() - started;
  return report;
}

/** The impact as JSON: `{ schoolYear, submissions, changed: [{ id, siret, from, to, rules }], dues: [{ siret, from, to }] }`, with the counts. */
export function impactBody(r: ImpactReport) {
  return {
    schoolYear: r.schoolYear,
    years: r.years,
    ruleSet: r.target,
    before: r.before,
    submissions: r.submissions,
    dossiers: r.dossiers,
    verdicts: r.verdicts,
    changed: r.changed.map((c) => ({ id: c.id, siret: c.siret, from: c.from, to: c.to, rules: c.rules.map((f) => f.rule) })),
    dues: r.dues.map((d) => ({ siret: d.siret, from: d.from, to: d.to })),
  };
}
