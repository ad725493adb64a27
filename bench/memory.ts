import { campaign } from './campaign';
import { scratchHistories } from '../src/batch/history';
import { batchJudge, runBatch } from '../src/batch/run';
import type { BatchItem } from '../src/batch/sources';
import type { RuleRegistry } from '../src/rules/registry';

/**
 * Memory over a long campaign through the batch pipeline: the heap after each slice of 10,000
 * submissions. Flat means the last slices weigh what the first did.
 */
export interface MemoryResult {
  submissions: number;
  ms: number;
  /** Heap used (MiB) after a collection, every 10,000 submissions. */
  heapMiB: number[];
  rssMiB: number;
}

export async function measureMemory(registry: RuleRegistry, submissions: number): Promise<MemoryResult> {
  const histories = scratchHistories();
  const heapMiB: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  async function* items(): AsyncGenerator<BatchItem> {
    let n = 0;
    for (const doc of campaign({ submissions, seed: 7 })) {
      yield { source: `#${++n}`, text: JSON.stringify(doc), format: 'json' };
    }
  }
  let seen = 0;
  const t = performance.now();
  try {
    await runBatch(items(), {
      judge: batchJudge(registry, histories),
      onJudged: () => {
        if (++seen % 10_000 === 0) {
          gc?.();
          heapMiB.push(Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10);
        }
      },
    });
  } finally {
    histories.close();
  }
  return { submissions, ms: performance.now() - t, heapMiB, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) };
}
