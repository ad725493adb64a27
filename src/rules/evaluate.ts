import type { Finding, Outcome } from '../domain/finding';
import type { Submission } from '../domain/submission';
import { computeFacts } from './facts';
import { renderMessage } from './message';
import { engineRuleName, type CompiledRuleSet } from './compile';

/**
 * evaluate(submission, dossier history, rule set) → findings. Pure: no disk, no clock. The history
 * is the dossier's accepted submissions, oldest first. One finding per rule that concerns the
 * submission's kind, in the rule set's order.
 */
export async function evaluate(submission: Submission, history: readonly Submission[], ruleSet: CompiledRuleSet): Promise<Finding[]> {
  const kindEngine = ruleSet.engines.get(submission.kind);
  if (!kindEngine || kindEngine.rules.length === 0) return [];
  const facts = computeFacts(kindEngine.facts, { submission, history, params: ruleSet.params });
  const { results, failureResults } = await kindEngine.engine.run({ ...facts });
  const held = new Map<string, boolean>();
  for (const r of results) held.set(r.name as string, true);
  for (const r of failureResults) held.set(r.name as string, false);

  const params = ruleSet.params as unknown as Record<string, unknown>;
  return kindEngine.rules.map(({ def, shownFacts, shownParams }) => {
    const applies = def.appliesWhen ? held.get(engineRuleName(def.id, 'applies')) === true : true;
    let outcome: Outcome;
    if (!applies) outcome = 'not_applicable';
    else if (def.reviewWhen && held.get(engineRuleName(def.id, 'review')) === true) outcome = 'review';
    else outcome = held.get(engineRuleName(def.id, 'pass')) === true ? 'pass' : 'fail';

    const values: Record<string, unknown> = {};
    for (const f of shownFacts) values[f] = facts[f];
    for (const p of shownParams) values[p] = params[p];
    const template = outcome === 'not_applicable' ? def.message.not_applicable ?? 'Sans objet pour cette pièce.' : def.message[outcome] ?? def.message.fail;
    return { rule: def.id, article: def.article, outcome, severity: def.severity, message: renderMessage(template, values), facts: values };
  });
}

/** A submission is accepted when no rule of severity `error` failed. */
export function isAccepted(findings: readonly Finding[]): boolean {
  return !findings.some((f) => f.outcome === 'fail' && f.severity === 'error');
}
