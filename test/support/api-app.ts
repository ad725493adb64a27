import type { Express } from 'express';
import { createApp } from '../../src/http/app';
import { buildRegistry, type RuleRegistry } from '../../src/rules/registry';
import { createServices, type Services } from '../../src/service/services';
import { Store } from '../../src/store/store';
import { fixtureText, RULES_DIR, tempDir } from './api-fixtures';

/** The app over a fresh SQLite file in a temporary folder, with the project's rule sets. */

let registry: RuleRegistry | undefined;

/** Compiled once per test file: the rule sets do not change between tests. */
export function projectRegistry(): RuleRegistry {
  return (registry ??= buildRegistry(RULES_DIR));
}

export interface TestApp {
  app: Express;
  services: Services;
  faults: unknown[];
  /** Closes the store and removes the folder. */
  close(): void;
}

export function testApp(options: { bodyLimit?: string | number; now?: () => Date } = {}): TestApp {
  const tmp = tempDir();
  const store = Store.open(tmp.dbPath);
  const services = createServices(store, projectRegistry(), { now: options.now });
  const faults: unknown[] = [];
  const app = createApp({ services, bodyLimit: options.bodyLimit, onFault: (e) => faults.push(e) });
  return {
    app,
    services,
    faults,
    close() {
      store.close();
      tmp.cleanup();
    },
  };
}

/** A JSON fixture's text with some top-level keys changed, as a client would send it. */
export function jsonWith(name: string, changes: Record<string, unknown>): string {
  return JSON.stringify({ ...JSON.parse(fixtureText(`${name}.json`)), ...changes });
}
