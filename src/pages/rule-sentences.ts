import type { Conditions, ConditionNode, ParameterDef } from '../rules/model';
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

export function describeCondition(node: ConditionNode | Conditions, parameters: Parameters): ConditionSentence {
  if ('fact' in node) {
    const op = OPERATOR_DESCRIPTIONS[node.operator] ?? node.operator;
    return leaf(`${factName(node.fact)} ${op} ${operand(node.fact, node.value, parameters)}`);
  }
  if ('all' in node) {
    if (node.all.length === 1) return describeCondition(node.all[0], parameters);
    return group(
      'toutes les conditions suivantes :',
      node.all.map((n) => describeCondition(n, parameters)),
    );
  }
  if ('any' in node) {
    if (node.any.length === 1) return describeCondition(node.any[0], parameters);
    return group(
      'l’une au moins des conditions suivantes :',
      node.any.map((n) => describeCondition(n, parameters)),
    );
  }
  return group('il est faux que :', [describeCondition(node.not, parameters)]);
}
