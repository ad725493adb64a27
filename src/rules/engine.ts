/**
 * json-rules-engine, as this project loads it. Every other module imports the engine from here, so
 * that the faster clone below is in place before the engine's modules are first loaded.
 *
 * Why: json-rules-engine deep-copies a rule's conditions on every run (RuleResult), with the
 * `clone` package in its circular-safe mode, which looks each object up among all those already
 * copied: quadratic in the size of the conditions. The profile of a campaign showed it as the
 * largest single cost, and most of the garbage. Our conditions are trees of plain objects,
 * arrays and the engine's Condition instances, with no cycles; for those, a linear copy that keeps
 * each object's prototype is the same copy. Anything else (a Date, a Map, a Buffer…) still goes
 * to the original. The replacement is installed in Node's module cache for the `clone` that
 * json-rules-engine resolves, and nowhere else.
 */
import { dirname } from 'node:path';

type CloneFn = (value: unknown, ...rest: unknown[]) => unknown;

/**
 * The copy json-rules-engine makes of a rule's conditions, in linear time: plain objects (keeping
 * their prototype, so a Condition stays a Condition) and arrays are copied member by member;
 * anything else goes to `other` (the engine's own `clone`). Exported for the test that compares
 * it with the original on every compiled rule set (test/rules/engine.test.ts).
 */
export function linearClone(value: unknown, other: (value: unknown) => unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => linearClone(v, other));
  if (Object.prototype.toString.call(value) !== '[object Object]') return other(value);
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  for (const key of Object.keys(value)) copy[key] = linearClone((value as Record<string, unknown>)[key], other);
  return copy;
}

function installLinearClone(): boolean {
  let path: string;
  try {
    path = require.resolve('clone', { paths: [dirname(require.resolve('json-rules-engine'))] });
  } catch {
    return false;
  }
  // Under jest's module registry `require.cache` is not consulted: the engine then keeps its clone.
  if (!require.cache || require.cache[path]) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module json-rules-engine resolved, by its path, to wrap it
  const original = require(path) as CloneFn;
  const replacement: CloneFn = (value, ...rest) => (rest.length ? original(value, ...rest) : linearClone(value, original));
  const cached = require.cache[path]!;
  cached.exports = replacement;
  return true;
}

export const LINEAR_CLONE_INSTALLED = installLinearClone();

export { Engine, Operator, Almanac, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
