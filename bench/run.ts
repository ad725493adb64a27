import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { campaign } from './campaign';
import { describeMachine } from './machine';
import { measureThroughput, PeakMemory, type StageResult } from './throughput';
import { measureMemory } from './memory';
import { measureImpactBench } from './impact';
import { load, type HttpResult } from './http';
import { startBare, startService } from './servers';
import { buildRegistry } from '../src/rules/registry';
import { defaultRulesDir } from '../src/config';
import { renderForBench } from './render';
import { juristeToken } from './token';

/**
 * `npm run bench`: every figure of the performance issue in one run, side by side with its
 * baseline, and the goals as ratios. Runs in under two minutes on the 2-core machine.
 * Options: BENCH_SUBMISSIONS (10000), BENCH_MEMORY_SUBMISSIONS (100000), BENCH_HTTP_SECONDS (3, per pass),
 * BENCH_IMPACT_SUBMISSIONS (10000, the store `rules impact` reads).
 */

const DIST = resolve(__dirname, '..');
const N = Number(process.env.BENCH_SUBMISSIONS ?? 10_000);
const N_MEMORY = Number(process.env.BENCH_MEMORY_SUBMISSIONS ?? 100_000);
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 3);
const N_IMPACT = Number(process.env.BENCH_IMPACT_SUBMISSIONS ?? 10_000);

const fmt = (n: number) => n.toLocaleString('fr-FR');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

async function coldStart(): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await startService(DIST);
    times.push(Math.round(s.startupMs));
    await s.stop();
  }
  return times;
}

async function http(conventionText: string): Promise<HttpResult[]> {
  const service = await startService(DIST);
  // The same service as `npm start` leaves it: tokens checked, one journal line per request.
  let token = '';
  const guarded = await startService(DIST, { AUTH: 'on', LOG_LEVEL: 'info' }, (databasePath) => {
    token = juristeToken(databasePath);
  });
  const bare = await startBare(DIST);
  try {
    const guardedPost = await fetch(`${guarded.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: conventionText,
    });
    if (guardedPost.status !== 201) throw new Error(`dépôt de la convention de mesure refusé avec authentification : ${guardedPost.status}`);
    const posted = await fetch(`${service.url}/api/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: conventionText });
    const body = (await posted.json()) as { report?: string };
    if (!body.report) throw new Error(`dépôt de la convention de mesure refusé : ${JSON.stringify(body).slice(0, 300)}`);
    const reportUrl = new URL(body.report, service.url).toString();
    const opts = { seconds: HTTP_SECONDS };
    const post = { method: 'POST' as const, body: conventionText, contentType: 'application/json' };
    const measures: Array<() => Promise<HttpResult>> = [
      () => load('Express nu : POST /bare (JSON constant)', { ...opts, ...post, url: `${bare.url}/bare` }),
      () => load('POST /api/check (convention)', { ...opts, ...post, url: `${service.url}/api/check` }),
      () => load('GET /reports/:id', { ...opts, url: reportUrl }),
      () =>
        load('POST /api/check, jeton et journal (comme npm start)', { ...opts, ...post, url: `${guarded.url}/api/check`, authorization: `Bearer ${token}` }),
    ];
    // Each route in turn, twice, the better pass kept: a neighbour slowing the machine during one
    // route's only pass would otherwise bend the ratios.
    const best: HttpResult[] = [];
    for (let round = 0; round < 2; round++) {
      for (const [i, measure] of measures.entries()) {
        const r = await measure();
        if (!best[i] || r.requestsPerSecond > best[i].requestsPerSecond) best[i] = r;
      }
    }
    return best;
  } finally {
    await Promise.all([service.stop(), guarded.stop(), bare.stop()]);
  }
}

