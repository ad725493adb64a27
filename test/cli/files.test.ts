import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli } from '../support/cli';
import { databaseProblem, fileProblem } from '../../src/wording/file-errors';

/**
 * The first hour of a new user: a path mistyped, a folder that does not exist, a file where a folder
 * was meant, a PDF picked instead of the document. Every command answers a French sentence that
 * names the path as it was typed, exit code 2 (or 1 for a document refused), and never a code of
 * the system (`ENOENT`) or a stack.
 */

const FIXTURES = resolve(__dirname, '../fixtures/submissions');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ent-compliance-files-'));
  writeFileSync(join(dir, 'un-fichier'), 'ceci est un fichier');
  writeFileSync(join(dir, 'facture.json'), readFileSync(join(FIXTURES, 'invoice.json')));
  writeFileSync(join(dir, 'convention.pdf'), Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n', 'latin1'));
  writeFileSync(
    join(dir, 'convention.docx'),
    Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000', 'latin1'), Buffer.alloc(24), Buffer.from('word/document.xml'), Buffer.from([0x8f, 0x00])]),
  );
  writeFileSync(join(dir, 'latin1.json'), Buffer.from('{"kind": "invoice", "note": "Béziers"}', 'latin1'));
  mkdirSync(join(dir, 'regles-vides'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SYSTEM_CODE = /\bE[A-Z]{2,}\b|SQLITE_|[Nn]o such file|[Pp]ermission denied|not a database|[Uu]nable to open/;

describe('a file the command line cannot read or write: one French sentence, exit 2', () => {
  it.each([
    ['validate, a file missing', ['validate', 'absent.json'], {}, 'validate : fichier introuvable : absent.json'],
    ['validate, a folder', ['validate', 'regles-vides'], {}, 'validate : regles-vides est un dossier, pas un fichier'],
    ['check, a file missing', ['check', 'absent.json'], {}, 'check : fichier introuvable : absent.json'],
    ['check, a folder', ['check', 'regles-vides'], {}, 'check : regles-vides est un dossier, pas un fichier'],
    ['check --dossier, a file missing', ['check', 'facture.json', '--dossier', 'anterieures.json'], {}, 'check : fichier introuvable : anterieures.json'],
    [
      'check --dossier, a PDF',
      ['check', 'facture.json', '--dossier', 'convention.pdf'],
      {},
      'check : convention.pdf : c’est un fichier PDF, pas un document JSON ou YAML (le format d’échange des pièces)',
    ],
    [
      'check --out, a folder missing',
      ['check', 'facture.json', '--out', 'resultats/rapport.txt'],
      {},
      'check : dossier inexistant : le dossier où écrire resultats/rapport.txt n’existe pas',
    ],
    [
      'check --out, through a file',
      ['check', 'facture.json', '--out', 'un-fichier/rapport.txt'],
      {},
      'check : chemin impossible : un-fichier/rapport.txt passe par un fichier comme s’il était un dossier',
    ],
    ['check --out, a folder', ['check', 'facture.json', '--out', 'regles-vides'], {}, 'check : regles-vides est un dossier : donnez un nom de fichier'],
    ['check, RULES_DIR missing', ['check', 'facture.json'], { RULES_DIR: 'pas-de-regles' }, 'check : dossier introuvable : pas-de-regles (variable RULES_DIR)'],
    ['batch, a campaign missing', ['batch', 'campagne.jsonl'], {}, 'batch : campagne introuvable : ni dossier ni fichier campagne.jsonl'],
    [
      'batch --report-dir, through a file',
      ['batch', FIXTURES, '--report-dir', 'un-fichier/rapports'],
      {},
      'batch : chemin impossible : un-fichier/rapports passe par un fichier comme s’il était un dossier',
    ],
    [
      'batch --database, through a file',
      ['batch', FIXTURES, '--database', 'un-fichier/base.sqlite'],
      {},
      'batch : base de données un-fichier/base.sqlite inutilisable : un-fichier existe déjà et n’est pas un dossier',
    ],
    [
      'batch --database, not a database',
      ['batch', FIXTURES, '--database', 'facture.json'],
      {},
      'batch : base de données facture.json inutilisable : ce fichier n’est pas une base SQLite',
    ],
    [
      'batch --database, a folder',
      ['batch', FIXTURES, '--database', 'regles-vides'],
      {},
      'batch : base de données regles-vides inutilisable : c’est un dossier, donnez le chemin d’un fichier',
    ],
    ['batch, RULES_DIR missing', ['batch', FIXTURES], { RULES_DIR: 'pas-de-regles' }, 'batch : dossier introuvable : pas-de-regles (variable RULES_DIR)'],
    ['rules, a folder missing', ['rules', 'lint', 'pas-de-regles'], {}, 'rules lint : dossier introuvable : pas-de-regles'],
    [
      'rules, a file',
      ['rules', 'test', 'un-fichier'],
      {},
      'rules test : un-fichier est un fichier : donnez le dossier d’un jeu de règles ou le dossier qui les contient',
    ],
    [
      'rules, RULES_DIR missing',
      ['rules', 'coverage'],
      { RULES_DIR: 'pas-de-regles' },
      'rules coverage : dossier introuvable : pas-de-regles (variable RULES_DIR)',
    ],
    [
      'token, DATABASE_PATH through a file',
      ['token', 'list'],
      { DATABASE_PATH: 'un-fichier/base.sqlite' },
      'token : base de données un-fichier/base.sqlite inutilisable : un-fichier existe déjà et n’est pas un dossier (variable DATABASE_PATH)',
    ],
    [
      'token, DATABASE_PATH not a database',
      ['token', 'list'],
      { DATABASE_PATH: 'facture.json' },
      'token : base de données facture.json inutilisable : ce fichier n’est pas une base SQLite (variable DATABASE_PATH)',
    ],
    [
      'token, DATABASE_PATH a folder',
      ['token', 'create', '--role', 'lecteur'],
      { DATABASE_PATH: 'regles-vides' },
      'token : base de données regles-vides inutilisable : c’est un dossier, donnez le chemin d’un fichier (variable DATABASE_PATH)',
    ],
  ])('%s', async (_case, args, env, sentence) => {
    const r = await cli(args, dir, env);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`${sentence}\n`);
    expect(r.stderr).not.toMatch(SYSTEM_CODE);
  });
});

describe('the register’s commands (withdraw, verify, backup): the same words', () => {
  it.each([
    // verify only reads: the database is « illisible » to it.
    ['verify', ['verify', '--database', 'facture.json'], 'illisible'],
    ['withdraw', ['withdraw', '00000000-0000-4000-8000-000000000000', '--reason', 'erreur', '--database', 'facture.json'], 'inutilisable'],
  ])('%s on a file that is no database', async (command, args, state) => {
    const r = await cli(args, dir);
    expect(r).toMatchObject({
      code: 2,
      stderr: `${command} : base de données ${join(dir, 'facture.json')} ${state} : ce fichier n’est pas une base SQLite\n`,
    });
  });

  it('backup to a folder that is a file', async () => {
    expect((await cli(['token', 'create', '--role', 'lecteur'], dir, { DATABASE_PATH: 'registre.sqlite' })).code).toBe(0);
    const r = await cli(['backup', 'un-fichier/copie.sqlite', '--database', 'registre.sqlite'], dir);
    expect(r).toMatchObject({ code: 2, stderr: 'backup : un-fichier existe déjà et n’est pas un dossier\n' });
    expect(r.stderr).not.toMatch(SYSTEM_CODE);
  });
});

describe('a file that is no document: refused in one line, like a document that cannot be read (exit 1)', () => {
  it.each([
    ['a PDF', 'convention.pdf', 'c’est un fichier PDF, pas un document JSON ou YAML (le format d’échange des pièces)'],
    ['a Word file', 'convention.docx', 'c’est un document Word (.docx), pas un document JSON ou YAML (le format d’échange des pièces)'],
    [
      'a text saved in Latin-1',
      'latin1.json',
      "le fichier n'est pas un texte UTF-8 valide (ligne 1, octet 31 : 0xe9) : enregistrez-le en UTF-8 puis envoyez-le de nouveau",
    ],
  ])('%s: validate says so in one line', async (_case, file, sentence) => {
    const r = await cli(['validate', file], dir);
    expect(r).toMatchObject({ code: 1, stdout: `${file}: ${sentence}\n`, stderr: '' });
    const json = await cli(['validate', file, '--format', 'json'], dir);
    expect(JSON.parse(json.stdout)).toEqual({ file, valid: false, errors: [{ path: '', keyword: 'syntax', message: sentence }] });
  });

  it('check rejects a PDF in one line, at the stage of reading', async () => {
    const r = await cli(['check', 'convention.pdf'], dir);
    expect(r).toMatchObject({
      code: 1,
      stdout: `convention.pdf : REJETÉE, non conforme (schéma)\n  c’est un fichier PDF, pas un document JSON ou YAML (le format d’échange des pièces)\n`,
    });
  });
});

describe('the wording of the system’s codes', () => {
  // Codes a test cannot provoke as the root user of a container: worded all the same.
  const errno = (code: string) => Object.assign(new Error(`${code}: something`), { code });
  it.each([
    ['EACCES', 'read', 'lecture refusée : pieces/convention.json (droits insuffisants)'],
    ['EPERM', 'write', 'écriture refusée : pieces/convention.json (droits insuffisants)'],
    ['EACCES', 'create-dir', 'création refusée : pieces/convention.json (droits insuffisants)'],
    ['ENOSPC', 'write', 'écriture impossible de pieces/convention.json : plus de place sur le disque'],
    ['EROFS', 'write', 'écriture impossible de pieces/convention.json : le disque est en lecture seule'],
    ['EIO', 'read', 'lecture impossible de pieces/convention.json : erreur du disque'],
    ['ENOENT', 'read-dir', 'dossier introuvable : pieces/convention.json'],
  ] as const)('%s while %s', (code, action, sentence) => {
    expect(fileProblem(errno(code), 'pieces/convention.json', action)).toBe(sentence);
  });

  it.each([
    ['SQLITE_READONLY', 'base de données base.sqlite inutilisable : elle est en lecture seule'],
    ['SQLITE_BUSY', 'base de données base.sqlite inutilisable : occupée par un autre programme, réessayez dans un instant'],
    ['SQLITE_CORRUPT', 'base de données base.sqlite inutilisable : elle est endommagée'],
    ['EACCES', 'base de données donnees/base.sqlite inutilisable : création refusée : donnees (droits insuffisants)'],
  ])('%s of a database', (code, sentence) => {
    expect(databaseProblem(errno(code), code === 'EACCES' ? 'donnees/base.sqlite' : 'base.sqlite')).toBe(sentence);
  });
});
