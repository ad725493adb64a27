import type { Finding, Outcome } from '../domain/finding';
import type { Submission } from '../domain/submission';
import { computeFacts } from '../contract/facts';
import { FactsAlmanac, type CompiledRuleSet } from './compile';

/**
 * evaluate(submission, dossier history, rule set) → findings. Pure: no disk, no clock. The history
 * is the dossier's accepted submissions, oldest first. One finding per rule that concerns the
 * submission's kind, in the rule set's order.
 */
export async function evaluate(submission: Submission, history: readonly Submission[], ruleSet: CompiledRuleSet): Promise<Finding[]> {
  const kindEngine = ruleSet.engines.get(submission.kind);
  if (!kindEngine || kindEngine.rules.length === 0) return [];
  const facts = computeFacts(kindEngine.facts, { submission, history, params: ruleSet.params });
  const { results } = await kindEngine.engine.run({}, { almanac: new FactsAlmanac(facts) });
  // Every part is an engine rule named after it: those in `results` held, the others did not.
  const held = new Set<string>();
  for (const r of results) held.add(r.name);

  const params = ruleSet.params as unknown as Record<string, unknown>;
  const findings = new Array<Finding>(kindEngine.rules.length);
  for (let r = 0; r < kindEngine.rules.length; r++) {
    const { def, parts, shownFacts, shownParams, messages } = kindEngine.rules[r];
    let applies = true;
    let review = false;
    let pass = false;
    for (const [part, name] of parts) {
      const holds = held.has(name);
      if (part === 'applies') applies = holds;
      else if (part === 'review') review = holds;
      else pass = holds;
    }
    const outcome: Outcome = !applies ? 'not_applicable' : review ? 'review' : pass ? 'pass' : 'fail';
    const values: Record<string, unknown> = {};
    for (const f of shownFacts) values[f] = facts[f];
    for (const p of shownParams) values[p] = params[p];
    findings[r] = { rule: def.id, article: def.article, outcome, severity: def.severity, message: messages[outcome](values), facts: values };
  }
  return findings;
}

/** A submission is accepted when no rule of severity `error` failed. */
export function isAccepted(findings: readonly Finding[]): boolean {
  return !findings.some((f) => f.outcome === 'fail' && f.severity === 'error');
}
