import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { compileRuleSet } from '../../rules/compile';
import { loadRuleSet, readBaseTestFolders, readTestFiles, ruleSetDirs } from '../../rules/load';
import { formatLintError, type LintError, type RuleSet } from '../../rules/model';
import { coverage, runRuleTests, type RuleCoverage } from '../../rules/rule-tests';
import type { ArticleDef } from '../../rules/model';
import { articleLabel, compareArticleIds, countOf } from '../../wording/format';
import { RULESET_FILE } from '../../rules/lint';
import { diffBody, diffRuleSets } from '../../rules/diff';
import { buildRegistry } from '../../rules/registry';
import { diffView, renderRuleDiffDocument, renderRuleDiffText } from '../../pages/rule-diff';
import { impactView, renderImpactDocument, renderImpactText } from '../../pages/rule-impact';
import { candidatesOf, impactBody, measureImpact } from '../../service/impact';
import { Store } from '../../store/store';
import { parseArgs } from '../args';
import { databaseArg } from '../database';
import { openToRead } from './verify';
import { progress } from '../progress';
import type { Command, CommandIO } from './types';
import { defaultRulesDir } from '../../config';
import { fileProblem } from '../../wording/file-errors';
import { EXCHANGE_HELP, EXCHANGE_USAGE, exportRules, importRules } from './rules-exchange';

/**
 * `rules lint|test|coverage [DIR]`: what the legal staff run after editing a rule set. DIR is one
 * rule set folder or the folder of all of them (default: RULES_DIR, else ./rules).
 * `rules diff A B`: what changes from one year's rules to another's.
 * `rules impact YEAR`: what a year's rules would change to the stored dossiers if they were in force.
 * `rules export YEAR DIR`, `rules import DIR`: a year's folder carried out and in (rules-exchange.ts).
 */

const USAGE = `Usage : ent-compliance rules lint|test [DOSSIER]
       ent-compliance rules coverage [DOSSIER] [--verbose]
       ent-compliance rules diff A B [--format text|json|html] [--rules-dir DOSSIER]
       ent-compliance rules impact ANNÉE [--database FICHIER] [--rules-dir DOSSIER] [--format text|json|html]
${EXCHANGE_USAGE}

  lint      vérifie les fichiers de règles (erreurs au format fichier:ligne:colonne ; les
            avertissements, précédés de « attention », ne font pas échouer)
  test      exécute les cas de test YAML (tests/*.yaml) de chaque jeu de règles, et ceux du
            jeu de base qu'ils reprennent (inherit)
  coverage  une ligne par article : ses règles couvertes (un cas conforme et un cas non
            conforme chacune), le nombre de cas, les règles qui ne le sont pas ;
            --verbose (-v) : pour chaque règle, la liste des cas qui l'exercent
  diff      ce qui change des règles A aux règles B : paramètres, textes des articles (mot à
            mot), règles ajoutées, retirées et modifiées, articles non vérifiables
  impact    juge à nouveau, sans rien écrire, chaque pièce conservée que les règles de ANNÉE
            jugeraient, comme si elles étaient en vigueur (même en projet) : verdicts avant →
            après, pièces qui changent et règles en cause, sommes dues avant → après
${EXCHANGE_HELP}

DOSSIER : un jeu de règles (ex. rules/2020-2021) ou le dossier qui les contient (par défaut : RULES_DIR ou ./rules).
A, B, ANNÉE : une année scolaire du dossier des règles (ex. 2021-2022) ou le chemin d'un jeu de règles.
--database : la base des pièces (par défaut : DATABASE_PATH ou data/ent-compliance.sqlite), ouverte en lecture seule.
`;

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function printErrors(errors: readonly LintError[], shown: string, io: CommandIO, prefix = '') {
  for (const e of errors) io.stdout(`${formatLintError({ ...e, file: join(shown, e.file), message: `${prefix}${e.message}` })}\n`);
}

