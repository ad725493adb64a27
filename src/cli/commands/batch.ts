import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { batchSource, BatchSourceError } from '../../batch/sources';
import { scratchHistories } from '../../batch/history';
import { batchJudge, runBatch, storeJudge, type BatchSummary, type Judge, type Judged, type Verdict } from '../../batch/run';
import { VERDICT_WORDS } from '../../wording/labels';
import { countOf, formatDuration, formatInteger } from '../../wording/format';
import { runBatchParallel } from '../../batch/parallel';
import { reportHtml } from '../../batch/report-file';
import type { RuleRegistry } from '../../rules/registry';
import { createServices } from '../../service/services';
import { FilingRefusedError } from '../../service/dossier-service';
import { Store } from '../../store/store';
import { renderBatchSummary } from '../../batch/summary-html';
import { reportNamer } from '../../batch/report-names';
import { defaultRulesDir } from '../../config';
import { loadRegistry, makeFolder, openDatabaseFile, writeTextFile } from '../files';
import { progress } from '../progress';
import type { Command, CommandIO } from './types';

const USAGE = `Usage : ent-compliance batch CHEMIN [--report-dir DOSSIER] [--database FICHIER] [--threads N]

Contrôle une campagne : un dossier de fichiers JSON/YAML ou un fichier JSONL (une pièce par
ligne). Les pièces de chaque dossier sont jugées dans l'ordre de leurs dates (signature de la
convention, transmission de l'avenant, envoi d'une lettre, tenue de la conciliation, émission du
titre, prise d'effet de la résiliation ; le même jour, la convention d'abord), chacune contre
l'historique de son dossier constitué au fil de la campagne, quels que soient les noms des
fichiers ou l'ordre des lignes.
  --report-dir D  écrit dans D le rapport HTML de chaque pièce, sous le nom d'un rapport
                  téléchargé (rapport-SIRET-nature-AAAA-MM-JJ.html), et le résumé
                  (batch-summary.json et batch-summary.html, chaque pièce non conforme liée à
                  son rapport) ; sans cette option, seul le résumé est écrit, dans le dossier courant
  --database F    juge chaque pièce contre les dossiers de la base F (créée au besoin) et l'y
                  conserve avec son rapport, comme POST /api/submissions ; une pièce d'une
                  année sans jeu de règles en vigueur, ou dont le jeu n'a pas pu être chargé,
                  n'est pas conservée et arrête la campagne (code 2)
  --threads N     répartit les dossiers entre N fils d'exécution ; les pièces d'un dossier
                  restent dans leur ordre, dans un même fil ; progression, rapports et résumé
                  identiques (par défaut : un fil par cœur à partir de 2 000 pièces, un seul en
                  dessous ; toujours un seul avec --database)
Code de sortie : 0 si toutes les pièces sont acceptées, 1 si une pièce est rejetée, 2 erreur d'usage
ou de lecture, ou pièce que les règles ne permettent pas de juger (avec --database).
`;

interface Options {
  path: string;
  reportDir?: string;
  database?: string;
  threads?: number;
}

/** Threads at most: beyond the cores, threads only wait for one another. */
const MAX_THREADS = 64;

/**
 * Below this many documents a campaign runs on one thread unless told otherwise: a thread takes
 * a few hundred milliseconds to start (modules, rule sets), more than such a campaign lasts.
 */
export const PARALLEL_FROM = 2000;

function defaultThreads(total: number): number {
  return total >= PARALLEL_FROM ? Math.min(availableParallelism(), MAX_THREADS) : 1;
}

