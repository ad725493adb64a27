import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from './servers';
import { juristeToken } from './token';

/**
 * Where the server's CPU goes under POST /api/check: the service started as `npm start` starts it
 * (authentication on, default log level, stdout to /dev/null) under `node --cpu-prof`, loaded by
 * autocannon with a valid three-school convention, then the profile summed by what the issue
 * names (json-rules-engine, body reading, helmet, middleware, SQLite, validation, writev, GC).
 *
 *   node dist/bench/profile.js [seconds] [out.json]
 *
 * PROFILE_AUTH=off PROFILE_LOG=silent give the issue's setting; PROFILE_TARGET=bare-json profiles
 * the reference instead (bench/bare-server.ts, the same body). The summary is printed and, with
 * `out.json`, written there; the raw .cpuprofile is kept beside it (open it in Chrome's DevTools).
 */

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Categories, first match wins for a frame. A sample goes to the innermost frame of its stack that
 * has a category (so the time of `res.setHeader` called by helmet is helmet's, and a middleware's
 * `next()` does not make the rest of the chain its own); what has none is Node's own work.
 */
export type Categories = Array<[string, (f: CallFrame) => boolean]>;

const CATEGORIES: Categories = [
  ['json-rules-engine', (f) => f.url.includes('/json-rules-engine/')],
  ['règles du projet (faits, évaluation, messages)', (f) => /\/dist\/src\/(rules|check|dossier\/(state|account))/.test(f.url)],
  [
    'lecture du corps (raw-body, body-parser, UTF-8)',
    (f) => /\/(raw-body|body-parser|iconv-lite)\//.test(f.url) || /\/dist\/src\/http\/(middleware\/utf8-body|body)/.test(f.url),
  ],
  ['helmet', (f) => f.url.includes('/helmet/')],
  [
    'middleware du projet (auth, droits, journal)',
    (f) => /\/dist\/src\/http\/middleware\/(authenticate|authorize|request-log|access-banner|security-headers)/.test(f.url),
  ],
  ['pino', (f) => f.url.includes('/pino/') || f.url.includes('/sonic-boom/')],
  ['SQLite (historique, jetons)', (f) => /\/dist\/src\/(store|auth\/tokens)/.test(f.url) || f.url.includes('/better-sqlite3/')],
  ['validation (ajv)', (f) => /\/dist\/src\/validation\//.test(f.url)],
  ['lecture du document', (f) => /\/dist\/src\/documents\//.test(f.url)],
  ['réponse (sérialisation)', (f) => /\/dist\/src\/http\/(views|answer|serialize)/.test(f.url) || f.functionName === 'stringify'],
  ['express (router, req/res)', (f) => /\/(express|router|finalhandler|send|content-type|type-is|mime-types|accepts|negotiator)\//.test(f.url)],
  ['writev (socket)', (f) => f.functionName === 'writev' || f.functionName === 'writevGeneric'],
  ['ramasse-miettes', (f) => f.functionName === '(garbage collector)'],
  ['inactif', (f) => f.functionName === '(idle)'],
];

const OTHER = 'Node (http, flux, événements, autres)';

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  /** Share of busy time of each category (innermost category on the stack). */
  categories: Array<{ name: string; ms: number; share: number }>;
  /** The heaviest functions by self time. */
  selfTop: Array<{ fn: string; ms: number; share: number }>;
}

/**
 * `window`: the load's start and end on the monotonic clock, in µs (process.hrtime, which the
 * profile's timestamps share on Linux); samples outside it (the start-up, the shutdown) are left out.
 */
export function summarise(profile: CpuProfile, top = 30, window?: [number, number], categories: Categories = CATEGORIES): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window[0] || at > window[1])) continue;
    const id = profile.samples[i];
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000);
  }
  const catMs = new Map<string, number>();
  let total = 0;
  let idle = 0;
  const selfByFn = new Map<string, number>();
  const root = process.cwd();
  for (const [id, ms] of selfMs) {
    total += ms;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') idle += ms;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonyme)'} ${f.url.replace(`file://${root}/`, '').replace(/^.*node_modules\//, '')}:${f.lineNumber + 1}`;
    selfByFn.set(key, (selfByFn.get(key) ?? 0) + ms);
    let name = OTHER;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur)!.callFrame;
      const cat = categories.find(([, test]) => test(cf));
      if (cat) {
        name = cat[0];
        break;
      }
    }
    catMs.set(name, (catMs.get(name) ?? 0) + ms);
  }
  const busy = total - idle;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    totalMs: round(total),
    busyMs: round(busy),
    categories: [...categories.map(([name]) => name), OTHER]
      .filter((name) => name !== 'inactif')
      .map((name) => ({ name, ms: round(catMs.get(name) ?? 0), share: round(((catMs.get(name) ?? 0) / busy) * 100) })),
    selfTop: [...selfByFn]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms: round(ms), share: round((ms / busy) * 100) })),
  };
}

