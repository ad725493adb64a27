import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { RULESET_FILE } from '../../rules/lint';
import { formatLintError } from '../../rules/model';
import { buildRegistry } from '../../rules/registry';
import { readFolderSources, writeFolderFiles } from '../../rules/write';
import { RuleEditor } from '../../service/rule-editor';
import { Store } from '../../store/store';
import { defaultRulesDir } from '../../config';
import { fileProblem } from '../../wording/file-errors';
import { countOf } from '../../wording/format';
import { parseArgs } from '../args';
import { databaseArg } from '../database';
import type { CommandIO } from './types';

/**
 * `rules export YEAR DIR` and `rules import DIR`: a year's rules carried as a folder, the exchange
 * format (ruleset.yaml, rules/*.yaml, tests/*.yaml, as written: a year that extends another says
 * only what changes, and is read again against the same base).
 *  - export writes the year's own files as RULES_DIR holds them, or with `--version V` as that
 *    version was kept in the database's history of versions, to DIR (new, or empty);
 *  - import lints DIR as if it stood in RULES_DIR under the year its ruleset.yaml names, reads its
 *    test files, and refuses it whole on any error (file:line:column, nothing written); otherwise
 *    writes it, each file atomically, as the year's draft (a published year: as its correction,
 *    kept aside), and records the version in the history with who imported it.
 */

export const EXCHANGE_USAGE = `       ent-compliance rules export ANNÉE DOSSIER [--version V] [--rules-dir DOSSIER] [--database FICHIER]
       ent-compliance rules import DOSSIER [--by NOM] [--rules-dir DOSSIER] [--database FICHIER]`;

export const EXCHANGE_HELP = `  export    écrit dans DOSSIER (nouveau ou vide) les fichiers de l'année tels qu'ils sont écrits
            (ruleset.yaml, rules/, tests/ ; une année qui hérite ne dit que ce qui change) ;
            --version : ceux d'une version conservée dans la base
  import    relit DOSSIER comme s'il était le dossier de son année (schoolYear) : refusé en
            entier à la moindre erreur, rien n'écrit ; sinon écrit comme brouillon de l'année
            (correction à part pour une année publiée) et conservé parmi ses versions`;

function problem(io: CommandIO, sub: string, message: string, code = 2): number {
  io.stderr(`rules ${sub} : ${message}\n`);
  return code;
}

function isEmptyOrAbsent(dir: string): boolean | 'file' {
  try {
    if (!statSync(dir).isDirectory()) return 'file';
    return readdirSync(dir).length === 0;
  } catch {
    return true;
  }
}

export function exportRules(args: string[], io: CommandIO): number {
  const p = parseArgs(args, ['version', 'rules-dir', 'database']);
  if (typeof p === 'string') return problem(io, 'export', p);
  if (p.positional.length !== 2) return problem(io, 'export', 'une année scolaire et un dossier attendus (rules export 2021-2022 DOSSIER)');
  const [year, target] = p.positional;
  if (!/^\d{4}-\d{4}$/.test(year)) return problem(io, 'export', `« ${year} » n’est pas une année scolaire (AAAA-AAAA)`);
  const rulesDir = resolve(io.cwd, p.options.get('rules-dir') ?? defaultRulesDir(io.env, io.cwd));
  const out = resolve(io.cwd, target);
  const free = isEmptyOrAbsent(out);
  if (free !== true) return problem(io, 'export', `${target} ${free === 'file' ? 'est un fichier' : 'n’est pas vide'} : rien n’a été écrit`);
  const version = p.options.get('version');
  let files;
  if (version) {
    const database = databaseArg(p, io);
    if (!existsSync(database)) return problem(io, 'export', `aucune base de données à ${database} (option --database ou variable DATABASE_PATH)`);
    const store = Store.open(database);
    try {
      files = store.ruleSetHistory(year).find((e) => e.version === version)?.sources;
    } finally {
      store.close();
    }
    if (!files) return problem(io, 'export', `aucune version « ${version} » des règles ${year} dans la base`);
  } else {
    const dir = join(rulesDir, year);
    if (!existsSync(join(dir, RULESET_FILE))) return problem(io, 'export', `aucun jeu de règles ${year} dans ${relative(io.cwd, rulesDir) || '.'}`);
    files = readFolderSources(dir);
  }
  writeFolderFiles(out, files);
  const rules = files.filter((f) => f.path.startsWith('rules/')).length;
  const tests = files.filter((f) => f.path.startsWith('tests/')).length;
  io.stdout(
    `${countOf(files.length, 'fichier écrit', 'fichiers écrits')} dans ${target} : ${RULESET_FILE}, ${countOf(rules, 'fichier', 'fichiers', 'aucun fichier')} dans rules/, ${countOf(tests, 'fichier', 'fichiers', 'aucun fichier')} dans tests/${version ? ` (version ${version})` : ''}\n`,
  );
  return 0;
}

export async function importRules(args: string[], io: CommandIO): Promise<number> {
  const p = parseArgs(args, ['by', 'rules-dir', 'database']);
  if (typeof p === 'string') return problem(io, 'import', p);
  if (p.positional.length !== 1) return problem(io, 'import', 'un dossier attendu (rules import DOSSIER)');
  const [source] = p.positional;
  const from = resolve(io.cwd, source);
  try {
    if (!statSync(from).isDirectory()) return problem(io, 'import', `${source} est un fichier : donnez le dossier d’un jeu de règles`);
  } catch (e) {
    return problem(io, 'import', fileProblem(e, source, 'read-dir'));
  }
  const files = readFolderSources(from);
  if (!files.some((f) => f.path === RULESET_FILE)) return problem(io, 'import', `aucun ${RULESET_FILE} dans ${source} : rien n’a été écrit`);
  const rulesDir = resolve(io.cwd, p.options.get('rules-dir') ?? defaultRulesDir(io.env, io.cwd));
  if (!existsSync(rulesDir)) return problem(io, 'import', `dossier des règles introuvable : ${relative(io.cwd, rulesDir) || rulesDir}`);
  const user = io.env.USER ?? io.env.LOGNAME;
  const author = p.options.get('by')?.trim() || `ligne de commande${user ? ` (${user})` : ''}`;
  const store = Store.open(databaseArg(p, io));
  try {
    const editor = new RuleEditor(store, buildRegistry(rulesDir), rulesDir);
    const r = await editor.importFolder(files, author);
    if (!r.ok) {
      if (r.reason === 'lint') {
        // Each error where it is: in the imported folder, or in a base of RULES_DIR it extends.
        for (const e of r.errors) {
          const file = e.file.startsWith('../') ? relative(io.cwd, join(rulesDir, 'x', e.file)) : posix.join(source, e.file);
          io.stdout(`${formatLintError({ ...e, file })}\n`);
        }
      }
      return problem(io, 'import', `${source} refusé : ${r.message}`, 1);
    }
    const where = r.correctionOf
      ? `correction des règles ${r.schoolYear} publiées (version ${r.correctionOf}), à part`
      : `brouillon des règles ${r.schoolYear}`;
    io.stdout(`${source} importé comme ${where} : version ${r.version}\n`);
    for (const w of r.warnings) io.stdout(`${formatLintError({ ...w, file: posix.join(source, w.file), message: `attention : ${w.message}` })}\n`);
    return 0;
  } finally {
    store.close();
  }
}
