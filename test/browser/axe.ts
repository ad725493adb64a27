import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * axe-core's rules of WCAG 2.0 and 2.1, levels A and AA — the automatable part of the RGAA's
 * requirements — run on the page as it is in the browser, after its styles (contrast is measured on
 * what is drawn). Returns the violations in words, one line per element, so that a failing test
 * says which rule, where, and why.
 */

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? 'impact inconnu'}) : ${v.help} — ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
  );
}
