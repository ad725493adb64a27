import type { CheckResult } from '../domain/finding';
import { mainFinding, VERDICT_CODES, verdictOfFindings, type VerdictCode } from '../domain/verdict';
import { documentDate } from '../contract/document-date';
import { TIME_ZONE } from '../wording/format';
import { verdictNote } from '../wording/verdict';
import type { Kind, Submission } from '../domain/submission';
import { parseDocument } from '../documents/parse';
import { validateSubmission } from '../validation/validator';
import { checkSubmission } from '../rules/check';
import type { RuleRegistry } from '../rules/registry';
import type { BatchItem } from './sources';
import type { DossierHistories } from './history';

/**
 * A campaign checked in one pass: each document against the history its dossier has built up so
 * far in the same batch (or, through another `judge`, against the store). Only the summary is
 * kept in memory; what is done with each verdict (a report file, a row in the store) is the
 * caller's.
 */

export type Verdict = VerdictCode;

export interface Judged {
  item: BatchItem;
  submission?: Submission;
  result: CheckResult;
}

export type Judge = (item: BatchItem) => Promise<Judged>;

export function verdictOf(result: CheckResult): Verdict {
  return verdictOfFindings(result);
}

/** The default judge: parse, validate, check against the batch's own histories, remember the accepted. */
export function batchJudge(registry: RuleRegistry, histories: DossierHistories): Judge {
  return async (item) => {
    const parsed = parseDocument(item.text, item.format);
    if (!parsed.ok) return { item, result: { status: 'rejected', stage: 'schema', errors: parsed.errors, findings: [], ruleSet: null } };
    const v = validateSubmission(parsed.value);
    if (!v.ok) return { item, result: { status: 'rejected', stage: 'schema', errors: v.errors, findings: [], ruleSet: null } };
    const siret = v.submission.party.siret;
    const result = await checkSubmission(v.submission, histories.history(siret), registry);
    if (result.status === 'accepted') histories.append(siret, v.submission);
    return { item, submission: v.submission, result };
  };
}

/** A judge over the store: each document judged against its stored dossier and kept with its report. */
export function storeJudge(submit: (incoming: { submission: Submission; rawText: string; contentType: string }) => Promise<{ result: CheckResult }>): Judge {
  return async (item) => {
    const parsed = parseDocument(item.text, item.format);
    if (!parsed.ok) return { item, result: { status: 'rejected', stage: 'schema', errors: parsed.errors, findings: [], ruleSet: null } };
    const v = validateSubmission(parsed.value);
    // Schema-invalid documents are not kept, as through the API: nothing to judge a dossier by.
    if (!v.ok) return { item, result: { status: 'rejected', stage: 'schema', errors: v.errors, findings: [], ruleSet: null } };
    const contentType = parsed.format === 'yaml' ? 'application/yaml' : 'application/json';
    const { result } = await submit({ submission: v.submission, rawText: item.text, contentType });
    return { item, submission: v.submission, result };
  };
}

export interface RejectedItem {
  /** Relative to the campaign: `avenant.json`, `campagne.jsonl:42`. */
  source: string;
  /** The file of its report, beside the summary, when reports are written. */
  report?: string;
  kind?: Kind;
  siret?: string;
  /** The document's own date (signature, transmission…), when it could be read. */
  documentDate?: string;
  reasons: string[];
}

/** An accepted document a person should read: « À examiner » or « Conforme avec réserves », with the one line that says why. */
export interface ReservedItem {
  /** Relative to the campaign, as for a rejected document. */
  source: string;
  /** The file of its report, beside the summary, when reports are written. */
  report?: string;
  kind: Kind;
  siret: string;
  documentDate: string;
  verdict: 'a_examiner' | 'conforme_avec_reserves';
  note: string;
}

export interface BatchSummary {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  total: number;
  byVerdict: Record<Verdict, number>;
  byStage: { schema: number; rules: number };
  byKind: Record<string, Record<Verdict, number>>;
  /** Failed findings of severity error, by article. */
  byFailedArticle: Record<string, number>;
  /** The first rejected documents with their reasons (at most `MAX_LISTED`). */
  rejected: RejectedItem[];
  rejectedNotListed: number;
  /** The first documents accepted with reserves or to examine (at most `MAX_LISTED`). */
  reserved: ReservedItem[];
  reservedNotListed: number;
}

export const MAX_LISTED = 500;

function emptyVerdicts(): Record<Verdict, number> {
  return Object.fromEntries(VERDICT_CODES.map((v) => [v, 0])) as Record<Verdict, number>;
}

/**
 * What the summary keeps of one judged document: all a worker thread sends back (see parallel.ts),
 * so that one campaign tallied from one thread or several gives the same summary.
 */