function targetDirs(arg: string | undefined, io: CommandIO): string[] | string {
  const dir = resolve(io.cwd, arg ?? defaultRulesDir(io.env));
  const shown = arg ?? io.env.RULES_DIR ?? dir;
  try {
    if (!statSync(dir).isDirectory()) return `${shown} est un fichier : donnez le dossier d’un jeu de règles ou le dossier qui les contient`;
  } catch (e) {
    return `${fileProblem(e, shown, 'read-dir')}${arg === undefined && io.env.RULES_DIR ? ' (variable RULES_DIR)' : ''}`;
  }
  try {
    statSync(join(dir, RULESET_FILE));
    return [dir];
  } catch {
    const dirs = ruleSetDirs(dir);
    return dirs.length ? dirs : `aucun jeu de règles (${RULESET_FILE}) dans ${arg ?? dir}`;
  }
}

export { readTestFiles };

async function lint(dirs: string[], io: CommandIO): Promise<number> {
  let failed = 0;
  for (const dir of dirs) {
    const load = loadRuleSet(dir);
    const shown = relative(io.cwd, dir) || '.';
    if (load.ok) {
      const bases = load.ruleSet.bases.length ? `, hérite de ${load.ruleSet.bases.map((b) => b.name).join(' ← ')}` : '';
      const warned = load.warnings.length ? countOf(load.warnings.length, 'avertissement', 'avertissements') : 'aucune erreur';
      io.stdout(
        `${shown} : ${countOf(load.ruleSet.rules.length, 'règle', 'règles')}, ${countOf(load.ruleSet.articles.length, 'article', 'articles')}${bases}, version ${load.ruleSet.version} — ${warned}\n`,
      );
      printErrors(load.warnings, shown, io, 'attention : ');
    } else {
      failed++;
      printErrors(load.errors, shown, io);
    }
  }
  return failed ? 1 : 0;
}

