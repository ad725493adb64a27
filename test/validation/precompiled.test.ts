import Module from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { generatedSource } from '../../src/validation/precompiled';
import { submissionValidatorSet } from '../../src/validation/validator';
import { ruleSchemasValidatorSet } from '../../src/rules/rule-schemas';
import { INVALID_CASES, VALID_FIXTURES, fixtureValue, mutate } from '../support/submissions';

/**
 * The validators generated at build time must judge exactly as those compiled at start-up: same
 * verdicts, same errors, for every valid fixture and every invalid case of the format.
 */
function load(source: string): Record<string, ValidateFunction> & { schemasHash: string } {
  const m = new Module(join(__dirname, '../../src/validation/generated.js'));
  m.filename = m.id;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(join(__dirname, '../../src/validation'));
  // The generated code requires "./keywords" beside it: the sources' module here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the generated code's own require, handed to it as CommonJS expects
  const req = (id: string): unknown => (id === './keywords' ? require('../../src/validation/keywords') : require(id));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the generated validators exactly as Node would load their file
  new Function('require', 'module', 'exports', source)(req, m, m.exports);
  return m.exports as Record<string, ValidateFunction> & { schemasHash: string };
}

describe('validators generated at build time', () => {
  const runtime = submissionValidatorSet();
  const generated = load(generatedSource(submissionValidatorSet()));
  const compiled = (ref: string) => runtime.ajv.getSchema(runtime.refs[ref])!;
  const verdict = (v: ValidateFunction, value: unknown) => {
    const ok = v(value);
    return { ok, errors: (v.errors ?? []).map((e) => [e.instancePath, e.keyword, e.params]) };
  };

  it('carry the hash of the schemas they were made from', () => {
    expect(generated.schemasHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(VALID_FIXTURES.map((f) => [f]))('accept %s as the compiled ones do', (name) => {
    expect(verdict(generated.any, fixtureValue(name))).toEqual({ ok: true, errors: [] });
  });

  it.each(INVALID_CASES.map((c) => [c.name, c]))('refuse %s with the same errors', (_name, c) => {
    const value = mutate(fixtureValue(c.fixture), c.at, c.value);
    expect(verdict(generated.any, value)).toEqual(verdict(compiled('any'), value));
  });

  it('generate the rule files validators too', () => {
    const rules = load(generatedSource(ruleSchemasValidatorSet()));
    expect(rules.ruleFile({ article: '5', rules: [] })).toBe(false);
    expect(rules.ruleFile.errors?.[0]).toMatchObject({ instancePath: '/rules', keyword: 'minItems' });
  });
});
