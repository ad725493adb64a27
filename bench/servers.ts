import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

/** Servers for the HTTP measures, each in a child process of its own so it has a core to itself. */

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export interface Child {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess, cleanup?: () => void) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) {
        cleanup?.();
        resolve();
        return;
      }
      child.once('exit', () => {
        cleanup?.();
        resolve();
      });
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
}

export async function startBare(distDir: string): Promise<Child> {
  const child = fork(join(distDir, 'bench/bare-server.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`serveur témoin arrêté (code ${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, process: child, stop: stopper(child) };
}

/**
 * The service as `npm start` runs it, on a fresh database; resolves once it answers. Open
 * (AUTH=off) and silent unless `extraEnv` says otherwise (a variable given as undefined is left
 * unset: its default applies); `prepare` may write to the database before the start (a token,
 * for a service with authentication).
 */
export async function startService(
  distDir: string,
  extraEnv: Record<string, string | undefined> = {},
  prepare?: (databasePath: string) => void,
): Promise<Child & { startupMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ent-compliance-bench-'));
  prepare?.(join(dir, 'bench.sqlite'));
  const port = await freePort();
  const started = performance.now();
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'bench.sqlite'),
    AUTH: 'off',
    LOG_LEVEL: 'silent',
    ...extraEnv,
  };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const child = fork(join(distDir, 'src/server.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`le service s'est arrêté au démarrage (code ${child.exitCode})`);
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const startupMs = performance.now() - started;
  return { url, process: child, startupMs, stop: stopper(child, () => rmSync(dir, { recursive: true, force: true })) };
}
