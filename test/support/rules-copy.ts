import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES_DIR } from './api-fixtures';
import { secureApp, type SecureApp } from './secure-app';

/**
 * An app over a copy of the repository's rules, for tests that write into its rules folder (a
 * reload after an edit, a juriste's draft): the repository's own rules are never touched.
 */
export function openOnRulesCopy(prefix: string, now = () => new Date('2020-09-21T08:00:00Z')): { dir: string; s: SecureApp } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(RULES_DIR, dir, { recursive: true });
  return { dir, s: secureApp({ rulesDir: dir, now }) };
}

/** Closes the app and removes the copy; the app must not have met a fault. */
export function closeRulesCopy(dir: string, s: SecureApp): void {
  expect(s.faults).toEqual([]);
  s.close();
  rmSync(dir, { recursive: true, force: true });
}
