import type { Conditions, ConditionNode, GuardDef, ParameterDef } from '../rules/model';
import { FACTS } from '../contract/facts';
import { OPERATOR_DESCRIPTIONS } from '../rules/operators';
import { articleLabel, formatValue } from '../wording/format';

/**
 * A rule's conditions as French sentences, for the lawyer who reviews a year's rules before it
 * opens: each fact by its description, each operator by its description, each value formatted,
 * each parameter by its description with its value and article. `all` / `any` / `not` become
 * nested lists introduced by « toutes les conditions suivantes », « l’une des conditions
 * suivantes », « il est faux que ».
 */

/** One node of the sentence tree. A leaf has `sentence`; a group has `intro` and `items`. */
export interface ConditionSentence {
  sentence: string | null;
  intro: string | null;
  items: ConditionSentence[];
}

type Parameters = ReadonlyArray<Pick<ParameterDef, 'name' | 'description' | 'article' | 'value'>>;

function factName(name: string): string {
  return `« ${FACTS[name]?.description ?? name} »`;
}

function operand(fact: string, value: unknown, parameters: Parameters): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const ref = value as Record<string, unknown>;
    if (typeof ref.fact === 'string') return factName(ref.fact);
    if (typeof ref.param === 'string') {
      const p = parameters.find((x) => x.name === ref.param);
      if (!p) return `le paramètre « ${ref.param} »`;
      return `le paramètre « ${p.description} » (${formatValue(p.name, p.value)}, ${articleLabel(p.article).toLowerCase()})`;
    }
  }
  if (value === null) return 'vide (non renseigné)';
  return `« ${formatValue(fact, value)} »`;
}

function leaf(sentence: string): ConditionSentence {
  return { sentence, intro: null, items: [] };
}

function group(intro: string, items: ConditionSentence[]): ConditionSentence {
  return { sentence: null, intro, items };
}

type Guards = ReadonlyArray<Pick<GuardDef, 'name' | 'conditions'>>;

export function describeCondition(node: ConditionNode | Conditions, parameters: Parameters, guards: Guards = []): ConditionSentence {
  const describe = (n: ConditionNode | Conditions) => describeCondition(n, parameters, guards);
  if ('fact' in node) {
    if (FACTS[node.fact]?.boolean && node.operator === 'equal' && typeof node.value === 'boolean') {
      return leaf(node.value ? factName(node.fact) : `il est faux que ${factName(node.fact)}`);
    }
    const op = OPERATOR_DESCRIPTIONS[node.operator] ?? node.operator;
    return leaf(`${factName(node.fact)} ${op} ${operand(node.fact, node.value, parameters)}`);
  }
  if ('guard' in node) {
    const guard = guards.find((g) => g.name === node.guard);
    return guard ? group(`la condition commune « ${node.guard} » :`, [describe(guard.conditions)]) : leaf(`la condition commune « ${node.guard} »`);
  }
  if ('all' in node) {
    if (node.all.length === 1) return describe(node.all[0]);
    return group('toutes les conditions suivantes :', node.all.map(describe));
  }
  if ('any' in node) {
    if (node.any.length === 1) return describe(node.any[0]);
    return group('l’une au moins des conditions suivantes :', node.any.map(describe));
  }
  return group('il est faux que :', [describe(node.not)]);
}
