import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './servers';

/**
 * From the launch of `npm start` to the first answer of GET /health: what a person waits for,
 * npm's own start included. On a fresh database, with the project built (the bench builds first),
 * so that the start must not build: `rebuilt` says if it did.
 */
export interface StartResult {
  ms: number;
  rebuilt: boolean;
}

export async function npmStart(root: string): Promise<StartResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ent-compliance-start-'));
  const port = await freePort();
  const started = performance.now();
  // A group of its own: npm does not always pass SIGTERM on to the server it started.
  const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['start', '--silent'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'start.sqlite') },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start s'est arrêté (code ${child.exitCode}) : ${stderr}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    return { ms: performance.now() - started, rebuilt: /construction/.test(stderr) };
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}
