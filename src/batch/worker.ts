import { parentPort, workerData } from 'node:worker_threads';
import { defaultRulesDir } from '../config';
import { buildRegistry } from '../rules/registry';
import { scratchHistories } from './history';
import { reportHtml, writeReport } from './report-file';
import { reportNamer } from './report-names';
import { batchJudge, tallyItem, verdictOf } from './run';
import type { FromWorker, Answer, ToWorker, WorkerSetup } from './parallel';

/**
 * One thread of a parallel campaign (see parallel.ts): the dossiers it is given, each document
 * judged in the order it came, against the history its dossier built in this thread, its report
 * written when asked. Sends back what the summary needs, nothing more.
 */

const setup = workerData as WorkerSetup;
const port = parentPort!;

// The main thread read the rule sets first, and said so if it could not.
const registry = buildRegistry(setup.rulesDir ?? defaultRulesDir());
const histories = scratchHistories();
const judge = batchJudge(registry, histories);
// A dossier's documents all come to this thread: its reports' names are told apart here as on one thread.
const reportName = reportNamer();

async function handle(message: ToWorker): Promise<FromWorker> {
  if (message.type === 'close') {
    histories.close();
    return { type: 'closed' };
  }
  const results: Answer[] = [];
  for (const { n, item } of message.items) {
    const judged = await judge(item);
    const tally = tallyItem(judged, verdictOf(judged.result));
    if (!setup.reports) {
      results.push({ n, tally });
      continue;
    }
    const now = new Date().toISOString();
    const html = reportHtml(judged, registry, now);
    // Named after its place in the campaign, which only the main thread sees whole (see parallel.ts).
    if (!judged.submission) {
      results.push({ n, tally, unnamedReport: html });
      continue;
    }
    const report = reportName(judged.submission, item.source, now);
    const problem = writeReport(setup.reports.cwd, setup.reports.dir, report, html);
    if (problem) return { type: 'problem', message: problem };
    results.push({ n, tally: { ...tally, report } });
  }
  return { type: 'judged', results };
}

// One message after the other: two chunks judged at once would interleave a dossier's documents.
let queue = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(() =>
    handle(message).then(
      (answer) => port.postMessage(answer),
      (e: unknown) => port.postMessage({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromWorker),
    ),
  );
});
