import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDist, DIST, ROOT } from '../support/build';

/**
 * The README's command-line examples, run as written and compared with what the README shows.
 *
 * An example is a line of a code block that starts with `$ npx ent-compliance` (or
 * `$ node dist/src/cli/main.js`); the lines after it, up to the next `$ ` line or the end of the
 * block, are what it prints (standard output and error, in the order written). In what the README shows:
 *  - a line that is only `…` stands for any number of lines;
 *  - a rule set's version (16 hexadecimal digits), a duration (`en 2,8 s`) and a rate (`3 512/s`)
 *    change from one run to the next and are compared as such, not by value.
 * Each example runs in a scratch folder holding a copy of `examples/` and the project's `rules/`,
 * so that what it writes (`--out`, `--report-dir`, a database) stays out of the repository.
 */

interface Example {
  line: number;
  command: string;
  expected: string[];
}

function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  let inBlock = false;
  let current: Example | undefined;
  markdown.split('\n').forEach((text, i) => {
    if (/^```/.test(text)) {
      inBlock = !inBlock;
      current = undefined;
      return;
    }
    if (!inBlock) return;
    const m = /^\$ (npx ent-compliance|node dist\/src\/cli\/main\.js)\b(.*)$/.exec(text);
    if (m) {
      current = { line: i + 1, command: text.slice(2), expected: [] };
      examples.push(current);
    } else if (text.startsWith('$ ')) {
      current = undefined;
    } else if (current) {
      current.expected.push(text);
    }
  });
  for (const e of examples) while (e.expected.length && e.expected.at(-1)!.trim() === '') e.expected.pop();
  return examples;
}

/** Splits a command line as a POSIX shell would for what the README uses: words, single and double quotes. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`guillemet non fermé : ${line}`);
  if (inWord) words.push(word);
  return words;
}

const VOLATILE: Array<[RegExp, string]> = [
  [/\b[0-9a-f]{16}\b/g, '<version>'],
  [/\ben [0-9]+(,[0-9]+)? s\b/g, 'en <durée> s'],
  [/[0-9][0-9\u00a0\u202f ]*\/s\b/g, '<débit>/s'],
];

function normalise(line: string): string {
  return VOLATILE.reduce((l, [re, by]) => l.replace(re, by), line.trimEnd());
}

/** Whether `actual` lines match `expected`, where a lone `…` line matches any run of lines. */
function matches(expected: readonly string[], actual: readonly string[]): boolean {
  const e = expected.map(normalise);
  const a = actual.map(normalise);
  const go = (i: number, j: number): boolean => {
    if (i === e.length) return j === a.length;
    if (e[i].trim() === '…') {
      for (let k = j; k <= a.length; k++) if (go(i + 1, k)) return true;
      return false;
    }
    return j < a.length && e[i] === a[j] && go(i + 1, j + 1);
  };
  return go(0, 0);
}

describe('the README, as a new user reads it', () => {
  const examples = readmeExamples(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  let scratch: string;
  beforeAll(() => {
    buildDist();
    scratch = mkdtempSync(join(tmpdir(), 'ent-readme-'));
    cpSync(join(ROOT, 'examples'), join(scratch, 'examples'), { recursive: true });
    // The rule sets are the project's, seen from the scratch folder as `rules/` (as from the project's own folder).
    symlinkSync(join(ROOT, 'rules'), join(scratch, 'rules'), 'dir');
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('shows command-line examples with what they print', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const e of examples) expect(e.expected.length).toBeGreaterThan(0);
  });

  it.each(examples.map((e) => [`README.md:${e.line} $ ${e.command}`, e] as const))('%s', (_title, e) => {
    const words = shellWords(e.command);
    const args = words.slice(2);
    // Standard output and error into one file, in the order they were written, as a terminal shows them.
    const outPath = join(scratch, 'printed.txt');
    const out = openSync(outPath, 'w');
    try {
      spawnSync(process.execPath, [join(DIST, 'src/cli/main.js'), ...args], {
        cwd: scratch,
        stdio: ['ignore', out, out],
        env: { ...process.env, NO_COLOR: '1', RULES_DIR: join(scratch, 'rules'), DATABASE_PATH: join(scratch, 'data/ent-compliance.sqlite') },
      });
    } finally {
      closeSync(out);
    }
    const printed = readFileSync(outPath, 'utf8').replace(/\n$/, '').split('\n');
    if (!matches(e.expected, printed)) {
      throw new Error(
        `README.md:${e.line} : « ${e.command} » n'imprime pas ce que le README montre.\n--- README\n${e.expected.join('\n')}\n--- imprimé\n${printed.join('\n')}`,
      );
    }
  });
});

describe('the examples harness itself', () => {
  it('reads commands and their output from code blocks only', () => {
    const md = ['$ npx ent-compliance outside', '```', '$ npx ent-compliance validate a.json', 'a.json: valide', '', '$ curl x', 'ignored', '```'].join('\n');
    expect(readmeExamples(md)).toEqual([{ line: 3, command: 'npx ent-compliance validate a.json', expected: ['a.json: valide'] }]);
  });

  it('splits words as a shell does, quotes included', () => {
    expect(shellWords(`npx ent-compliance token create --label "Service juridique" --role 'juriste'`)).toEqual([
      'npx',
      'ent-compliance',
      'token',
      'create',
      '--label',
      'Service juridique',
      '--role',
      'juriste',
    ]);
  });

  it.each([
    [['a', '…', 'd'], ['a', 'b', 'c', 'd'], true],
    [['a', '…'], ['a'], true],
    [['a', 'b'], ['a', 'c'], false],
    [['version 028d53ba38272c3e'], ['version 0123456789abcdef'], true],
    [['10 pièces contrôlées en 2,8 s'], ['10 pièces contrôlées en 0,1 s'], true],
    [['a'], ['a', 'b'], false],
  ])('%j matches %j: %s', (expected, actual, result) => {
    expect(matches(expected, actual)).toBe(result);
  });
});
