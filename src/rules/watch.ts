import { watch, type FSWatcher } from 'node:fs';

/**
 * Calls `onChange` once the files under `rulesDir` have stopped changing for `debounceMs`: an
 * editor saves a file in several writes, and a `git checkout` touches many files; reloading at
 * each event would lint half-written rule sets. For development (RULES_WATCH=1 or
 * NODE_ENV=development); in production a juriste reloads with POST /api/rules/reload.
 */

export interface RulesWatcher {
  close(): void;
}

export type WatchStart = { ok: true; watcher: RulesWatcher } | { ok: false; message: string };

export function watchRules(rulesDir: string, onChange: () => void, debounceMs = 300): WatchStart {
  let timer: NodeJS.Timeout | undefined;
  let fsWatcher: FSWatcher;
  try {
    fsWatcher = watch(rulesDir, { recursive: true, persistent: false }, () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        onChange();
      }, debounceMs);
    });
  } catch (e) {
    return { ok: false, message: `surveillance de ${rulesDir} impossible : ${(e as Error).message}` };
  }
  // A watched folder removed or unreadable later: stop watching rather than crash the server.
  fsWatcher.on('error', () => fsWatcher.close());
  return {
    ok: true,
    watcher: {
      close() {
        if (timer) clearTimeout(timer);
        fsWatcher.close();
      },
    },
  };
}
