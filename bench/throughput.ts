import { validateSubmission } from '../src/validation/validator';
import { checkSubmission } from '../src/rules/check';
import { computeFacts } from '../src/contract/facts';
import { selectRuleSet, type RuleRegistry } from '../src/rules/registry';
import type { Submission } from '../src/domain/submission';
import type { CheckResult } from '../src/domain/finding';

/**
 * In-process throughput on one core (Node runs this on one thread): the same campaign through
 * each stage of the pipeline, and the same rules run straight on json-rules-engine with the facts
 * computed beforehand, the reference for what our own code adds.
 */

export interface StageResult {
  name: string;
  submissions: number;
  ms: number;
  perSecond: number;
}

function stage(name: string, submissions: number, ms: number): StageResult {
  return { name, submissions, ms, perSecond: Math.round((submissions / ms) * 1000) };
}

/** Peak resident memory seen by `sample()` calls, in MiB. */
export class PeakMemory {
  peak = 0;
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss / 2 ** 20);
  }
}

/** Passes of validation + evaluation and of the reference, of which the fastest is kept. */
const ROUNDS = 3;

type Render = (submission: Submission, result: CheckResult, text: string) => string;

export async function measureThroughput(texts: string[], registry: RuleRegistry, render: Render, peak: PeakMemory): Promise<StageResult[]> {
  const out: StageResult[] = [];
  // Documents read (JSON.parse) beforehand: these stages measure validation and rules, not parsing.
  const values = texts.map((t) => JSON.parse(t) as unknown);
  // Warm-up: the first run compiles code paths; the figures are for a service that has been up.
  await pipeline(values.slice(0, 500), texts, registry, undefined, peak);
  let t = performance.now();
  for (const value of values) validateSubmission(value);
  peak.sample();
  out.push(stage('validation seule (ajv)', texts.length, performance.now() - t));

  const judged = await pipeline(values, texts, registry, undefined, peak, true);
  // The reference: the facts each evaluation computed, handed to json-rules-engine as runtime
  // facts, the way its documentation runs an engine; no validation, no findings.
  const rs = selectRuleSet(registry, '2020-2021')!;
  const prepared = judged.map(({ submission, history }) => {
    const ke = rs.engines.get(submission.kind)!;
    return { engine: ke.engine, facts: computeFacts(ke.facts, { submission, history, params: rs.params }) };
  });
  // Ours and the reference in turns, the best of three each: on a shared virtual machine a single
  // pass of either can be slowed by a neighbour by a third, which the ratio would take for ours.
  let ours = Infinity;
  let reference = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    t = performance.now();
    await pipeline(values, texts, registry, undefined, peak);
    ours = Math.min(ours, performance.now() - t);
    t = performance.now();
    for (const { engine, facts } of prepared) await engine.run(facts);
    reference = Math.min(reference, performance.now() - t);
    peak.sample();
  }
  out.push(stage('validation + évaluation', texts.length, ours));

  t = performance.now();
  await pipeline(values, texts, registry, render, peak);
  out.push(stage('validation + évaluation + rapport HTML', texts.length, performance.now() - t));
  out.push(stage('json-rules-engine seul, faits précalculés (référence)', prepared.length, reference));
  return out;
}

interface Judged {
  submission: Submission;
  history: Submission[];
}

/** Each document against the history of its dossier built up so far, as `batch` does. */
async function pipeline(
  values: unknown[],
  texts: string[],
  registry: RuleRegistry,
  render: Render | undefined,
  peak: PeakMemory,
  collect = false,
): Promise<Judged[]> {
  const histories = new Map<string, Submission[]>();
  const judged: Judged[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = validateSubmission(values[i]);
    if (!v.ok) continue;
    const siret = v.submission.party.siret;
    let history = histories.get(siret);
    if (!history) histories.set(siret, (history = []));
    const result = await checkSubmission(v.submission, history, registry);
    if (collect) judged.push({ submission: v.submission, history: history.slice() });
    if (render) render(v.submission, result, texts[i]);
    if (result.status === 'accepted') history.push(v.submission);
    if (i % 1000 === 0) peak.sample();
  }
  return judged;
}
