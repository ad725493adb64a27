import { Almanac, Engine, type RuleProperties, type TopLevelCondition } from './engine';
import { KINDS, type Kind } from '../domain/submission';
import type { Outcome } from '../domain/finding';
import { CUSTOM_OPERATORS } from './operators';
import { guardRefs, leaves } from './lint';
import { compileMessage, placeholders, type CompiledMessage } from './message';
import type { Conditions, ConditionNode, RuleDef, RuleSet } from './model';

/**
 * Turns a linted rule set into one json-rules-engine Engine per kind of submission, built once
 * and reused for every check. Parameters are written into the conditions here, so that nothing
 * is looked up or parsed while a submission is evaluated.
 *
 * Each rule of ours has up to three parts: whether it applies (`appliesWhen`), whether the case
 * is one the text does not settle (`reviewWhen`), and whether it is met (`conditions`). Each part
 * is an engine rule of its own, named `<rule id>#<part>`, and its outcome is read from the run's
 * `results` and `failureResults` by that name, as json-rules-engine's documentation reads them. A
 * condition tree that several rules of a kind share (the guard « when the ground is a breach »)
 * is registered once as a named condition (`engine.setCondition`) and referred to by name; a
 * guard the lawyers wrote once and named in `ruleset.yaml` (`guards:`) is registered under its
 * own name, and so is a tree written out in full that reads the same.
 */

export type Part = 'applies' | 'review' | 'pass';

export interface CompiledRule {
  def: RuleDef;
  /** The parts present, with the name of the engine rule that decides each. */
  parts: Array<[Part, string]>;
  /** Facts and parameters whose values a finding shows. */
  shownFacts: string[];
  shownParams: string[];
  messages: Record<Outcome, CompiledMessage>;
}

const NOT_APPLICABLE = 'Sans objet pour cette pièce.';

function compileMessages(def: RuleDef): Record<Outcome, CompiledMessage> {
  const m = def.message;
  return {
    pass: compileMessage(m.pass),
    fail: compileMessage(m.fail),
    review: compileMessage(m.review ?? m.fail),
    not_applicable: compileMessage(m.not_applicable ?? NOT_APPLICABLE),
  };
}

/**
 * The facts of one run, computed beforehand by `computeFacts`. The engine reads them through
 * dynamic facts registered once without cache: json-rules-engine hashes every runtime fact it is
 * handed on each run, which cost more than the facts themselves.
 */
export class FactsAlmanac extends Almanac {
  constructor(readonly values: Readonly<Record<string, unknown>>) {
    super({ allowUndefinedFacts: false });
  }
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

/** The tree json-rules-engine runs: parameters written in, each guard named as the engine names conditions (`{ condition: name }`). */
function withParams(node: ConditionNode, params: Readonly<Record<string, unknown>>): ConditionNode {
  if ('guard' in node) return { condition: node.guard } as unknown as ConditionNode;
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

function referenced(rule: RuleDef, paramNames: ReadonlySet<string>, guards: ReadonlyMap<string, Conditions>) {
  const facts = new Set<string>();
  const params = new Set<string>();
  const trees = [rule.appliesWhen, rule.reviewWhen, rule.conditions].filter((t): t is Conditions => t !== undefined);
  for (const t of [...trees]) for (const [ref] of guardRefs(t, '')) trees.push(guards.get(ref.guard)!);
  for (const part of trees) {
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

/** The engine rule deciding one part of a rule of ours. */
export function engineRuleName(ruleId: string, part: Part): string {
  return `${ruleId}#${part}`;
}

const PARTS: ReadonlyArray<[Part, keyof Pick<RuleDef, 'appliesWhen' | 'reviewWhen' | 'conditions'>]> = [
  ['applies', 'appliesWhen'],
  ['review', 'reviewWhen'],
  ['pass', 'conditions'],
];

export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const paramValues = ruleSet.params as unknown as Record<string, unknown>;
  const paramNames = new Set(ruleSet.parameters.map((p) => p.name));
  const guards = new Map(ruleSet.guards.map((g) => [g.name, g.conditions]));
  const engines = new Map<Kind, KindEngine>();
  for (const kind of KINDS) {
    const engine = new Engine([], { allowUndefinedFacts: false });
    for (const op of Object.values(CUSTOM_OPERATORS)) engine.addOperator(op.operator);
    const defs = ruleSet.rules.filter((r) => r.kinds.includes(kind));
    // The guards the rule set names, registered under their own names for the rules of this kind that use them.
    const named = new Map<string, string>();
    const written = new Set<string>();
    for (const def of defs) {
      for (const part of [def.appliesWhen, def.reviewWhen, def.conditions]) {
        if (!part) continue;
        for (const [ref] of guardRefs(part, '')) {
          if (written.has(ref.guard)) continue;
          const tree = withParams(guards.get(ref.guard)!, paramValues);
          engine.setCondition(ref.guard, tree as TopLevelCondition);
          written.add(ref.guard);
          // A tree written out in a rule, alike a guard's, is that guard.
          if (!named.has(JSON.stringify(tree))) named.set(JSON.stringify(tree), ref.guard);
        }
      }
    }
    const trees = defs.flatMap((def) =>
      PARTS.flatMap(([part, key]) => (def[key] ? [{ def, part, tree: withParams(def[key], paramValues) as Conditions }] : [])),
    );
    // Trees written alike in several rules are the same guard: named once, shared by reference.
    const uses = new Map<string, number>();
    for (const t of trees) uses.set(JSON.stringify(t.tree), (uses.get(JSON.stringify(t.tree)) ?? 0) + 1);
    const rules: CompiledRule[] = [];
    const facts = new Set<string>();
    for (const def of defs) {
      const parts: Array<[Part, string]> = [];
      for (const { part, tree } of trees.filter((t) => t.def === def)) {
        const key = JSON.stringify(tree);
        let conditions = tree as TopLevelCondition;
        // A part that is a guard alone is that guard's reference already.
        if ((uses.get(key) ?? 0) > 1 && !('condition' in tree)) {
          let name = named.get(key);
          if (!name) {
            let n = named.size + 1;
            while (written.has(`garde-${n}`)) n++;
            name = `garde-${n}`;
            named.set(key, name);
            engine.setCondition(name, tree as TopLevelCondition);
          }
          conditions = { condition: name };
        }
        const ruleName = engineRuleName(def.id, part);
        const props: RuleProperties = { name: ruleName, conditions, event: { type: ruleName } };
        engine.addRule(props);
        parts.push([part, ruleName]);
      }
      const ref = referenced(def, paramNames, guards);
      ref.facts.forEach((f) => facts.add(f));
      rules.push({ def, parts, shownFacts: ref.facts, shownParams: ref.params, messages: compileMessages(def) });
    }
    for (const name of facts) engine.addFact(name, (_params, almanac) => (almanac as FactsAlmanac).values[name], { cache: false });
    engines.set(kind, { engine, rules, facts: [...facts] });
  }
  return { ...ruleSet, engines };
}
