import { createHash } from 'node:crypto';
import { checkSubmission } from '../../src/rules/check';
import type { CheckResult } from '../../src/domain/finding';
import type { Submission, Termination } from '../../src/domain/submission';
import { buildRegistry, selectRuleSet, type RuleRegistry } from '../../src/rules/registry';
import type { ReportInput } from '../../src/reports/input';
import { fixture, RULES_DIR } from '../support/api-fixtures';

/** Report inputs made the way the service makes them: real fixtures judged by the real rules of 2020-2021. */

let registry: RuleRegistry | undefined;
export function rules(): RuleRegistry {
  return (registry ??= buildRegistry(RULES_DIR));
}

export async function reportInput(submission: Submission, history: Submission[] = [], extra: Partial<ReportInput> = {}): Promise<ReportInput> {
  const result = (await checkSubmission(submission, history, rules())) as CheckResult & { stage: 'rules' };
  const text = JSON.stringify(submission, null, 2);
  return {
    submission,
    result,
    ruleSet: selectRuleSet(rules(), submission.schoolYear) ?? null,
    dossier: { siret: submission.party.siret, name: submission.party.name },
    receivedAt: '2020-10-15T22:30:00Z',
    checkedAt: '2020-10-16T07:05:00Z',
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    ...extra,
  };
}

export const convention = (): Submission => fixture('convention-3-ecoles');
export const lateAmendment = (): Submission => fixture('avenant-4-ecoles-tardif');
export const invoice4 = (): Submission => fixture('titre-2020-2021-4-ecoles');

/** Termination on one month's notice (art. 9); without a date of receipt the notice cannot be computed: « à examiner ». */
export function noticeTermination(receivedOn: string | null = '2021-01-31'): Termination {
  return {
    kind: 'termination',
    schoolYear: '2020-2021',
    party: { type: 'commune', name: 'Saint-Jean-de-Védas', siret: '21340270400018' },
    ground: 'notice',
    initiator: 'commune',
    letter: { method: 'registered_letter', sentOn: '2021-01-29', ...(receivedOn ? { receivedOn } : {}) },
    effectiveOn: '2021-02-28',
    refundRequested: false,
  };
}
