import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { COMMANDS } from '../../src/cli/commands';
import type { CommandIO } from '../../src/cli/commands/types';
import { runCli } from '../../src/cli/dispatch';
import request from 'supertest';
import { bodyLimitOf, readConfig } from '../../src/config';
import { DOCUMENT_LIMIT } from '../../src/http/document-body';
import { DEFAULT_BODY_LIMIT, MAX_LIST_LENGTH, MAX_SCHEMA_ERRORS } from '../../src/limits';
import { testApp, type TestApp } from '../support/api-app';
import { INVALID_CASES, mutate, fixtureValue, SUBMISSION_FIXTURES, VALID_FIXTURES } from '../support/submissions';

const ROOT = resolve(__dirname, '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], cwd = SUBMISSION_FIXTURES, env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ent-compliance-cli-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  writeFileSync(join(tmp, name), text);
  return name;
}

describe('command table', () => {
  it('lists validate with a summary and a usage', () => {
    const validate = COMMANDS.find((c) => c.name === 'validate');
    expect(validate).toMatchObject({ summary: expect.any(String), usage: expect.stringContaining('Usage') });
  });

  it('has no command twice', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('prints the French usage for --help, help, and nothing', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = await cli(args);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toContain('Usage : ent-compliance COMMANDE');
      for (const c of COMMANDS) expect(r.stdout).toContain(c.name);
    }
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage');
  });

  it('refuses an unknown command', async () => {
    const r = await cli(['valider']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('commande inconnue « valider »');
  });

  it('prints the usage of one command', async () => {
    const r = await cli(['help', 'validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage : ent-compliance validate');
  });

  it('turns a fault of a command into exit code 2 and one line', async () => {
    let stderr = '';
    const boom = { name: 'boom', summary: 's', usage: 'u', run: async () => Promise.reject(new Error('panne')) };
    const code = await runCli(['boom'], { stdout: () => undefined, stderr: (t) => void (stderr += t), cwd: tmp, env: {} }, [boom]);
    expect(code).toBe(2);
    expect(stderr).toBe('boom : erreur interne : panne\n');
  });
});

describe('validate: valid files', () => {
  it('says each file is valid and exits 0', async () => {
    const r = await cli(['validate', ...VALID_FIXTURES]);
    expect(r).toEqual({ code: 0, stdout: VALID_FIXTURES.map((f) => `${f}: valide\n`).join(''), stderr: '' });
  });

  it('prints one JSON line per file with --format json', async () => {
    const r = await cli(['validate', '--format', 'json', 'invoice.json', 'convention-rpi.yaml']);
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { file: 'invoice.json', valid: true, errors: [] },
      { file: 'convention-rpi.yaml', valid: true, errors: [] },
    ]);
  });

  it('accepts --format=text and files after --', async () => {
    const r = await cli(['validate', '--format=text', '--', 'invoice.json']);
    expect(r).toMatchObject({ code: 0, stdout: 'invoice.json: valide\n' });
  });
});

