import type { RuleRegistry } from '../rules/registry';

/**
 * The school year a page shows when none is asked for: today's (the service's clock) when a rule
 * set is written for it, else the latest year in force (else the latest written), so that the page
 * opens on figures rather than on an error.
 */
export function shownSchoolYear(registry: RuleRegistry, todaysYear: string): string {
  const years = registry.ruleSets.map((r) => r.schoolYear);
  if (years.includes(todaysYear)) return todaysYear;
  const inForce = registry.ruleSets.filter((r) => r.status === 'in_force').map((r) => r.schoolYear);
  return [...(inForce.length ? inForce : years)].sort().at(-1) ?? todaysYear;
}