export interface TallyItem {
  source: string;
  /** The file of its report, when reports are written. */
  report?: string;
  kind?: Kind;
  siret?: string;
  verdict: Verdict;
  stage: CheckResult['stage'];
  /** Articles of the failed findings of severity error, each once. */
  failedArticles: string[];
  /** The document's own date, when it could be read. */
  documentDate?: string;
  /** Why it was rejected, for the summary's list; only for a `non_conforme` verdict. */
  reasons?: string[];
  /** The line that says why a person should read it; only for the verdicts listed as reserved. */
  note?: string;
}

export function tallyItem({ item, submission, result }: Judged, verdict: Verdict = verdictOf(result)): TallyItem {
  const failed = result.findings.filter((f) => f.outcome === 'fail' && f.severity === 'error');
  const date = submission && documentDate(submission, TIME_ZONE);
  return {
    source: item.source,
    kind: submission?.kind,
    siret: submission?.party.siret,
    verdict,
    stage: result.stage,
    failedArticles: [...new Set(failed.map((f) => f.article))],
    ...(date ? { documentDate: date } : {}),
    ...(verdict === 'non_conforme'
      ? { reasons: [...result.errors.map((e) => `${e.path || '/'} : ${e.message}`), ...failed.map((f) => `${f.rule} : ${f.message}`)] }
      : {}),
    ...((verdict === 'a_examiner' || verdict === 'conforme_avec_reserves') && submission && date
      ? { note: verdictNote(verdict, mainFinding(verdict, result.findings)) ?? '' }
      : {}),
  };
}

/** The summary of a campaign, item by item in the campaign's order. */
export class BatchTally {
  private readonly summary: BatchSummary;
  private readonly started: Date;

  constructor(private readonly now: () => Date = () => new Date()) {
    this.started = now();
    this.summary = {
      startedAt: this.started.toISOString(),
      finishedAt: '',
      durationMs: 0,
      total: 0,
      byVerdict: emptyVerdicts(),
      byStage: { schema: 0, rules: 0 },
      byKind: {},
      byFailedArticle: {},
      rejected: [],
      rejectedNotListed: 0,
      reserved: [],
      reservedNotListed: 0,
    };
  }

  add(t: TallyItem): void {
    const summary = this.summary;
    summary.total++;
    summary.byVerdict[t.verdict]++;
    summary.byStage[t.stage]++;
    (summary.byKind[t.kind ?? 'illisible ou invalide'] ??= emptyVerdicts())[t.verdict]++;
    for (const article of t.failedArticles) summary.byFailedArticle[article] = (summary.byFailedArticle[article] ?? 0) + 1;
    if (t.verdict === 'non_conforme') {
      if (summary.rejected.length < MAX_LISTED) {
        summary.rejected.push({
          source: t.source,
          ...(t.report ? { report: t.report } : {}),
          kind: t.kind,
          siret: t.siret,
          ...(t.documentDate ? { documentDate: t.documentDate } : {}),
          reasons: t.reasons ?? [],
        });
      } else summary.rejectedNotListed++;
    } else if ((t.verdict === 'a_examiner' || t.verdict === 'conforme_avec_reserves') && t.kind && t.siret && t.documentDate) {
      if (summary.reserved.length < MAX_LISTED) {
        summary.reserved.push({
          source: t.source,
          ...(t.report ? { report: t.report } : {}),
          kind: t.kind,
          siret: t.siret,
          documentDate: t.documentDate,
          verdict: t.verdict,
          note: t.note ?? '',
        });
      } else summary.reservedNotListed++;
    }
  }

  finish(): BatchSummary {
    const finished = this.now();
    this.summary.finishedAt = finished.toISOString();
    this.summary.durationMs = finished.getTime() - this.started.getTime();
    return this.summary;
  }
}

export interface BatchOptions {
  judge: Judge;
  /** Called with each verdict in order: write a report, print a line; the report's file name, if one is written, is linked from the summary. */
  onJudged?: (judged: Judged, verdict: Verdict) => string | void | Promise<string | void>;
  now?: () => Date;
}

/** The campaign on this thread, one document after the other. */
export async function runBatch(items: AsyncIterable<BatchItem>, { judge, onJudged, now = () => new Date() }: BatchOptions): Promise<BatchSummary> {
  const tally = new BatchTally(now);
  for await (const item of items) {
    const judged = await judge(item);
    const verdict = verdictOf(judged.result);
    const report = (await onJudged?.(judged, verdict)) ?? undefined;
    tally.add({ ...tallyItem(judged, verdict), ...(report ? { report } : {}) });
  }
  return tally.finish();
}