async function test(dirs: string[], io: CommandIO, showCoverage: boolean, verbose: boolean): Promise<number> {
  let passed = 0;
  let failed = 0;
  let uncovered = 0;
  for (const dir of dirs) {
    const shown = relative(io.cwd, dir) || '.';
    const load = loadRuleSet(dir);
    if (!load.ok) {
      for (const e of load.errors) io.stdout(`${formatLintError({ ...e, file: join(shown, e.file) })}\n`);
      failed++;
      continue;
    }
    const ruleSet = compileRuleSet(load.ruleSet);
    const run = await runRuleTests(readTestFiles(dir), ruleSet, readBaseTestFolders(dir, ruleSet));
    for (const e of run.errors) {
      failed++;
      io.stdout(`${formatLintError({ ...e, file: join(shown, e.file) })}\n`);
    }
    if (!showCoverage) {
      for (const c of run.cases) {
        io.stdout(`${c.ok ? '✓' : '✗'} ${join(shown, c.file)}:${c.line} ${c.name}\n`);
        for (const p of c.problems) io.stdout(`    ${p}\n`);
        if (c.ok) passed++;
        else failed++;
      }
      continue;
    }
    const cov = coverage(ruleSet, run);
    io.stdout(`\n${ruleSet.title} (${shown}, ${ruleSet.status === 'in_force' ? 'en vigueur' : 'en projet'})\n`);
    for (const article of [...ruleSet.articles].sort((a, b) => compareArticleIds(a.id, b.id))) {
      const rules = cov.filter((r) => r.article === article.id);
      uncovered += rules.filter((r) => !isCovered(r)).length;
      io.stdout(verbose ? articleDetail(article, rules) : articleSummary(article, rules));
    }
  }
  if (showCoverage) {
    io.stdout(
      `\n${uncovered === 0 ? 'Chaque règle a un cas conforme et un cas non conforme.' : `${countOf(uncovered, 'règle', 'règles')} sans cas conforme ou sans cas non conforme.`}${verbose ? '' : ' La liste des cas de chaque règle : « rules coverage --verbose ».'}\n`,
    );
    return uncovered || failed ? 1 : 0;
  }
  io.stdout(`\n${passed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}

function isCovered(r: RuleCoverage): boolean {
  return r.passedIn.length > 0 && r.notPassedIn.length > 0;
}

function articleHeading(article: ArticleDef): string {
  const label = articleLabel(article.id);
  return article.title.toLowerCase().startsWith(label.toLowerCase()) ? article.title : `${label} — ${article.title}`;
}

/** One line an article: how many of its rules are covered, by how many cases, and which are not. */
function articleSummary(article: ArticleDef, rules: readonly RuleCoverage[]): string {
  if (article.notCheckable) return `  - ${articleHeading(article)} : non vérifiable\n`;
  if (rules.length === 0) return `  ? ${articleHeading(article)} : aucune règle\n`;
  const covered = rules.filter(isCovered).length;
  const cases = new Set(rules.flatMap((r) => [...r.passedIn, ...r.notPassedIn])).size;
  const counted = `${countOf(cases, 'cas', 'cas', 'aucun cas')}`;
  if (covered === rules.length) {
    return `  ✓ ${articleHeading(article)} : ${countOf(rules.length, 'règle couverte', 'règles couvertes')}, exercée${rules.length > 1 ? 's' : ''} par ${counted}\n`;
  }
  const missing = rules.filter((r) => !isCovered(r)).map((r) => `${r.rule} (${r.passedIn.length ? 'aucun cas non conforme' : 'aucun cas conforme'})`);
  return `  ✗ ${articleHeading(article)} : ${countOf(covered, 'règle', 'règles', 'aucune règle')} sur ${rules.length} ${covered > 1 ? 'couvertes' : 'couverte'} (${counted}) ; ${missing.join(', ')}\n`;
}

/** The article, and for each rule the cases where it passes and those where it does not. */
function articleDetail(article: ArticleDef, rules: readonly RuleCoverage[]): string {
  if (article.notCheckable) return `\n${articleLabel(article.id)} — non vérifiable : ${article.notCheckable}\n`;
  const lines = [`\n${articleHeading(article)}`];
  if (!rules.length) lines.push('  (aucune règle)');
  for (const r of rules) {
    lines.push(`  ${isCovered(r) ? '✓' : '✗'} ${r.rule}`);
    lines.push(`      conforme dans : ${r.passedIn.length ? '' : 'aucun cas'}`, ...r.passedIn.map((c) => `        - ${c}`));
    lines.push(`      non conforme ou à examiner dans : ${r.notPassedIn.length ? '' : 'aucun cas'}`, ...r.notPassedIn.map((c) => `        - ${c}`));
  }
  return `${lines.join('\n')}\n`;
}

// ------------------------------------------------------------------------------ diff and impact

type Format = 'text' | 'json' | 'html';

interface Options {
  positional: string[];
  format: Format;
  rulesDir?: string;
  /** The database, as `--database` or DATABASE_PATH name it. */
  database?: string;
}

function parseOptions(args: string[], valued: readonly string[], io: CommandIO): Options | string {
  const p = parseArgs(args, valued);
  if (typeof p === 'string') return p;
  const format = p.options.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'html') return `format inconnu « ${format} » (text, json ou html)`;
  return { positional: p.positional, format, rulesDir: p.options.get('rules-dir'), database: valued.includes('database') ? databaseArg(p, io) : undefined };
}

/** A rule set named by a school year of the rules folder, or by the path of its folder. */
function ruleSetFolder(arg: string, rulesDir: string, io: CommandIO): string | undefined {
  const asPath = resolve(io.cwd, arg);
  if (existsSync(join(asPath, RULESET_FILE))) return asPath;
  const inRules = join(rulesDir, arg);
  return existsSync(join(inRules, RULESET_FILE)) ? inRules : undefined;
}

function loadNamed(arg: string, rulesDir: string, io: CommandIO): RuleSet | number {
  const dir = ruleSetFolder(arg, rulesDir, io);
  if (!dir) {
    io.stderr(`rules : aucun jeu de règles « ${arg} » (ni dossier contenant ${RULESET_FILE}, ni année de ${relative(io.cwd, rulesDir) || '.'})\n`);
    return 2;
  }
  const load = loadRuleSet(dir);
  if (!load.ok) {
    printErrors(load.errors, relative(io.cwd, dir) || '.', io);
    return 1;
  }
  return load.ruleSet;
}

async function diff(opts: Options, io: CommandIO): Promise<number> {
  if (opts.positional.length !== 2) {
    io.stderr(`rules diff : deux jeux de règles attendus, A et B\n${USAGE}`);
    return 2;
  }
  const rulesDir = resolve(io.cwd, opts.rulesDir ?? defaultRulesDir(io.env, io.cwd));
  const from = loadNamed(opts.positional[0], rulesDir, io);
  if (typeof from === 'number') return from;
  const to = loadNamed(opts.positional[1], rulesDir, io);
  if (typeof to === 'number') return to;
  const d = diffRuleSets(from, to);
  if (opts.format === 'json') io.stdout(`${JSON.stringify(diffBody(d), null, 2)}\n`);
  else if (opts.format === 'html') io.stdout(renderRuleDiffDocument(diffView(d)));
  else io.stdout(renderRuleDiffText(diffView(d)));
  return 0;
}

async function impact(opts: Options, io: CommandIO): Promise<number> {
  if (opts.positional.length !== 1) {
    io.stderr(`rules impact : une année scolaire attendue\n${USAGE}`);
    return 2;
  }
  const [year] = opts.positional;
  const rulesDir = resolve(io.cwd, opts.rulesDir ?? defaultRulesDir(io.env, io.cwd));
  if (!isDir(rulesDir)) {
    io.stderr(`rules impact : dossier des règles introuvable : ${opts.rulesDir ?? rulesDir}\n`);
    return 2;
  }
  const folder = ruleSetFolder(year, rulesDir, io);
  if (!folder) {
    io.stderr(`rules impact : aucun jeu de règles « ${year} » dans ${relative(io.cwd, rulesDir) || '.'}\n`);
    return 2;
  }
  const load = loadRuleSet(folder);
  if (!load.ok) {
    printErrors(load.errors, relative(io.cwd, folder) || '.', io);
    return 1;
  }
  const db = openToRead(opts.database!);
  if (typeof db === 'string') {
    io.stderr(`rules impact : ${db}\n`);
    return 2;
  }
  const store = new Store(db);
  try {
    const target = compileRuleSet(load.ruleSet);
    const bar = progress(io.stderr, io.isTTY === true, `Impact des règles ${target.schoolYear}`, store.countOfCandidates(candidatesOf(target)));
    const report = await measureImpact({ store, registry: buildRegistry(rulesDir), target, onProgress: () => bar.tick() });
    if (io.isTTY) bar.done();
    if (opts.format === 'json') io.stdout(`${JSON.stringify(impactBody(report), null, 2)}\n`);
    else if (opts.format === 'html') io.stdout(renderImpactDocument(impactView(report)));
    else io.stdout(renderImpactText(impactView(report)));
    return 0;
  } finally {
    store.close();
  }
}

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'vérifier, tester, comparer les jeux de règles et mesurer leur impact sur les dossiers',
  usage: USAGE,
  async run(args, io) {
    const [first, ...others] = args;
    if (first === 'export') return exportRules(others, io);
    if (first === 'import') return importRules(others, io);
    if (first === 'diff' || first === 'impact') {
      const opts = parseOptions(others, first === 'diff' ? ['format', 'rules-dir'] : ['format', 'rules-dir', 'database'], io);
      if (typeof opts === 'string') {
        io.stderr(`rules ${first} : ${opts}\n${USAGE}`);
        return 2;
      }
      return first === 'diff' ? diff(opts, io) : impact(opts, io);
    }
    const verbose = args.includes('--verbose') || args.includes('-v');
    const [sub, dir, ...rest] = args.filter((a) => a !== '--verbose' && a !== '-v');
    if (!sub || sub === '--help' || sub === '-h') {
      (sub ? io.stdout : io.stderr)(USAGE);
      return sub ? 0 : 2;
    }
    const problem = !['lint', 'test', 'coverage'].includes(sub)
      ? `sous-commande inconnue « ${sub} »`
      : rest.length
        ? `argument en trop « ${rest[0]} »`
        : verbose && sub !== 'coverage'
          ? '--verbose ne vaut que pour « rules coverage »'
          : undefined;
    if (problem) {
      io.stderr(`rules : ${problem}\n${USAGE}`);
      return 2;
    }
    const dirs = targetDirs(dir, io);
    if (typeof dirs === 'string') {
      io.stderr(`rules ${sub} : ${dirs}\n`);
      return 2;
    }
    if (sub === 'lint') return lint(dirs, io);
    return test(dirs, io, sub === 'coverage', verbose);
  },
};
