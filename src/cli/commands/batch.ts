import { join, resolve } from 'node:path';
import { batchSource, BatchSourceError } from '../../batch/sources';
import { scratchHistories } from '../../batch/history';
import { batchJudge, runBatch, storeJudge, type BatchSummary, type Judge, type Judged, type Verdict } from '../../batch/run';
import { VERDICT_WORDS } from '../../wording/labels';
import { countOf, formatDuration, formatInteger } from '../../wording/format';
import { renderReport, renderSchemaReport } from '../../reports/render';
import type { RuleRegistry } from '../../rules/registry';
import { createHash } from 'node:crypto';
import { createServices } from '../../service/services';
import { FilingRefusedError } from '../../service/dossier-service';
import { Store } from '../../store/store';
import { renderBatchSummary } from '../../batch/summary-html';
import { reportNamer } from '../../batch/report-names';
import { loadRegistry, makeFolder, openDatabaseFile, writeTextFile } from '../files';
import { progress } from '../progress';
import type { Command, CommandIO } from './types';

const USAGE = `Usage : ent-compliance batch CHEMIN [--report-dir DOSSIER] [--database FICHIER]

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
Code de sortie : 0 si toutes les pièces sont acceptées, 1 si une pièce est rejetée, 2 erreur d'usage
ou de lecture, ou pièce que les règles ne permettent pas de juger (avec --database).
`;

interface Options {
  path: string;
  reportDir?: string;
  database?: string;
}

function parseArgs(args: string[]): Options | string {
  let path: string | undefined;
  const opts: Partial<Options> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--report-dir' || a === '--database') {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) return `l'option ${a} attend une valeur`;
      if (a === '--report-dir') opts.reportDir = v;
      else opts.database = v;
    } else if (a.startsWith('--')) return `option inconnue « ${a} »`;
    else if (path) return `un seul chemin à la fois (reçu aussi « ${a} »)`;
    else path = a;
  }
  if (!path) return 'chemin de la campagne manquant';
  return { ...opts, path };
}

/** The report of one judged document, as `check --format html` writes it. */
function reportHtml({ item, submission, result }: Judged, registry: RuleRegistry, now: string): string {
  const sha256 = createHash('sha256').update(item.text).digest('hex');
  return result.stage === 'rules' && submission
    ? renderReport({
        submission,
        result,
        ruleSet: registry.ruleSets.find((r) => r.version === result.ruleSet?.version) ?? null,
        dossier: { siret: submission.party.siret, name: submission.party.name },
        receivedAt: now,
        checkedAt: now,
        sha256,
      })
    : renderSchemaReport({
        stage: result.errors.some((e) => e.keyword === 'syntax') ? 'syntax' : 'schema',
        errors: result.errors,
        fileName: item.source,
        kind: null,
        dossier: null,
        receivedAt: now,
        checkedAt: now,
        sha256,
      });
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
