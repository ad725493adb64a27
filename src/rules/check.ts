import { RULESET_ARTICLE, type CheckResult, type Finding, type RuleSetRef } from '../domain/finding';
import type { Submission } from '../domain/submission';
import { validateSubmission } from '../validation/validator';
import { evaluate, isAccepted } from './evaluate';
import { judgingRuleSet, unavailableRules, type Judging, type RuleRegistry } from './registry';
import type { CompiledRuleSet } from './compile';
import { formatValue } from '../wording/format';
import { RULESET_STATUS_WORDS } from '../wording/labels';
import { frenchDate } from '../dates/calendar';

/**
 * The whole check of one document: the schema first, then the rules of its school year against
 * the dossier's accepted history. Pure given the registry; the dossier service, the batch and the CLI call it.
 */

export function ruleSetRef(r: CompiledRuleSet): RuleSetRef {
  return { schoolYear: r.schoolYear, status: r.status, version: r.version };
}

/** The findings about the rule set itself: none for the year, rules in draft; which convention's rules judge a letter. */
export const RULESET_IN_FORCE_RULE = `${RULESET_ARTICLE}.en-vigueur`;
export const CONVENTION_IN_FORCE_RULE = `${RULESET_ARTICLE}.convention-en-vigueur`;

function ruleSetFinding(message: string, facts: Record<string, unknown>): Finding {
  return { rule: RULESET_IN_FORCE_RULE, article: RULESET_ARTICLE, outcome: 'fail', severity: 'error', message, facts };
}

/** Which rules judge a letter labelled for another school year, and why: the report says it before anything else. */
function inForceFinding(submission: Submission, ruleSet: CompiledRuleSet, inForce: NonNullable<Judging['inForce']>): Finding {
  const { convention, actDate, labelled } = inForce;
  const act = formatValue('act', submission.kind);
  const instead = labelled
    ? `celles de l'année scolaire qu'elle déclare (${labelled.schoolYear}, ${RULESET_STATUS_WORDS[labelled.status]})`
    : `celles de l'année scolaire qu'elle déclare (${submission.schoolYear}), qui n'en a pas`;
  return {
    rule: CONVENTION_IN_FORCE_RULE,
    article: RULESET_ARTICLE,
    outcome: 'pass',
    severity: 'info',
    message:
      `${act.charAt(0).toUpperCase()}${act.slice(1)} le ${frenchDate(actDate)}, pièce déclarée pour l'année scolaire ${submission.schoolYear} : ` +
      `à cette date, la convention du dossier (année scolaire ${convention.schoolYear}, signée le ${frenchDate(convention.signedOn)}) ` +
      `est en vigueur jusqu'au ${frenchDate(ruleSet.params.termEnd)} (article 3). La pièce est donc jugée selon les règles ${ruleSet.schoolYear} ` +
      `(${RULESET_STATUS_WORDS[ruleSet.status]}), et non selon ${instead}.`,
    facts: { schoolYear: submission.schoolYear, actDate, conventionSignedOn: convention.signedOn, termEnd: ruleSet.params.termEnd },
  };
}

export async function checkSubmission(submission: Submission, history: readonly Submission[], registry: RuleRegistry): Promise<CheckResult> {
  const judging = judgingRuleSet(registry, submission, history);
  const unavailable = unavailableRules(registry, submission, history, judging);
  if (unavailable) {
    // The rules that may judge it exist but could not be read: no other rule set stands in for them.
    const finding = ruleSetFinding(`${unavailable.problem}.`, { schoolYear: submission.schoolYear });
    return { status: 'rejected', stage: 'rules', errors: [], findings: [finding], ruleSet: null };
  }
  const { ruleSet, inForce } = judging;
  if (!ruleSet) {
    const known = registry.ruleSets.map((r) => `${r.schoolYear} (${r.status === 'in_force' ? 'en vigueur' : 'en projet'})`).join(', ') || 'aucun';
    const finding = ruleSetFinding(
      `Aucun jeu de règles pour l'année scolaire ${submission.schoolYear} : la pièce ne peut pas être acceptée. Jeux de règles connus : ${known}.`,
      { schoolYear: submission.schoolYear },
    );
    return { status: 'rejected', stage: 'rules', errors: [], findings: [finding], ruleSet: null };
  }
  const findings = await evaluate(submission, history, ruleSet);
  if (inForce) findings.unshift(inForceFinding(submission, ruleSet, inForce));
  if (ruleSet.status !== 'in_force') {
    findings.unshift(
      ruleSetFinding(
        `Les règles ${ruleSet.schoolYear} sont en projet : elles ne sont pas en vigueur et aucune pièce ne peut être acceptée sur leur fondement. Les constats ci-dessous sont donnés à titre indicatif.`,
        { schoolYear: submission.schoolYear, ruleSetStatus: ruleSet.status },
      ),
    );
  }
  return { status: isAccepted(findings) ? 'accepted' : 'rejected', stage: 'rules', errors: [], findings, ruleSet: ruleSetRef(ruleSet) };
}

/** Validate, then check: what `check FILE` and `POST /api/check` do with a parsed document. */
export async function checkDocument(value: unknown, history: readonly Submission[], registry: RuleRegistry): Promise<CheckResult> {
  const v = validateSubmission(value);
  if (!v.ok) return { status: 'rejected', stage: 'schema', errors: v.errors, findings: [], ruleSet: null };
  return checkSubmission(v.submission, history, registry);
}
