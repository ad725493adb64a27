import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { linearClone } from '../../src/rules/engine';
import { engineRuleName } from '../../src/rules/compile';
import { buildRegistry } from '../../src/rules/registry';
import { buildDist, DIST, ROOT } from '../support/build';

/**
 * How this project uses json-rules-engine, checked against the engine itself, so that an upgrade
 * that changes what we rely on fails here, loudly, rather than in a verdict:
 *  - each part of a rule of ours (applies, review, pass) is an engine rule, read back by name from
 *    the run's `results` (src/rules/compile.ts, evaluate.ts);
 *  - the engine's `clone` is replaced by a linear copy (src/rules/engine.ts), which is only right
 *    while the engine copies conditions with a one-argument `clone` call and while our copy gives
 *    what `clone` gives.
 */

const ENGINE_DIR = dirname(require.resolve('json-rules-engine'));
const registry = buildRegistry(join(ROOT, 'rules'));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the very module json-rules-engine resolves, not our own copy
const originalClone = require(require.resolve('clone', { paths: [ENGINE_DIR] })) as (v: unknown) => unknown;

function sameShape(a: unknown, b: unknown): boolean {
  if (a === null || typeof a !== 'object') return Object.is(a, b);
  if (b === null || typeof b !== 'object' || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  return isDeepStrictEqual(ka, Object.keys(b)) && ka.every((k) => sameShape((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

describe('json-rules-engine as this project uses it', () => {
  it('one engine rule per part of each rule of ours, named after it, in every rule set and kind', () => {
    for (const ruleSet of registry.ruleSets) {
      for (const [, kindEngine] of ruleSet.engines) {
        const names = (kindEngine.engine as unknown as { rules: Array<{ name: string }> }).rules.map((r) => r.name).sort();
        const expected = kindEngine.rules.flatMap((r) => r.parts.map(([part]) => engineRuleName(r.def.id, part))).sort();
        expect(names).toEqual(expected);
      }
    }
  });

  it('writes a guard that several rules share once, as a named condition (engine.setCondition)', () => {
    const rules = registry.ruleSets.find((r) => r.schoolYear === '2020-2021')!;
    const termination = rules.engines.get('termination')!.engine as unknown as {
      conditions: Map<string, unknown>;
      rules: Array<{ conditions: { condition?: string } }>;
    };
    // « when the ground is a breach » guards several rules of article 10.
    expect(termination.conditions.size).toBeGreaterThan(0);
    const byReference = termination.rules.filter((r) => typeof r.conditions.condition === 'string');
    expect(byReference.length).toBeGreaterThanOrEqual(2);
  });

  it('still copies rule conditions with a one-argument clone() in RuleResult: the call our linear copy replaces', () => {
    const source = readFileSync(join(ENGINE_DIR, 'rule-result.js'), 'utf8');
    expect(source).toMatch(/require\(['"]clone['"]\)/);
    expect(source).toMatch(/this\.conditions = \(0, _clone2\.default\)\(conditions\)/);
  });

  it('our linear copy gives what clone gives, prototypes included, on every compiled condition tree', () => {
    let trees = 0;
    for (const ruleSet of registry.ruleSets) {
      for (const [, kindEngine] of ruleSet.engines) {
        for (const rule of (kindEngine.engine as unknown as { rules: Array<{ conditions: unknown }> }).rules) {
          const ours = linearClone(rule.conditions, originalClone);
          expect(ours).not.toBe(rule.conditions);
          expect(sameShape(ours, originalClone(rule.conditions))).toBe(true);
          trees++;
        }
      }
    }
    expect(trees).toBeGreaterThan(50);
  });

  it('is installed in the built program (outside jest, whose module registry bypasses require.cache)', () => {
    buildDist();
    const out = execFileSync(
      process.execPath,
      ['-e', `process.stdout.write(String(require(${JSON.stringify(join(DIST, 'src/rules/engine.js'))}).LINEAR_CLONE_INSTALLED))`],
      { cwd: ROOT },
    ).toString();
    expect(out).toBe('true');
  });
});
