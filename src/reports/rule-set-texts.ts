import { lintRuleSet } from '../rules/lint';
import type { JudgingRuleSet } from '../store/types';
import type { ReportRuleSet } from './input';

/**
 * The rule set a stored report quotes, read back from the texts the store keeps with the verdict
 * (not from the rule sets on disk today): the report then quotes the clauses and parameters that
 * actually judged the submission, even after the year's rules have been edited.
 *
 * Linting a dozen YAML files costs a few milliseconds; a version's texts never change (its name is
 * their hash), so each is read once. The cache is bounded: a server lives through a few versions
 * a year, a long batch through a few more.
 */

const CACHE_LIMIT = 64;
const cache = new Map<string, ReportRuleSet>();

export function reportRuleSetOf(judging: JudgingRuleSet): ReportRuleSet {
  const cached = cache.get(judging.version);
  if (cached) return cached;
  const load = lintRuleSet(judging.schoolYear, judging.files);
  // Texts that no longer lint (a lint rule added since they judged) still name the rule set: the
  // report then shows the findings with their article numbers, without titles or clauses.
  const ruleSet: ReportRuleSet = load.ok
    ? { ...load.ruleSet, schoolYear: judging.schoolYear, status: judging.status, version: judging.version }
    : {
        schoolYear: judging.schoolYear,
        status: judging.status,
        version: judging.version,
        title: `Jeu de règles ${judging.schoolYear}`,
        articles: [],
        rules: [],
        parameters: [],
      };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(judging.version, ruleSet);
  return ruleSet;
}
