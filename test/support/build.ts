import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `npm run build` for the tests that run the built program in a child process (the server, the
 * crash writer). Several test files, in several jest workers, may ask at once: the first takes a
 * lock folder and builds, the others wait for it, so that no process runs half-written files.
 */

export const ROOT = resolve(__dirname, '../..');
export const DIST = join(ROOT, 'dist');

const LOCK = join(ROOT, 'dist', '.build-lock');
const STALE_MS = 5 * 60_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function buildDist(): void {
  mkdirSync(DIST, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        // A lock left by a worker that was killed: taken over.
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // Released meanwhile.
      }
      sleep(200);
    }
  }
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    const out = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npm run build a échoué :\n${out.stdout?.toString() ?? ''}${out.stderr?.toString() ?? ''}`, { cause: e });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
