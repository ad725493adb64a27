import type { RuleRegistry } from '../rules/registry';
import { failureLine, type ReloadOutcome } from '../rules/reload';
import { renderTemplate } from '../reports/templates';
import { RULESET_STATUS_WORDS } from '../wording/labels';
import { pageMeta, PAGE_LINKS } from './page';

/**
 * What the button « Recharger les règles » did, as POST /api/rules/reload says it: the versions
 * loaded, and for a rule set refused at lint its errors by file:line:column and the version that
 * keeps serving in its place.
 */

const HEADINGS: Record<'reloaded' | 'lint' | 'unreadable', string> = {
  reloaded: 'Règles rechargées',
  lint: 'Règles rechargées en partie : des jeux sont refusés à la relecture',
  unreadable: 'Règles non rechargées : le dossier des règles est illisible',
};

export function renderRuleReloadPage(outcome: ReloadOutcome, registry: RuleRegistry): string {
  const status = outcome.ok ? 'reloaded' : outcome.reason;
  return renderTemplate('pages/rule-reload', {
    page: pageMeta(HEADINGS[status], 'regles', false, [{ label: 'Règles', url: PAGE_LINKS.ruleSets() }], 'Rechargement'),
    heading: HEADINGS[status],
    alert: status === 'reloaded' ? 'fr-alert--success' : status === 'lint' ? 'fr-alert--warning' : 'fr-alert--error',
    message: outcome.ok ? null : outcome.reason === 'unreadable' ? outcome.message : null,
    changes: outcome.changes.map((c) => ({
      name: c.name,
      words: c.from === null ? `chargé (version ${c.to})` : c.to === null ? `retiré (la version ${c.from} ne sert plus)` : `version ${c.from} → ${c.to}`,
    })),
    ruleSets: [...registry.ruleSets]
      .sort((a, b) => (a.schoolYear < b.schoolYear ? 1 : -1))
      .map((r) => ({ schoolYear: r.schoolYear, statusWord: RULESET_STATUS_WORDS[r.status], version: r.version, url: PAGE_LINKS.ruleSet(r.schoolYear) })),
    failures: registry.failures.map((f) => ({
      name: f.name,
      serving: f.serving ? `La version ${f.serving.version} (${f.serving.schoolYear}) reste en service.` : 'Aucune version de ce jeu n’est en service.',
      lines: f.errors.map((e) => failureLine(f, e)),
    })),
    ruleSetsUrl: PAGE_LINKS.ruleSets(),
  });
}
