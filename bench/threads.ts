import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A campaign through `ent-compliance batch --threads N`, the program as a person runs it (a child
 * process, summary only): documents per second from the summary's own duration (the threads'
 * start included), and the process's resident memory at its highest (threads included).
 */
export interface ThreadsPass {
  threads: number;
  documents: number;
  ms: number;
  perSecond: number;
  peakRssMiB: number;
}

function vmHwmMiB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function batchPass(distDir: string, campaignPath: string, threads: number): Promise<ThreadsPass> {
  const cwd = mkdtempSync(join(tmpdir(), 'ent-compliance-threads-'));
  try {
    const child = spawn(process.execPath, [join(distDir, 'src/cli/main.js'), 'batch', campaignPath, '--threads', String(threads)], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    const poll = setInterval(() => {
      peak = Math.max(peak, vmHwmMiB(child.pid!) ?? 0);
    }, 20);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearInterval(poll);
    // 1 says a document was rejected, which a campaign with spoilt documents expects.
    if (code !== 0 && code !== 1) throw new Error(`batch --threads ${threads} : code ${code}\n${stderr}`);
    const summary = JSON.parse(readFileSync(join(cwd, 'batch-summary.json'), 'utf8')) as { total: number; durationMs: number };
    return {
      threads,
      documents: summary.total,
      ms: summary.durationMs,
      perSecond: Math.round((summary.total / summary.durationMs) * 1000),
      peakRssMiB: Math.round(peak),
    };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
