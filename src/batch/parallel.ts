import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PROJECT_ROOT } from '../config';
import { parseDocument } from '../documents/parse';
import { writeReport } from './report-file';
import { reportNamer } from './report-names';
import { BatchTally, type BatchSummary, type TallyItem } from './run';
import { BatchSourceError, type BatchItem } from './sources';

/**
 * A campaign spread over worker threads. Dossiers are independent: a document is judged against
 * the history of its own dossier only. So each dossier goes to one thread (by its SIRET), where
 * its documents are judged in the campaign's order; different dossiers run side by side.
 *
 * This thread reads the campaign, routes each document, and tallies the answers in the
 * campaign's order (answers arriving early wait for the ones before them), so that the progress
 * and the summary are those of a run on one thread. Memory stays bounded: at most `window`
 * documents are between reading and tallying; beyond, reading waits.
 *
 * Campaigns judged against a database (--database) stay on one thread (see cli/commands/batch.ts):
 * they stop at the first document the rules cannot judge, and none after it may be filed.
 */

export interface WorkerSetup {
  rulesDir?: string;
  /** Where each document's report is written (see report-names.ts), when asked: the folder as typed, and what it is relative to. */
  reports?: { cwd: string; dir: string };
}

export type ToWorker = { type: 'judge'; items: Array<{ n: number; item: BatchItem }> } | { type: 'close' };

/**
 * One judged document. A report is named after its dossier, told apart from the dossier's other
 * reports of the day, in the thread that has them all; a document refused before any dossier is
 * known is named after its place in the campaign, which two threads could both name alike: its
 * report comes back unwritten, for the main thread to name in the campaign's order.
 */
export interface Answer {
  n: number;
  tally: TallyItem;
  unnamedReport?: string;
}

export type FromWorker =
  | { type: 'judged'; results: Answer[] }
  | { type: 'closed' }
  /** Something the person can mend (a report that cannot be written), said in French. */
  | { type: 'problem'; message: string }
  /** A fault. */
  | { type: 'failed'; message: string };

export interface ParallelOptions {
  threads: number;
  setup: WorkerSetup;
  /** Each document's tally, in the campaign's order, with its rank (from 1). */
  onTallied?: (tally: TallyItem, n: number) => void;
  now?: () => Date;
  /** Documents sent to a thread in one message. */
  chunk?: number;
  /** Documents read but not yet tallied, at most. */
  window?: number;
}

/** The worker's script: beside this module once built; from `dist/` when running from the sources (the tests). */
export function workerScript(): string {
  for (const path of [join(__dirname, 'worker.js'), join(PROJECT_ROOT, 'dist', 'src', 'batch', 'worker.js')]) if (existsSync(path)) return path;
  throw new Error('batch : fichier du fil de travail introuvable (dist/src/batch/worker.js) : lancez « npm run build »');
}

/**
 * The dossier a document belongs to, read the cheapest way: the SIRET of its party as written.
 * The judge takes it from the validated document, which is the same value (the schema changes
 * nothing it validates); a document without one is refused before the rules, whatever its
 * history, so any thread may judge it.
 */
export function dossierKey(item: BatchItem): string | undefined {
  let value: unknown;
  if (item.format === 'json') {
    try {
      value = JSON.parse(item.text.charCodeAt(0) === 0xfeff ? item.text.slice(1) : item.text);
    } catch {
      return undefined;
    }
  } else {
    const parsed = parseDocument(item.text, item.format);
    if (!parsed.ok) return undefined;
    value = parsed.value;
  }
  const party = (value as { party?: { siret?: unknown } } | null)?.party;
  return party && typeof party === 'object' && typeof party.siret === 'string' ? party.siret : undefined;
}

/** FNV-1a: the same SIRET to the same thread, and dossiers spread evenly. */
function threadOf(key: string, threads: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % threads;
}

export async function runBatchParallel(items: AsyncIterable<BatchItem>, options: ParallelOptions): Promise<BatchSummary> {
  const { threads, setup, onTallied, now = () => new Date() } = options;
  const chunk = options.chunk ?? 64;
  // Wide enough that a thread finds work waiting while this one waits for the processor: on a
  // busy machine a narrow window left the threads idle between chunks.
  const window = Math.max(options.window ?? chunk * threads * 16, chunk * threads);
  const tally = new BatchTally(now);
  const script = workerScript();
  const workers = Array.from({ length: threads }, () => new Worker(script, { workerData: setup }));
  const pending: Array<Array<{ n: number; item: BatchItem }>> = workers.map(() => []);
  const answered = new Map<number, Answer>();
  const reportName = reportNamer();
  const closed = new Set<Worker>();
  let dispatched = 0;
  let tallied = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const progressed = () => new Promise<void>((resolve) => (wake = resolve));

  for (const worker of workers) {
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'judged') {
        for (const a of message.results) answered.set(a.n, a);
        // In the campaign's order: an answer waits for those before it.
        for (let a = answered.get(tallied + 1); a; a = answered.get(tallied + 1)) {
          answered.delete(++tallied);
          let t = a.tally;
          if (a.unnamedReport !== undefined && setup.reports) {
            const report = reportName(undefined, t.source, '');
            const problem = writeReport(setup.reports.cwd, setup.reports.dir, report, a.unnamedReport);
            if (problem) failure ??= new BatchSourceError(problem);
            t = { ...t, report };
          }
          tally.add(t);
          onTallied?.(t, tallied);
        }
      } else if (message.type === 'closed') closed.add(worker);
      else if (message.type === 'problem') failure ??= new BatchSourceError(message.message);
      else failure ??= new Error(`batch : un fil de travail a échoué : ${message.message}`);
      signal();
    });
    worker.on('error', (e) => {
      failure ??= e;
      signal();
    });
    worker.on('exit', (code) => {
      if (!closed.has(worker)) failure ??= new Error(`batch : un fil de travail s'est arrêté (code ${code})`);
      signal();
    });
  }
  const send = (i: number) => {
    if (pending[i].length === 0) return;
    workers[i].postMessage({ type: 'judge', items: pending[i] } satisfies ToWorker);
    pending[i] = [];
  };
  const sendAll = () => workers.forEach((_, i) => send(i));
  const check = () => {
    if (failure) throw failure;
  };

  try {
    for await (const item of items) {
      check();
      const n = ++dispatched;
      const key = dossierKey(item);
      const i = key === undefined ? n % threads : threadOf(key, threads);
      pending[i].push({ n, item });
      if (pending[i].length >= chunk) send(i);
      // The window is full: what waits in a half-filled chunk goes now, or the oldest answer
      // might wait for it for ever.
      while (dispatched - tallied >= window) {
        sendAll();
        await progressed();
        check();
      }
    }
    sendAll();
    while (tallied < dispatched) {
      await progressed();
      check();
    }
    // Each thread closes its histories, a scratch file removed with its folder.
    for (const w of workers) w.postMessage({ type: 'close' } satisfies ToWorker);
    while (closed.size < workers.length) {
      await progressed();
      check();
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return tally.finish();
}
