import type { Finding, Outcome } from '../domain/finding';
import type { Submission } from '../domain/submission';
import { computeFacts } from '../contract/facts';
import { FactsAlmanac, type CompiledRule, type CompiledRuleSet } from './compile';

/**
 * evaluate(submission, dossier history, rule set) → findings. Pure: no disk, no clock. The history
 * is the dossier's accepted submissions, oldest first. One finding per rule that concerns the
 * submission's kind, in the rule set's order.
 */

/** What a rule says of a submission, without its message: what `rules impact` compares. */
export type Judgement = Pick<Finding, 'rule' | 'article' | 'outcome' | 'severity'>;

interface Run {
  rules: readonly CompiledRule[];
  outcomes: Outcome[];
  facts: Record<string, unknown>;
}

async function run(submission: Submission, history: readonly Submission[], ruleSet: CompiledRuleSet): Promise<Run> {
  const kindEngine = ruleSet.engines.get(submission.kind);
  if (!kindEngine || kindEngine.rules.length === 0) return { rules: [], outcomes: [], facts: {} };
  const facts = computeFacts(kindEngine.facts, { submission, history, params: ruleSet.params });
  const { results } = await kindEngine.engine.run({}, { almanac: new FactsAlmanac(facts) });
  // Every part is an engine rule named after it: those in `results` held, the others did not.
  const held = new Set<string>();
  for (const r of results) held.add(r.name);
  const outcomes = new Array<Outcome>(kindEngine.rules.length);
  for (let r = 0; r < kindEngine.rules.length; r++) {
    let applies = true;
    let review = false;
    let pass = false;
    for (const [part, name] of kindEngine.rules[r].parts) {
      const holds = held.has(name);
      if (part === 'applies') applies = holds;
      else if (part === 'review') review = holds;
      else pass = holds;
    }
    outcomes[r] = !applies ? 'not_applicable' : review ? 'review' : pass ? 'pass' : 'fail';
  }
  return { rules: kindEngine.rules, outcomes, facts };
}

export async function evaluate(submission: Submission, history: readonly Submission[], ruleSet: CompiledRuleSet): Promise<Finding[]> {
  const { rules, outcomes, facts } = await run(submission, history, ruleSet);
  const params = ruleSet.params as unknown as Record<string, unknown>;
  const findings = new Array<Finding>(rules.length);
  for (let r = 0; r < rules.length; r++) {
    const { def, shownFacts, shownParams, messages } = rules[r];
    const values: Record<string, unknown> = {};
    for (const f of shownFacts) values[f] = facts[f];
    for (const p of shownParams) values[p] = params[p];
    findings[r] = { rule: def.id, article: def.article, outcome: outcomes[r], severity: def.severity, message: messages[outcomes[r]](values), facts: values };
  }
  return findings;
}

/** `evaluate` without the messages and the values shown: the outcomes alone, for judging many submissions again. */
export async function judge(submission: Submission, history: readonly Submission[], ruleSet: CompiledRuleSet): Promise<Judgement[]> {
  const { rules, outcomes } = await run(submission, history, ruleSet);
  return rules.map(({ def }, r) => ({ rule: def.id, article: def.article, outcome: outcomes[r], severity: def.severity }));
}

/** A submission is accepted when no rule of severity `error` failed. */
export function isAccepted(findings: ReadonlyArray<Pick<Finding, 'outcome' | 'severity'>>): boolean {
  return !findings.some((f) => f.outcome === 'fail' && f.severity === 'error');
}
