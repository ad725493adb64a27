import { join } from 'node:path';
import { loadRuleSet, readBaseTestFolders, readTestFiles, ruleSetDirs } from '../../src/rules/load';
import { compileRuleSet } from '../../src/rules/compile';
import { coverage, runRuleTests } from '../../src/rules/rule-tests';
import { formatLintError } from '../../src/rules/model';

/**
 * The YAML test cases the legal staff write beside each rule set, run by jest too, so that
 * `npm test` fails when a rule and its cases disagree.
 */
const ROOT = join(__dirname, '../..');
const dirs = [...ruleSetDirs(join(ROOT, 'rules')), join(ROOT, 'test/fixtures/rules/multi-year')];

describe.each(dirs.map((d) => [d.slice(ROOT.length + 1), d]))('rule set %s', (_name, dir) => {
  const load = loadRuleSet(dir);

  it('lints without error', () => {
    expect(load.ok ? [] : load.errors.map(formatLintError)).toEqual([]);
  });

  it('writes no parameter’s value out in a title or a message: it names the parameter', () => {
    expect(load.ok ? load.warnings.map(formatLintError) : []).toEqual([]);
  });
  if (!load.ok) return;
  const ruleSet = compileRuleSet(load.ruleSet);
  const run = runRuleTests(readTestFiles(dir), ruleSet, readBaseTestFolders(dir, ruleSet));

  it('reads its test files without error', async () => {
    expect((await run).errors.map(formatLintError)).toEqual([]);
  });

  it('passes every test case', async () => {
    const failed = (await run).cases.filter((c) => !c.ok).map((c) => `${c.file}:${c.line} ${c.name}\n  ${c.problems.join('\n  ')}`);
    expect(failed).toEqual([]);
    expect((await run).cases.length).toBeGreaterThan(0);
  });

  if (!dir.includes('fixtures')) {
    it('has, for every rule, a case where it passes and one where it does not', async () => {
      const uncovered = coverage(ruleSet, await run)
        .filter((r) => !r.passedIn.length || !r.notPassedIn.length)
        .map((r) => `${r.rule}: ${r.passedIn.length} conforme(s), ${r.notPassedIn.length} non conforme(s)`);
      expect(uncovered).toEqual([]);
    });
  }
});
