import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * A campaign through `ent-compliance batch --threads N`, the program as a person runs it (a child
 * process, summary only). Two rates: in steady state, from the 1,000th verdict to the last (the
 * progress lines on standard error, timed as they arrive), which is the campaign's throughput;
 * and end to end, from the launch of the process to its exit, start-up included (modules, rule
 * sets, and each thread's own). And the process's resident memory at its highest, threads included,
 * and the processor time of its threads.
 */
export interface ThreadsPass {
  threads: number;
  documents: number;
  /** Documents per second from the 1,000th verdict to the last. */
  perSecond: number;
  /** Documents per second from the launch to the exit. */
  endToEndPerSecond: number;
  endToEndMs: number;
  peakRssMiB: number;
  /**
   * Processor time of the whole process (every thread) and of its main thread, in ms: on one
   * thread, the main thread judges and V8's own threads (garbage collection) already run beside it.
   */
  cpuMs: number;
  mainThreadCpuMs: number;
}

/** User + system time of each thread of a process, in ms, by thread id. */
function threadCpu(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), (Number(f[11]) + Number(f[12])) * 10);
    }
  } catch {
    // gone meanwhile, or no /proc
  }
  return out;
}

function vmHwmMiB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** `Campagne : 12 000 pièces (3 456/s)`: the count, spaces of any kind between its digits. */
const PROGRESS = /^Campagne : ([\d\s\u202f\u00a0]+) pièces/;

export async function batchPass(distDir: string, campaignPath: string, threads: number): Promise<ThreadsPass> {
  const cwd = mkdtempSync(join(tmpdir(), 'ent-compliance-threads-'));
  try {
    const started = performance.now();
    const child = spawn(process.execPath, [join(distDir, 'src/cli/main.js'), 'batch', campaignPath, '--threads', String(threads)], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const seen: Array<{ count: number; at: number }> = [];
    let stderr = '';
    createInterface({ input: child.stderr }).on('line', (line) => {
      const at = performance.now();
      stderr += `${line}\n`;
      const m = PROGRESS.exec(line);
      if (m) seen.push({ count: Number(m[1].replace(/\D/g, '')), at });
    });
    let peak = 0;
    // The last time seen of each thread: read until the process goes.
    const cpu = new Map<number, number>();
    const poll = setInterval(() => {
      peak = Math.max(peak, vmHwmMiB(child.pid!) ?? 0);
      for (const [tid, ms] of threadCpu(child.pid!)) cpu.set(tid, ms);
    }, 20);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const ended = performance.now();
    clearInterval(poll);
    // 1 says a document was rejected, which a campaign with spoilt documents expects.
    if (code !== 0 && code !== 1) throw new Error(`batch --threads ${threads} : code ${code}\n${stderr}`);
    const summary = JSON.parse(readFileSync(join(cwd, 'batch-summary.json'), 'utf8')) as { total: number };
    const first = seen.find((s) => s.count >= 1000);
    const last = seen.at(-1);
    if (!first || !last || last.count <= first.count) throw new Error(`batch --threads ${threads} : progression illisible\n${stderr}`);
    return {
      threads,
      documents: summary.total,
      perSecond: Math.round(((last.count - first.count) / (last.at - first.at)) * 1000),
      endToEndPerSecond: Math.round((summary.total / (ended - started)) * 1000),
      endToEndMs: Math.round(ended - started),
      peakRssMiB: Math.round(peak),
      cpuMs: [...cpu.values()].reduce((a, b) => a + b, 0),
      mainThreadCpuMs: cpu.get(child.pid!) ?? 0,
    };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
