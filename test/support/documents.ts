import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mergeDocument } from '../../src/rules/rule-tests';

/** The named documents of the 2020-2021 rule tests, for tests that need a realistic dossier. */
const named = parse(readFileSync(join(__dirname, '../../rules/2020-2021/tests/documents.yaml'), 'utf8')).documents as Record<
  string,
  { from?: string; with?: unknown }
>;

export function namedDocument(name: string, changes: unknown = {}): Record<string, unknown> {
  const base = named[name];
  if (!base) throw new Error(`no document ${name}`);
  const resolved = base.from ? mergeDocument(namedDocument(base.from), base.with) : base;
  return mergeDocument(resolved, changes) as Record<string, unknown>;
}
