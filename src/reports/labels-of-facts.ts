import { FACTS } from '../contract/facts';
import type { ReportRuleSet } from './input';
import { articleLabel, formatValue } from '../wording/format';

/**
 * The label of a value a finding shows: a fact's French description from the FACTS table, or a
 * parameter's from the rule set (with the article it comes from), so that the report names each
 * value the way the rules define it.
 */

/** Values that findings about the rule set itself carry, which are neither facts nor parameters. */
const OTHER_LABELS: Readonly<Record<string, string>> = {
  ruleSetStatus: 'Statut du jeu de règles de l’année scolaire',
};

export interface ValueRow {
  name: string;
  label: string;
  /** « paramètre, article 5 » for a parameter of the rule set; empty for a fact. */
  origin: string;
  value: string;
}

export function valueRow(name: string, value: unknown, ruleSet: ReportRuleSet | null): ValueRow {
  const fact = FACTS[name];
  if (fact) return { name, label: fact.description, origin: '', value: formatValue(name, value) };
  const param = ruleSet?.parameters.find((p) => p.name === name);
  if (param) {
    const unit = param.unit ? ` (${param.unit})` : '';
    return { name, label: `${param.description}${unit}`, origin: `paramètre, ${articleLabel(param.article).toLowerCase()}`, value: formatValue(name, value) };
  }
  return { name, label: OTHER_LABELS[name] ?? name, origin: '', value: formatValue(name, value) };
}

export function valueRows(facts: Readonly<Record<string, unknown>>, ruleSet: ReportRuleSet | null): ValueRow[] {
  return Object.entries(facts).map(([name, value]) => valueRow(name, value, ruleSet));
}