describe('validate: invalid files', () => {
  it.each(INVALID_CASES.map((k) => [k.name, k] as const))('exits 1 for %s', async (_name, k) => {
    const file = write(`case-${INVALID_CASES.indexOf(k)}.json`, JSON.stringify(mutate(fixtureValue(k.fixture), k.at, k.value), null, 2));
    const r = await cli(['validate', file], tmp);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^${file}:\\d+:\\d+: ${k.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+$`, 'm'));
  });

  it('prints each error as FILE:line:column: /path: message', async () => {
    const file = write(
      'bad.yaml',
      'kind: invoice\nschoolYear: 2020-2022\nparty:\n  type: commune\n  name: Lattes\n  siret: "21340129200015"\nissuedOn: 2020-11-31\nschoolCount: 3\namount: 150\n',
    );
    const r = await cli(['validate', file], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'bad.yaml:2:13: /schoolYear: « 2020-2022 » : une année scolaire couvre deux années consécutives, par exemple 2020-2021',
        "bad.yaml:7:11: /issuedOn: « 2020-11-31 » n'est pas une date qui existe dans le calendrier",
        '',
      ].join('\n'),
    );
  });

  it('reports a malformed file at its line and column, and exits 1', async () => {
    const file = write('broken.json', '{\n  "kind": "invoice"\n  "amount": 3\n}\n');
    const r = await cli(['validate', file], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('broken.json:3:3: /: JSON invalide : « , » ou « } » attendu, trouvé « " »\n');
  });

  it('reads a .yaml file as YAML and a .json file as JSON', async () => {
    const file = write('yaml-in.json', 'kind: invoice\n');
    expect((await cli(['validate', file], tmp)).stdout).toContain('JSON invalide');
  });

  it('goes on after an invalid file and exits 1', async () => {
    const bad = write('bad-kind.json', '{"kind": "devis"}');
    const r = await cli(['validate', bad, resolve(SUBMISSION_FIXTURES, 'invoice.json')], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toHaveLength(3);
    expect(r.stdout).toContain('invoice.json: valide');
  });

  it('gives the errors as JSON with --format json', async () => {
    const bad = write('bad-kind2.json', '{"kind": "devis"}');
    const r = await cli(['validate', bad, '--format', 'json'], tmp);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      file: 'bad-kind2.json',
      valid: false,
      errors: [{ path: '/kind', keyword: 'enum', line: 1, column: 10, message: expect.stringContaining('« devis »') }],
    });
  });
});

describe('validate: usage and input errors', () => {
  it.each([
    ['no file', ['validate'], 'aucun fichier'],
    ['an unknown option', ['validate', '--strict', 'invoice.json'], 'option inconnue « --strict »'],
    ['an unknown format', ['validate', '--format', 'xml', 'invoice.json'], 'format inconnu « xml »'],
    ['a format without value', ['validate', 'invoice.json', '--format'], "l'option --format attend une valeur"],
  ])('exits 2 for %s, with the usage', async (_name, args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Usage : ent-compliance validate');
  });

  it('exits 2 for a missing file, naming it, without a stack trace', async () => {
    const r = await cli(['validate', 'invoice.json', 'absent.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('invoice.json: valide\n');
    expect(r.stderr).toBe('validate : fichier introuvable : absent.json\n');
  });

  it('exits 2 for a folder', async () => {
    mkdirSync(join(tmp, 'folder'), { recursive: true });
    const r = await cli(['validate', 'folder'], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('validate : folder est un dossier, pas un fichier\n');
  });

  it('prints its help on stdout and exits 0', async () => {
    const r = await cli(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--format json');
    expect(r.stderr).toBe('');
  });
});

describe('control characters in text fields', () => {
  it.each([
    ['a line feed', '\n', 'un retour à la ligne'],
    ['a carriage return', '\r', 'un retour chariot (fin de ligne Windows)'],
    ['a NUL', '\u0000', 'un caractère nul'],
  ])('refuses %s in a commune’s name, naming the field, at its line', async (_name, char, words) => {
    const doc = fixtureValue('convention-commune.json') as { party: Record<string, unknown> } & Record<string, unknown>;
    const text = JSON.stringify({ ...doc, party: { ...doc.party, name: `Saint-Jean${char}de-Védas` } }, null, 2);
    write('commune-controle.json', text);
    const r = await cli(['validate', 'commune-controle.json'], tmp);
    expect(r.code).toBe(1);
    const line = text.split('\n').findIndex((l) => l.includes('"name": "Saint-Jean')) + 1;
    expect(r.stdout).toMatch(
      new RegExp(
        `^commune-controle\\.json:${line}:\\d+: /party/name: le champ « Partie › Nom » contient ${words.replace(/[()]/g, '\\$&')} après « Saint-Jean » : ce champ s’écrit sur une seule ligne, sans caractère de contrôle\n$`,
      ),
    );
  });
});

describe('the same limits as the API, from one definition (src/limits.ts)', () => {
  const convention = fixtureValue('convention-commune.json') as { schools: unknown[] } & Record<string, unknown>;
  const withSchools = (n: number) => JSON.stringify({ ...convention, schools: Array.from({ length: n }, () => convention.schools[0]) });
  let api: TestApp;
  beforeAll(() => {
    api = testApp({ bodyLimit: 4096 });
  });
  afterAll(() => api.close());

  it('takes BODY_LIMIT as the server does, 1 Mio by default', () => {
    expect(bodyLimitOf({})).toBe(DEFAULT_BODY_LIMIT);
    expect(DEFAULT_BODY_LIMIT).toBe(1024 * 1024);
    expect(readConfig({}).bodyLimit).toBe(DEFAULT_BODY_LIMIT);
    expect(DOCUMENT_LIMIT).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitOf({ BODY_LIMIT: '4kb' })).toBe(4096);
  });

  it('refuses a document above BODY_LIMIT in one line, where the API answers 413', async () => {
    const text = JSON.stringify({ ...convention, note: 'x'.repeat(5000) });
    write('volumineux.json', text);
    const r = await cli(['validate', 'volumineux.json'], tmp, { BODY_LIMIT: '4kb' });
    expect(r).toMatchObject({ code: 1, stderr: '' });
    expect(r.stdout).toBe('volumineux.json: document trop volumineux (5 Kio) : 4 Kio au plus, comme pour l’API (variable BODY_LIMIT)\n');
    const res = await request(api.app).post('/api/validate').set('Content-Type', 'application/json').send(text);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe('document trop volumineux : 4 Kio au plus');
  });

  it('reads a document just under BODY_LIMIT', async () => {
    write('juste.json', JSON.stringify(convention));
    expect((await cli(['validate', 'juste.json'], tmp, { BODY_LIMIT: '4kb' })).code).toBe(0);
  });

  it('says a bad BODY_LIMIT as the server does', async () => {
    const r = await cli(['validate', 'invoice.json'], SUBMISSION_FIXTURES, { BODY_LIMIT: 'beaucoup' });
    expect(r).toMatchObject({ code: 2, stderr: "validate : BODY_LIMIT : « beaucoup » n'est pas une taille (par exemple 1mb, 512kb ou 1048576)\n" });
  });

  it.each([
    ['a list above the format’s maxItems', 600],
    ['a list too long to be read, with the format’s own limit all the same', 5000],
  ])('%s: the errors of the API, and the format’s 500', async (_name, n) => {
    write(`ecoles-${n}.json`, withSchools(n));
    const r = await cli(['validate', `ecoles-${n}.json`, '--format', 'json'], tmp);
    const out = JSON.parse(r.stdout);
    expect(out.errors).toContainEqual(
      expect.objectContaining({ path: '/schools', keyword: 'maxItems', message: `la liste compte ${n} éléments : 500 au plus` }),
    );
    // The API at its default size, as validate: the very same errors.
    const large = testApp();
    try {
      const res = await request(large.app).post('/api/validate').set('Content-Type', 'application/json').send(withSchools(n));
      expect(res.body.errors).toEqual(out.errors);
    } finally {
      large.close();
    }
  });

  it('describes the first 100 errors, then says the list is cut, as the API', async () => {
    const text = JSON.stringify({ ...convention, schools: Array.from({ length: 300 }, () => ({})) });
    write('ecoles-vides.json', text);
    const out = JSON.parse((await cli(['validate', 'ecoles-vides.json', '--format', 'json'], tmp)).stdout);
    expect(out.errors).toHaveLength(MAX_SCHEMA_ERRORS + 1);
    expect(out.errors).toContainEqual(expect.objectContaining({ keyword: 'maxErrors', message: expect.stringContaining('seules les 100 premières') }));
    expect(MAX_SCHEMA_ERRORS).toBe(100);
    expect(MAX_LIST_LENGTH).toBe(1000);
  });
});

describe('the built executable', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  }, 120_000);

  const main = join(ROOT, 'dist/src/cli/main.js');
  const run = (args: string[]) => spawnSync(process.execPath, [main, ...args], { cwd: SUBMISSION_FIXTURES, encoding: 'utf8' });

  it('starts with a shebang', () => {
    expect(readFileSync(main, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('exits 0 for valid files', () => {
    const r = run(['validate', ...VALID_FIXTURES]);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(VALID_FIXTURES.length);
  });

  it('exits 1 for an invalid file', () => {
    const file = join(tmp, 'spawned.json');
    writeFileSync(file, '{"kind": "invoice"}');
    const r = run(['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${file}:1:1: /schoolYear: propriété obligatoire manquante : « schoolYear »`);
  });

  it('exits 2 for a missing file, without a stack trace', () => {
    const r = run(['validate', 'absent.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('validate : fichier introuvable : absent.yaml\n');
  });
});
