import { join } from 'node:path';
import type { Outcome } from '../domain/finding';
import type { CompiledRuleSet } from './compile';
import { readBaseTestFolders, readTestFiles } from './load';
import type { RuleSetFile } from './model';
import { runRuleTests, type RuleTestRun, type TestFolder } from './rule-tests';

/**
 * A rule's messages as a reader meets them, with real values in place of `{placeholders}`: each
 * taken from the first of the rule set's own YAML test cases (tests/*.yaml) in which the rule had
 * that outcome. The values are those of a case the legal staff wrote, hence consistent with one
 * another (a date after the window in the message that says so) and with the year's parameters;
 * a case that replaces parameters, or that does not pass, is not used.
 */

export interface MessageExample {
  message: string;
  /** The case it comes from: its name and where it is written. */
  caseName: string;
  file: string;
  line: number;
}

export type RuleExamples = ReadonlyMap<string, Partial<Record<Outcome, MessageExample>>>;

/** `tests/article-6.2.yaml` for article 6.2, `tests/annexe-1.yaml` for annexe-1: where its own cases are. */
function isArticleFile(file: string, article: string): boolean {
  const stem = file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  return stem === article || stem === `article-${article}`;
}

export function examplesFrom(run: RuleTestRun): RuleExamples {
  const examples = new Map<string, Partial<Record<Outcome, MessageExample & { own: boolean }>>>();
  for (const c of run.cases) {
    if (!c.ok || c.parametersChanged) continue;
    for (const f of c.findings) {
      const ofRule = examples.get(f.rule) ?? {};
      // A case written for the rule's own article says best what the message is for; else the first one.
      const own = isArticleFile(c.file, f.article);
      const seen = ofRule[f.outcome];
      if (!seen || (own && !seen.own)) ofRule[f.outcome] = { message: f.message, caseName: c.name, file: c.file, line: c.line, own };
      examples.set(f.rule, ofRule);
    }
  }
  return examples;
}

export async function ruleExamples(ruleSet: CompiledRuleSet, testFiles: readonly RuleSetFile[], bases: readonly TestFolder[] = []): Promise<RuleExamples> {
  return examplesFrom(await runRuleTests([...testFiles], ruleSet, bases));
}

/** Run once per loaded rule set (a reload makes new ones), on first demand: the pages ask for them. */
const computed = new WeakMap<CompiledRuleSet, Promise<RuleExamples>>();

/** The examples of a rule set loaded from `rulesDir/<its name>`; none when its tests cannot be run. */
export function examplesOf(ruleSet: CompiledRuleSet, rulesDir: string): Promise<RuleExamples> {
  let examples = computed.get(ruleSet);
  if (!examples) {
    examples = Promise.resolve()
      // A year that inherits its base's cases shows their messages too, as its own rules write them.
      .then(() => ruleExamples(ruleSet, readTestFiles(join(rulesDir, ruleSet.name)), readBaseTestFolders(join(rulesDir, ruleSet.name), ruleSet)))
      .catch((): RuleExamples => new Map());
    computed.set(ruleSet, examples);
  }
  return examples;
}