async function main() {
  const started = performance.now();
  const machine = describeMachine();
  const registry = buildRegistry(defaultRulesDir());
  const texts = [...campaign({ submissions: N, seed: 42 })].map((d) => JSON.stringify(d));
  const peak = new PeakMemory();

  const stages: StageResult[] = await measureThroughput(texts, registry, renderForBench(registry), peak);
  const memory = await measureMemory(registry, N_MEMORY);
  const impact = await measureImpactBench(registry, N_IMPACT);
  const starts = await coldStart();
  const convention = texts.find((t) => t.includes('"kind":"convention"'))!;
  const routes = await http(convention);

  const byName = (prefix: string) => stages.find((s) => s.name.startsWith(prefix))!;
  const evaluate = byName('validation + évaluation');
  const reference = byName('json-rules-engine seul');
  const check = routes.find((r) => r.name === 'POST /api/check (convention)')!;
  const bareRoute = routes.find((r) => r.name.startsWith('Express nu'))!;
  const firstHeap = memory.heapMiB[0] ?? 0;
  const lastHeap = memory.heapMiB.at(-1) ?? 0;
  const coldMax = Math.max(...starts);
  const impactSlowest = Math.min(...impact.runs.map((r) => r.perSecond));

  const goals = [
    ['validation + évaluation ≤ 1,5 × la référence json-rules-engine', `${(evaluate.ms / reference.ms).toFixed(2)} ×`, evaluate.ms <= 1.5 * reference.ms],
    [
      'POST /api/check ≥ 0,5 × Express nu (requêtes/s)',
      `${(check.requestsPerSecond / bareRoute.requestsPerSecond).toFixed(2)} ×`,
      check.requestsPerSecond >= 0.5 * bareRoute.requestsPerSecond,
    ],
    ['validation + évaluation ≥ 5 000 pièces/s sur un cœur', `${fmt(evaluate.perSecond)}/s`, evaluate.perSecond >= 5000],
    ['démarrage à froid < 1 s (jusqu’à la première réponse)', `${fmt(coldMax)} ms`, coldMax < 1000],
    [`mémoire stable sur ${fmt(N_MEMORY)} pièces (tas après ${fmt(10_000)} → à la fin)`, `${firstHeap} → ${lastHeap} Mio`, lastHeap <= firstHeap * 1.25 + 5],
    [
      'rules impact ≥ 5 000 pièces jugées à nouveau par seconde',
      // Beside the evaluation of the same run: on a shared machine the ratio holds when the figures do not.
      `${fmt(impactSlowest)}/s (${(evaluate.perSecond / impactSlowest).toFixed(2).replace('.', ',')} × le coût d’une validation + évaluation)`,
      impactSlowest >= 5000,
    ],
  ] as const;
  const totalS = (performance.now() - started) / 1000;

  const out = [
    `ent-compliance — banc de mesure (${new Date().toISOString()})`,
    `Machine : ${machine}`,
    '',
    table([
      ['Débit en processus (un cœur), ' + fmt(N) + ' pièces', 'pièces/s', 'durée'],
      ...stages.map((s) => [s.name, fmt(s.perSecond), `${fmt(Math.round(s.ms))} ms`]),
    ]),
    `Mémoire résidente au plus haut pendant ces mesures : ${fmt(Math.round(peak.peak))} Mio`,
    '',
    table([
      [`HTTP sur la boucle locale (autocannon, 10 connexions, meilleure de 2 passes de ${HTTP_SECONDS} s)`, 'requêtes/s', 'p50 ms', 'p99 ms', 'erreurs'],
      ...routes.map((r) => [r.name, fmt(r.requestsPerSecond), String(r.p50), String(r.p99), String(r.errors + r.non2xx)]),
    ]),
    '',
    `Démarrage à froid (du lancement du processus à la première réponse) : ${starts.map((s) => `${fmt(s)} ms`).join(', ')}`,
    `Campagne de ${fmt(N_MEMORY)} pièces par le lot : ${fmt(Math.round(memory.ms / 1000))} s ; tas tous les ${fmt(10_000)} : ${memory.heapMiB.join(', ')} Mio ; résident à la fin : ${memory.rssMiB} Mio`,
    '',
    table([
      [
        `rules impact 2020-2021, base de ${fmt(impact.stored)} pièces (${fmt(impact.storeMiB)} Mio), lue en lecture seule`,
        'pièces/s',
        'durée',
        'changent',
        'tas avant → après',
      ],
      ...impact.runs.map((r) => [r.name, fmt(r.perSecond), `${fmt(Math.round(r.ms))} ms`, fmt(r.changed), `${r.heapMiB[0]} → ${r.heapMiB[1]} Mio`]),
    ]),
    '',
    table([['Objectif', 'mesure', 'atteint'], ...goals.map(([g, m, ok]) => [g, m, ok ? 'oui' : 'NON'])]),
    '',
    `Durée totale du banc : ${totalS.toFixed(0)} s`,
  ].join('\n');
  process.stdout.write(`${out}\n`);
  const dir = join(DIST, '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify({ machine, stages, peakRssMiB: peak.peak, routes, starts, memory, impact, goals, totalS }, null, 2));
}

main().catch((e: unknown) => {
  process.stderr.write(`banc : ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
