import { schoolYearOf } from '../dates/calendar';
import type { RuleRegistry } from '../rules/registry';
import { parisDay } from '../wording/format';

/**
 * The school year a page shows when none is asked for: today's in Montpellier when a rule set is
 * written for it, else the latest year in force (else the latest written), so that the page opens
 * on figures rather than on an error.
 */
export function currentSchoolYear(registry: RuleRegistry, now: Date): string {
  const today = schoolYearOf(parisDay(now.toISOString()));
  const years = registry.ruleSets.map((r) => r.schoolYear);
  if (years.includes(today)) return today;
  const inForce = registry.ruleSets.filter((r) => r.status === 'in_force').map((r) => r.schoolYear);
  return [...(inForce.length ? inForce : years)].sort().at(-1) ?? today;
}
