import { createHash } from 'node:crypto';
import { renderReport } from '../src/reports/render';
import { selectRuleSet, type RuleRegistry } from '../src/rules/registry';
import type { Submission } from '../src/domain/submission';
import type { CheckResult } from '../src/domain/finding';

/** The HTML report of each judged submission, as the store renders it on acceptance. */
export function renderForBench(registry: RuleRegistry) {
  return (submission: Submission, result: CheckResult, text: string): string => {
    if (result.stage !== 'rules') return '';
    const now = new Date().toISOString();
    return renderReport({
      submission,
      result,
      ruleSet: selectRuleSet(registry, submission.schoolYear) ?? null,
      dossier: { siret: submission.party.siret, name: submission.party.name },
      receivedAt: now,
      checkedAt: now,
      sha256: createHash('sha256').update(text).digest('hex'),
    });
  };
}