async function main() {
  const seconds = Number(process.argv[2] ?? 10);
  const out = process.argv[3] ? resolve(process.argv[3]) : undefined;
  const dist = resolve(__dirname, '..');
  const dir = mkdtempSync(join(tmpdir(), 'ent-compliance-profile-'));
  const databasePath = join(dir, 'profile.sqlite');
  const auth = process.env.PROFILE_AUTH ?? 'on';
  const token = auth === 'on' ? juristeToken(databasePath) : '';
  const bare = process.env.PROFILE_TARGET === 'bare-json';
  const port = await freePort();
  const child = fork(join(dist, bare ? 'bench/bare-server.js' : 'src/server.js'), [], {
    execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      AUTH: auth,
      ...(process.env.PROFILE_LOG ? { LOG_LEVEL: process.env.PROFILE_LOG } : {}),
    },
  });
  let url = `http://127.0.0.1:${port}`;
  // The reference listens where the system puts it, and says where.
  if (bare) url = `http://127.0.0.1:${await new Promise<number>((r) => child.once('message', (m) => r((m as { port: number }).port)))}`;
  for (; !bare;) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  const body = readFileSync(resolve(dist, '..', 'test/fixtures/api/convention-3-ecoles.json'), 'utf8');
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  if (!bare) {
    // The dossier holds its convention, so that the check reads a history, as in the bench.
    const filed = await fetch(`${url}/api/submissions`, { method: 'POST', headers, body });
    if (filed.status !== 201) throw new Error(`dépôt refusé : ${filed.status}`);
  }
  const target = `${url}${bare ? '/bare-json' : '/api/check'}`;
  // A first second unmeasured: the code paths compile, as in a service that has been up a while.
  await autocannon({ url: target, method: 'POST', body, headers, duration: 1, connections: 8 });
  const from = Number(process.hrtime.bigint() / 1000n);
  const r = await autocannon({ url: target, method: 'POST', body, headers, duration: seconds, connections: 8 });
  const to = Number(process.hrtime.bigint() / 1000n);
  const exited = new Promise((res) => child.once('exit', res));
  child.kill('SIGTERM');
  await exited;
  const file = readdirSync(dir).find((n) => n.endsWith('.cpuprofile'))!;
  const raw = readFileSync(join(dir, file), 'utf8');
  const summary = summarise(JSON.parse(raw) as CpuProfile, 30, [from, to]);
  const result = {
    target,
    requests: r.requests.total,
    requestsPerSecond: Math.round(r.requests.average),
    non2xx: r.non2xx,
    busyMicrosPerRequest: Math.round((summary.busyMs * 1000) / r.requests.total),
    auth,
    logLevel: process.env.PROFILE_LOG ?? 'info (défaut)',
    ...summary,
  };
  process.stdout.write(
    `${target} : ${result.requests} requêtes, ${result.requestsPerSecond}/s, non-2xx ${result.non2xx} ; processeur occupé ${summary.busyMs} ms sur ${summary.totalMs} ms, ${result.busyMicrosPerRequest} µs par requête\n`,
  );
  for (const c of summary.categories) process.stdout.write(`  ${c.name.padEnd(50)} ${String(c.share).padStart(5)} %\n`);
  process.stdout.write('Temps propre, fonctions les plus lourdes :\n');
  for (const f of summary.selfTop) process.stdout.write(`  ${String(f.share).padStart(5)} %  ${f.fn}\n`);
  if (out) {
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(out.replace(/\.json$/, '') + '.cpuprofile', raw);
  }
  rmSync(dir, { recursive: true, force: true });
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`profil : ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
