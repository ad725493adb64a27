import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../support/build';

/**
 * `npm start` builds only when the sources changed since the last `npm run build`
 * (src/build/freshness.js). Run in a copy of the project, so that its builds do not race the other
 * test files' (test/support/build.ts).
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain JavaScript script, run before anything is compiled
const freshness = require('../../src/build/freshness.js') as {
  inputsDigest(root: string): string;
  staleness(root: string): string | undefined;
  writeStamp(root: string, digest: string): void;
  OUTPUTS: string[];
};

let copy: string;
beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'ent-compliance-start-'));
  for (const entry of ['src', 'bench', 'schemas', 'reports', 'rules', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
    cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('the freshness of dist/', () => {
  it('a digest of the contents: the same for the same files, another when one byte changes or a file appears', () => {
    const tree = mkdtempSync(join(tmpdir(), 'ent-compliance-fresh-'));
    try {
      mkdirSync(join(tree, 'src/a'), { recursive: true });
      writeFileSync(join(tree, 'src/a/x.ts'), 'export const x = 1;\n');
      writeFileSync(join(tree, 'package.json'), '{}');
      const first = freshness.inputsDigest(tree);
      expect(freshness.inputsDigest(tree)).toBe(first);
      writeFileSync(join(tree, 'src/a/x.ts'), 'export const x = 2;\n');
      expect(freshness.inputsDigest(tree)).not.toBe(first);
      writeFileSync(join(tree, 'src/a/x.ts'), 'export const x = 1;\n');
      expect(freshness.inputsDigest(tree)).toBe(first);
      writeFileSync(join(tree, 'src/a/y.ts'), '');
      expect(freshness.inputsDigest(tree)).not.toBe(first);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('stale without a record, with another record, or when a built file is missing', () => {
    const tree = mkdtempSync(join(tmpdir(), 'ent-compliance-fresh-'));
    try {
      mkdirSync(join(tree, 'src'), { recursive: true });
      writeFileSync(join(tree, 'src/x.ts'), 'export {};\n');
      for (const output of freshness.OUTPUTS) {
        mkdirSync(join(tree, output, '..'), { recursive: true });
        writeFileSync(join(tree, output), '');
      }
      expect(freshness.staleness(tree)).toBe('aucune construction complète enregistrée');
      freshness.writeStamp(tree, freshness.inputsDigest(tree));
      expect(freshness.staleness(tree)).toBeUndefined();
      writeFileSync(join(tree, 'src/x.ts'), 'export const y = 1;\n');
      expect(freshness.staleness(tree)).toBe('sources modifiées depuis la dernière construction');
      freshness.writeStamp(tree, freshness.inputsDigest(tree));
      rmSync(join(tree, freshness.OUTPUTS[0]));
      expect(freshness.staleness(tree)).toBe(`${freshness.OUTPUTS[0]} absent`);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('npm run build records it; npm start then starts without building, and builds again after a change', async () => {
    const build = spawnSync(process.execPath, [join(copy, 'src/build/build.js')], { cwd: copy, encoding: 'utf8' });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    expect(freshness.staleness(copy)).toBeUndefined();
    for (const output of freshness.OUTPUTS) expect(statSync(join(copy, output)).isFile()).toBe(true);
    expect(statSync(join(copy, 'dist/src/reports/templates.generated.js')).isFile()).toBe(true);
    expect(statSync(join(copy, 'dist/src/rules/linted.generated.js')).isFile()).toBe(true);

    const built = statSync(join(copy, 'dist/src/server.js')).mtimeMs;
    const fresh = await startOnce(copy);
    expect(fresh.stderr).not.toMatch(/construction/);
    expect(fresh.status).toBe(200);
    expect(statSync(join(copy, 'dist/src/server.js')).mtimeMs).toBe(built);

    // A template edited: stale, rebuilt at the next start, which then serves.
    const page = join(copy, 'reports/pages/error.hbs');
    writeFileSync(page, `${readFileSync(page, 'utf8')}\n`);
    expect(freshness.staleness(copy)).toBe('sources modifiées depuis la dernière construction');
    const rebuilt = await startOnce(copy);
    expect(rebuilt.stderr).toMatch(/ent-compliance : construction \(sources modifiées depuis la dernière construction\)/);
    expect(rebuilt.status).toBe(200);
    expect(freshness.staleness(copy)).toBeUndefined();
  }, 240_000);
});

/** `node src/build/start.js` (what `npm start` runs) until it answers /health, then SIGTERM. */
async function startOnce(root: string): Promise<{ status: number; stderr: string }> {
  const data = mkdtempSync(join(tmpdir(), 'ent-compliance-start-db-'));
  const child = spawn(process.execPath, [join(root, 'src/build/start.js')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: join(data, 'db.sqlite'), LOG_LEVEL: 'silent' },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`pas de démarrage :\n${stderr}`)), 200_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = /à l'écoute sur (\S+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`arrêté (code ${code}) :\n${stderr}`)));
    });
    const res = await fetch(`${address}/health`);
    return { status: res.status, stderr };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(data, { recursive: true, force: true });
  }
}
