import { statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { compileRuleSet } from '../../rules/compile';
import { loadRuleSet, readTestFiles, ruleSetDirs } from '../../rules/load';
import { formatLintError } from '../../rules/model';
import { coverage, runRuleTests, type RuleCoverage } from '../../rules/rule-tests';
import type { ArticleDef } from '../../rules/model';
import { articleLabel, compareArticleIds, countOf } from '../../wording/format';
import { RULESET_FILE } from '../../rules/lint';
import type { Command, CommandIO } from './types';
import { defaultRulesDir } from '../../config';
import { fileProblem } from '../../wording/file-errors';

/**
 * `rules lint|test|coverage [DIR]`: what the legal staff run after editing a rule set. DIR is one
 * rule set folder or the folder of all of them (default: RULES_DIR, else ./rules).
 */

const USAGE = `Usage : ent-compliance rules lint|test [DOSSIER]
       ent-compliance rules coverage [DOSSIER] [--verbose]

  lint      vérifie les fichiers de règles (erreurs au format fichier:ligne:colonne)
  test      exécute les cas de test YAML (tests/*.yaml) de chaque jeu de règles
  coverage  une ligne par article : ses règles couvertes (un cas conforme et un cas non
            conforme chacune), le nombre de cas, les règles qui ne le sont pas ;
            --verbose (-v) : pour chaque règle, la liste des cas qui l'exercent

DOSSIER : un jeu de règles (ex. rules/2020-2021) ou le dossier qui les contient (par défaut : RULES_DIR ou ./rules).
`;

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
      io.stdout(
        `${shown} : ${countOf(load.ruleSet.rules.length, 'règle', 'règles')}, ${countOf(load.ruleSet.articles.length, 'article', 'articles')}, version ${load.ruleSet.version} — aucune erreur\n`,
      );
    } else {
      failed++;
      for (const e of load.errors) io.stdout(`${formatLintError({ ...e, file: join(shown, e.file) })}\n`);
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
    const run = await runRuleTests(readTestFiles(dir), ruleSet);
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

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'vérifier, tester et mesurer la couverture des jeux de règles',
  usage: USAGE,
  async run(args, io) {
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
