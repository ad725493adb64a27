import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { KINDS, type Kind } from '../domain/submission';
import { CUSTOM_OPERATORS } from './operators';
import { leaves } from './lint';
import { placeholders } from './message';
import type { Conditions, ConditionNode, RuleDef, RuleSet } from './model';

/**
 * Turns a linted rule set into one json-rules-engine Engine per kind of submission, built once
 * and reused for every check. Parameters are written into the conditions here, so that nothing
 * is looked up or parsed while a submission is evaluated.
 *
 * Each rule of ours becomes up to three engine rules: whether it applies (`appliesWhen`), whether
 * the case is one the text does not settle (`reviewWhen`), and whether it is met (`conditions`).
 */

export type Part = 'applies' | 'review' | 'pass';

export interface CompiledRule {
  def: RuleDef;
  /** Facts and parameters whose values a finding shows. */
  shownFacts: string[];
  shownParams: string[];
}

export interface KindEngine {
  engine: Engine;
  rules: CompiledRule[];
  /** Every fact the engine's rules read: computed before each run. */
  facts: string[];
}

export interface CompiledRuleSet extends RuleSet {
  engines: ReadonlyMap<Kind, KindEngine>;
}

export function engineRuleName(ruleId: string, part: Part): string {
  return `${ruleId}#${part}`;
}

function withParams(node: ConditionNode, params: Readonly<Record<string, unknown>>): ConditionNode {
  if ('fact' in node) {
    const v = node.value;
    if (v && typeof v === 'object' && !Array.isArray(v) && 'param' in v && Object.keys(v).length === 1) {
      return { ...node, value: params[(v as { param: string }).param] };
    }
    return { ...node };
  }
  if ('all' in node) return { all: node.all.map((n) => withParams(n, params)) };
  if ('any' in node) return { any: node.any.map((n) => withParams(n, params)) };
  return { not: withParams(node.not, params) };
}

function referenced(rule: RuleDef, paramNames: ReadonlySet<string>) {
  const facts = new Set<string>();
  const params = new Set<string>();
  for (const part of [rule.appliesWhen, rule.reviewWhen, rule.conditions]) {
    if (!part) continue;
    for (const [leaf] of leaves(part, '')) {
      facts.add(leaf.fact);
      const v = leaf.value as Record<string, unknown> | null;
      if (v && typeof v === 'object' && typeof v.fact === 'string') facts.add(v.fact);
      if (v && typeof v === 'object' && typeof v.param === 'string') params.add(v.param);
    }
  }
  for (const template of Object.values(rule.message)) {
    for (const ph of placeholders(template ?? '')) (paramNames.has(ph.name) ? params : facts).add(ph.name);
  }
  return { facts: [...facts], params: [...params] };
}

export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const paramValues = ruleSet.params as unknown as Record<string, unknown>;
  const paramNames = new Set(ruleSet.parameters.map((p) => p.name));
  const engines = new Map<Kind, KindEngine>();
  for (const kind of KINDS) {
    const engine = new Engine([], { allowUndefinedFacts: false });
    for (const op of Object.values(CUSTOM_OPERATORS)) engine.addOperator(op.operator);
    const rules: CompiledRule[] = [];
    const facts = new Set<string>();
    for (const def of ruleSet.rules.filter((r) => r.kinds.includes(kind))) {
      const parts: Array<[Part, Conditions | undefined]> = [['applies', def.appliesWhen], ['review', def.reviewWhen], ['pass', def.conditions]];
      for (const [part, conditions] of parts) {
        if (!conditions) continue;
        const props: RuleProperties = {
          name: engineRuleName(def.id, part),
          conditions: withParams(conditions, paramValues) as TopLevelCondition,
          event: { type: engineRuleName(def.id, part) },
        };
        engine.addRule(props);
      }
      const ref = referenced(def, paramNames);
      ref.facts.forEach((f) => facts.add(f));
      rules.push({ def, shownFacts: ref.facts, shownParams: ref.params });
    }
    engines.set(kind, { engine, rules, facts: [...facts] });
  }
  return { ...ruleSet, engines };
}
