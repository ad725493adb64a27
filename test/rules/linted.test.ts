import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { lintRuleSet } from '../../src/rules/lint';
import { codeDigest, generatedLintedSource, outcomeIn, type GeneratedLinted, type LintedEntry } from '../../src/rules/linted';
import { lintedEntry, readBaseFolder, readRuleSetFiles, ruleSetDirs } from '../../src/rules/load';
import { RULES_DIR } from '../support/api-fixtures';

/**
 * The rule sets linted at build time (issue 17: reading the rules' YAML was most of a start) give
 * what linting at start-up gives, and are not used for other texts, other bases or by other code.
 */

function load(source: string): GeneratedLinted {
  const module = { exports: {} as GeneratedLinted };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the module the build would write, as Node would load it
  new Function('exports', 'module', source)(module.exports, module);
  return module.exports;
}

/** What a start finds for the rule set in `dir`, as the rule files and their bases are now. */
function atStart(generated: GeneratedLinted, dir: string, digest = 'code-a') {
  const top = resolve(dir);
  return outcomeIn(generated, digest, basename(top), readRuleSetFiles(top), (path) => readBaseFolder(top, path));
}

describe('rule sets linted at build time', () => {
  const entries: LintedEntry[] = ruleSetDirs(RULES_DIR).map(lintedEntry);
  const generated = load(generatedLintedSource(entries, 'code-a'));

  it('give, for the same texts and code, exactly what the lint gives', () => {
    expect(entries.length).toBeGreaterThanOrEqual(2);
    for (const dir of ruleSetDirs(RULES_DIR)) {
      const e = entries.find((x) => x.name === basename(dir))!;
      expect(e.load.ok).toBe(true);
      expect(atStart(generated, dir)).toEqual(e.load);
    }
  });

  it('give objects of their own at each use', () => {
    const dir = ruleSetDirs(RULES_DIR)[0];
    const a = atStart(generated, dir);
    const b = atStart(generated, dir);
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
  });

  it('give nothing for an edited file, another name, or other code', () => {
    const { name, files } = entries[0];
    const noBase = () => null;
    const edited = files.map((f, i) => (i === files.length - 1 ? { ...f, text: `${f.text}\n# modifié\n` } : f));
    expect(outcomeIn(generated, 'code-a', name, files, noBase)).toEqual(entries[0].load);
    expect(outcomeIn(generated, 'code-a', name, edited, noBase)).toBeUndefined();
    expect(outcomeIn(generated, 'code-a', `${name}-bis`, files, noBase)).toBeUndefined();
    expect(outcomeIn(generated, 'code-b', name, files, noBase)).toBeUndefined();
  });

  it('the code is told apart by every module it is made of, the generated ones aside', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ent-compliance-code-'));
    try {
      mkdirSync(join(dir, 'rules'));
      writeFileSync(join(dir, 'rules/lint.js'), 'exports.a = 1;');
      const first = codeDigest(dir);
      writeFileSync(join(dir, 'rules/linted.generated.js'), 'exports.x = 1;');
      expect(codeDigest(dir)).toBe(first);
      writeFileSync(join(dir, 'rules/lint.js'), 'exports.a = 2;');
      expect(codeDigest(dir)).not.toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a rule set that extends another, linted at build time', () => {
  let dir: string;
  let generated: GeneratedLinted;
  const year = () => join(dir, '2021-2022');
  beforeEach(() => {
    // The project's two years: 2021-2022 extends 2020-2021 and says only what changes.
    dir = mkdtempSync(join(tmpdir(), 'ent-compliance-linted-'));
    for (const d of ruleSetDirs(RULES_DIR)) cpSync(d, join(dir, basename(d)), { recursive: true });
    generated = load(generatedLintedSource(ruleSetDirs(dir).map(lintedEntry), 'code-a'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records the base it read, and gives the outcome while the base is as it was', () => {
    const entry = lintedEntry(year());
    expect(entry.bases.map(([path]) => path)).toEqual(['../2020-2021']);
    expect(entry.load.ok).toBe(true);
    expect(atStart(generated, year())).toEqual(entry.load);
  });

  it('gives nothing once a file of the base changes, though the year that extends it did not', () => {
    appendFileSync(join(dir, '2020-2021', 'rules', readRuleSetFiles(join(dir, '2020-2021')).at(-1)!.path.slice('rules/'.length)), '\n# modifié\n');
    expect(atStart(generated, join(dir, '2020-2021'))).toBeUndefined();
    expect(atStart(generated, year())).toBeUndefined();
  });

  it('gives nothing once the base is removed: the lint says where extends names it', () => {
    rmSync(join(dir, '2020-2021'), { recursive: true });
    expect(atStart(generated, year())).toBeUndefined();
    const linted = lintedEntry(year()).load;
    expect(linted.ok).toBe(false);
    expect(!linted.ok && linted.errors[0]).toMatchObject({ file: 'ruleset.yaml', message: expect.stringMatching(/introuvable/) });
  });

  it('gives nothing once a base that was missing at build time is put back', () => {
    const base = join(dir, '2020-2021');
    const kept = mkdtempSync(join(tmpdir(), 'ent-compliance-base-'));
    try {
      cpSync(base, kept, { recursive: true });
      rmSync(base, { recursive: true });
      const withoutBase = load(generatedLintedSource(ruleSetDirs(dir).map(lintedEntry), 'code-a'));
      expect(atStart(withoutBase, year())).toMatchObject({ ok: false });
      cpSync(kept, base, { recursive: true });
      expect(atStart(withoutBase, year())).toBeUndefined();
    } finally {
      rmSync(kept, { recursive: true, force: true });
    }
  });

  it('the outcome it gives is the lint of the year with its base', () => {
    const top = resolve(year());
    const alone = lintRuleSet(basename(top), readRuleSetFiles(top));
    // Without its base the year cannot be judged on: what the record holds is the lint with it.
    expect(alone.ok).toBe(false);
    expect(atStart(generated, year())).toMatchObject({ ok: true });
  });
});
