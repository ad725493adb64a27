import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRulesDir } from '../src/config';
import { buildRegistry, ruleSetFor } from '../src/rules/registry';
import { measureImpact } from '../src/service/impact';
import { openReadOnly } from '../src/store/database';
import { Store } from '../src/store/store';
import { seedImpactStore } from './impact';
import { summarise, type Categories, type CpuProfile } from './profile';

/**
 * Where `rules impact` spends its time: the campaign stored as the bench stores it, then judged
 * again by the year's unchanged rules, one pass to warm up and PASSES under the CPU profiler, the
 * profile summed by what a judgement is made of. Prints submissions per second of wall-clock and
 * of processor time (the latter less sensitive to a neighbour taking a core).
 *
 *   node dist/bench/impact-profile.js [submissions] [out.cpuprofile]
 */

const PASSES = 3;

const CATEGORIES: Categories = [
  ['json-rules-engine', (f) => f.url.includes('/json-rules-engine/') || f.url.includes('/eventemitter2/')],
  ['règles du projet (évaluation, opérateurs, copie des faits)', (f) => /\/dist\/src\/rules\//.test(f.url)],
  [
    'faits et sommes dues (modèle du contrat)',
    (f) => /\/dist\/src\/(contract|dossier|dates|identifiers)\//.test(f.url) || f.url.includes('/temporal-polyfill/'),
  ],
  ['lecture des lignes (SQLite, JSON.parse)', (f) => /\/dist\/src\/store\//.test(f.url) || f.url.includes('/better-sqlite3/')],
  ['boucle de l’impact', (f) => /\/dist\/src\/service\//.test(f.url)],
  ['ramasse-miettes', (f) => f.functionName === '(garbage collector)'],
  ['inactif', (f) => f.functionName === '(idle)'],
];

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));
}

async function main() {
  const submissions = Number(process.argv[2] ?? 10_000);
  const out = process.argv[3];
  const registry = buildRegistry(defaultRulesDir());
  const dir = mkdtempSync(join(tmpdir(), 'ent-compliance-impact-profile-'));
  try {
    const path = join(dir, 'impact.sqlite');
    const stored = await seedImpactStore(registry, submissions, path);
    const store = new Store(openReadOnly(path));
    try {
      const target = ruleSetFor(registry, '2020-2021')!;
      await measureImpact({ store, registry, target });
      const session = new Session();
      session.connect();
      await post(session, 'Profiler.enable');
      await post(session, 'Profiler.start');
      const cpu = process.cpuUsage();
      const started = performance.now();
      let judged = 0;
      for (let pass = 0; pass < PASSES; pass++) judged += (await measureImpact({ store, registry, target })).submissions;
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const { profile } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
      session.disconnect();
      const cpuMs = (used.user + used.system) / 1000;
      process.stdout.write(
        `rules impact 2020-2021 : ${stored} pièces conservées, ${PASSES} passes sous le profileur, ` +
          `${Math.round((judged / ms) * 1000)} pièces/s (horloge), ${Math.round((judged / cpuMs) * 1000)} par seconde de processeur\n`,
      );
      const summary = summarise(profile, 15, undefined, CATEGORIES);
      for (const c of summary.categories) process.stdout.write(`  ${c.name.padEnd(60)} ${String(c.share).padStart(5)} %\n`);
      process.stdout.write('Temps propre, fonctions les plus lourdes :\n');
      for (const f of summary.selfTop) process.stdout.write(`  ${String(f.share).padStart(5)} %  ${f.fn}\n`);
      if (out) writeFileSync(out, JSON.stringify(profile));
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`profil de l’impact : ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