function parseArgs(args: string[]): Options | string {
  let path: string | undefined;
  const opts: Partial<Options> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--report-dir' || a === '--database' || a === '--threads') {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) return `l'option ${a} attend une valeur`;
      if (a === '--report-dir') opts.reportDir = v;
      else if (a === '--database') opts.database = v;
      else {
        const n = Number(v);
        if (!/^\d+$/.test(v) || n < 1 || n > MAX_THREADS) return `--threads attend un nombre de fils de 1 à ${MAX_THREADS} (reçu « ${v} »)`;
        opts.threads = n;
      }
    } else if (a.startsWith('--')) return `option inconnue « ${a} »`;
    else if (path) return `un seul chemin à la fois (reçu aussi « ${a} »)`;
    else path = a;
  }
  if (!path) return 'chemin de la campagne manquant';
  return { ...opts, path };
}

export function formatSummary(s: BatchSummary): string {
  const lines = [`${formatInteger(s.total)} ${s.total > 1 ? 'pièces contrôlées' : 'pièce contrôlée'} en ${formatDuration(s.durationMs)}`];
  for (const v of Object.keys(VERDICT_WORDS) as Verdict[]) lines.push(`  ${VERDICT_WORDS[v]} : ${s.byVerdict[v]}`);
  lines.push(`  dont refusées au schéma : ${s.byStage.schema}`);
  const articles = Object.entries(s.byFailedArticle).sort((a, b) => b[1] - a[1]);
  if (articles.length) lines.push(`Articles en échec : ${articles.map(([a, n]) => `${a} (${n})`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

async function run(args: string[], io: CommandIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    io.stderr(`batch : ${opts}\n${USAGE}`);
    return 2;
  }
  const path = resolve(io.cwd, opts.path);
  let source;
  try {
    source = await batchSource(path, opts.path);
  } catch (e) {
    if (e instanceof BatchSourceError) {
      io.stderr(`batch : ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const folderProblem = makeFolder(io.cwd, opts.reportDir ?? '.');
  if (folderProblem) {
    io.stderr(`batch : ${folderProblem}\n`);
    return 2;
  }
  const loaded = loadRegistry(io);
  if (typeof loaded === 'string') {
    io.stderr(`batch : ${loaded}\n`);
    return 2;
  }
  const registry: RuleRegistry = loaded;
  // With --database a campaign stops at the first document the rules cannot judge, none after it
  // filed: threads would have filed later documents of other dossiers by then. One thread, then.
  if (opts.database && opts.threads !== undefined && opts.threads > 1) {
    io.stderr(
      "batch : --database juge sur un seul fil : la campagne s'arrête à la première pièce que les règles ne permettent pas de juger, sans déposer les suivantes, ce que des fils en parallèle ne garantiraient pas\n",
    );
  }
  const threads = opts.database ? 1 : (opts.threads ?? defaultThreads(source.total));
  if (threads > 1) {
    const bar = progress(io.stderr, io.isTTY === true, 'Campagne', source.total);
    let summary: BatchSummary;
    try {
      summary = await runBatchParallel(source.items, {
        threads,
        setup: { rulesDir: defaultRulesDir(io.env, io.cwd), ...(opts.reportDir ? { reports: { cwd: io.cwd, dir: opts.reportDir } } : {}) },
        onTallied: () => bar.tick(),
      });
    } catch (e) {
      if (!(e instanceof BatchSourceError)) throw e;
      io.stderr(`batch : ${e.message}\n`);
      return 2;
    }
    bar.done();
    return finish(summary, opts, io);
  }
  let judge: Judge;
  let close: () => void;
  if (opts.database) {
    const store = openDatabaseFile(io.cwd, opts.database, (path) => Store.open(path));
    if ('problem' in store) {
      io.stderr(`batch : ${store.problem}\n`);
      return 2;
    }
    const services = createServices(store, registry);
    judge = storeJudge(async (incoming) => {
      const outcome = await services.dossiers.submit(incoming);
      // No rules to judge by: the campaign stops here, as the API would refuse the document (below).
      if (outcome.outcome === 'refused') throw outcome.error;
      return outcome;
    });
    close = () => store.close();
  } else {
    const histories = scratchHistories();
    judge = batchJudge(registry, histories);
    close = () => histories.close();
  }
  const bar = progress(io.stderr, io.isTTY === true, 'Campagne', source.total);
  const reportName = reportNamer();
  let n = 0;
  // The document being judged, to name it should the rules refuse to judge it (--database).
  let current: string | undefined;
  const judging: Judge = (item) => {
    current = item.source;
    return judge(item);
  };
  const onJudged = (j: Judged): string | undefined => {
    n++;
    bar.tick();
    if (!opts.reportDir) return undefined;
    const now = new Date().toISOString();
    const name = reportName(j.submission, j.item.source, now);
    const problem = writeTextFile(io.cwd, join(opts.reportDir, name), reportHtml(j, registry, now));
    if (problem) throw new BatchSourceError(problem);
    return name;
  };
  let summary: BatchSummary;
  try {
    summary = await runBatch(source.items, { judge: judging, onJudged });
  } catch (e) {
    if (e instanceof BatchSourceError) {
      io.stderr(`batch : ${e.message}\n`);
      return 2;
    }
    if (!(e instanceof FilingRefusedError)) throw e;
    bar.done();
    // The documents before this one are filed, each whole; this one and those after are not read.
    io.stderr(
      `batch : pièce n° ${n + 1} non déposée : ${e.message}\nbatch : arrêt à ${current ?? 'cette pièce'}, après ${countOf(n, 'pièce traitée', 'pièces traitées')} ; les suivantes ne sont pas lues.\n`,
    );
    return 2;
  } finally {
    close();
  }
  bar.done();
  return finish(summary, opts, io);
}

/** The summary written beside the reports and printed: the same whatever the number of threads. */
function finish(summary: BatchSummary, opts: Options, io: CommandIO): number {
  const shownDir = opts.reportDir ?? '.';
  for (const [name, text] of [
    ['batch-summary.json', `${JSON.stringify(summary, null, 2)}\n`],
    ['batch-summary.html', renderBatchSummary(summary, opts.path)],
  ]) {
    const problem = writeTextFile(io.cwd, join(shownDir, name), text);
    if (problem) {
      io.stderr(`batch : ${problem}\n`);
      return 2;
    }
  }
  io.stdout(formatSummary(summary));
  io.stdout(`Résumé : ${join(opts.reportDir ?? '.', 'batch-summary.json')} et batch-summary.html\n`);
  return summary.byVerdict.non_conforme > 0 ? 1 : 0;
}

export const batchCommand: Command = { name: 'batch', summary: 'contrôler une campagne de pièces (dossier ou JSONL)', usage: USAGE, run };
