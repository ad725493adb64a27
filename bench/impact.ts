import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaign } from './campaign';
import { compileRuleSet, type CompiledRuleSet } from '../src/rules/compile';
import { ruleSetFor, type RuleRegistry } from '../src/rules/registry';
import { DossierService } from '../src/service/dossier-service';
import { measureImpact } from '../src/service/impact';
import { Store } from '../src/store/store';
import { openReadOnly } from '../src/store/database';
import { validateSubmission } from '../src/validation/validator';

/**
 * `rules impact` on a store of the campaign's submissions: how many submissions are judged again
 * per second, and what the heap holds before and after. Two targets: the year's own rules (nothing
 * changes: the cost of reading and judging) and the fee raised to 60 € (most verdicts change: the
 * answer itself is then what grows). The store is filled by the dossier service as the API fills
 * it (reports left empty: they are not read), then opened read-only, as the command opens it.
 */

export interface ImpactRun {
  name: string;
  submissions: number;
  dossiers: number;
  changed: number;
  ms: number;
  perSecond: number;
  /** Heap used after a collection, before and after the run, the answer still held. */
  heapMiB: [number, number];
}

export interface ImpactBench {
  stored: number;
  storeMiB: number;
  runs: ImpactRun[];
}

const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
};

/** The year's rules with another fee, compiled as a proposal would be. */
function withFee(rules: CompiledRuleSet, fee: number): CompiledRuleSet {
  return compileRuleSet({
    ...rules,
    version: `${rules.version}-tarif-${fee}`,
    params: { ...rules.params, feePerSchool: fee },
    parameters: rules.parameters.map((p) => (p.name === 'feePerSchool' ? { ...p, value: fee } : p)),
  });
}

/** Fills a new store at `path` with the campaign's submissions, through the dossier service; returns how many were stored. */
export async function seedImpactStore(registry: RuleRegistry, submissions: number, path: string): Promise<number> {
  const writer = Store.open(path);
  let stored = 0;
  try {
    const service = new DossierService(writer, registry, { now: () => new Date('2021-06-30T08:00:00Z'), renderReport: () => '' });
    for (const doc of campaign({ submissions, seed: 11 })) {
      const v = validateSubmission(doc);
      if (!v.ok) continue;
      await service.submit({ submission: v.submission, rawText: JSON.stringify(doc), contentType: 'application/json' });
      stored++;
    }
  } finally {
    writer.close();
  }
  return stored;
}

export async function measureImpactBench(registry: RuleRegistry, submissions: number): Promise<ImpactBench> {
  const dir = mkdtempSync(join(tmpdir(), 'ent-compliance-bench-impact-'));
  const path = join(dir, 'impact.sqlite');
  try {
    const stored = await seedImpactStore(registry, submissions, path);
    const store = new Store(openReadOnly(path));
    try {
      const rules = ruleSetFor(registry, '2020-2021')!;
      const runs: ImpactRun[] = [];
      for (const [name, target] of [
        ['règles de l’année inchangées', rules],
        ['participation portée de 50 à 60 €', withFee(rules, 60)],
      ] as const) {
        // Best of two passes: a neighbour on the shared machine slows one now and then.
        let best: ImpactRun | undefined;
        for (let pass = 0; pass < 2; pass++) {
          const before = heap();
          const t = performance.now();
          const report = await measureImpact({ store, registry, target });
          const ms = performance.now() - t;
          const after = heap();
          const run = {
            name,
            submissions: report.submissions,
            dossiers: report.dossiers,
            changed: report.changed.length,
            ms,
            perSecond: Math.round((report.submissions / ms) * 1000),
            heapMiB: [before, after] as [number, number],
          };
          if (!best || run.perSecond > best.perSecond) best = run;
        }
        runs.push(best!);
      }
      return { stored, storeMiB: Math.round(statSync(path).size / 2 ** 20), runs };
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
