/**
 * One queue per key: `run(key, task)` starts `task` once every task queued before it under the
 * same key has settled, whether it resolved or threw. Tasks under different keys run side by side.
 * In-process only: across processes, the store's optimistic check takes over (dossier/service.ts).
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    // The next task waits for this one to settle, never for it to succeed.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget an idle key, so that the map does not grow with every dossier ever seen.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or waiting. */
  get busyKeys(): number {
    return this.tails.size;
  }
}
