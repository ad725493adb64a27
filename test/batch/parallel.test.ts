import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaign } from '../../bench/campaign';
import { dossierKey } from '../../src/batch/parallel';
import type { BatchSummary } from '../../src/batch/run';
import { Store } from '../../src/store/store';
import { buildDist } from '../support/build';
import { cli } from '../support/cli';

/**
 * `batch --threads N`: the dossiers spread over worker threads give the summary, the reports and
 * the database of a run on one thread. The worker threads run the built program (dist/), hence
 * the build first.
 */

let dir: string;
beforeAll(() => {
  buildDist();
  dir = mkdtempSync(join(tmpdir(), 'ent-compliance-parallel-'));
  // Dossiers interleaved, each with a convention, amendments, invoices, some a dispute: a
  // document judged in another thread than its dossier's earlier ones would be judged on an
  // empty history, and the summary would show it.
  // Lines no dossier can be read from: their reports are named in the campaign's order, whichever thread judged them.
  const lines = [...campaign({ submissions: 1500, seed: 11 })].map((d) => JSON.stringify(d));
  lines.splice(700, 0, '{ pas du json', '{"kind": "avenant"}');
  writeFileSync(join(dir, 'campagne.jsonl'), lines.join('\n'));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function summaryOf(out: string): Omit<BatchSummary, 'startedAt' | 'finishedAt' | 'durationMs'> {
  const { startedAt: _s, finishedAt: _f, durationMs: _d, ...rest } = JSON.parse(readFileSync(join(dir, out, 'batch-summary.json'), 'utf8')) as BatchSummary;
  return rest;
}

describe('batch --threads', () => {
  it('gives the summary, progress and reports of a single thread', async () => {
    const one = await cli(['batch', 'campagne.jsonl', '--threads', '1', '--report-dir', 'un'], dir);
    const three = await cli(['batch', 'campagne.jsonl', '--threads', '3', '--report-dir', 'trois'], dir);
    expect(three.code).toBe(one.code);
    const single = summaryOf('un');
    expect(single.total).toBe(1502);
    expect(single.byVerdict.conforme).toBeGreaterThan(500);
    expect(summaryOf('trois')).toEqual(single);
    const printed = (r: { stdout: string }) => r.stdout.replace(/en [\d,]+ s/, '').replace(/Résumé : \S+\//, 'Résumé : ');
    expect(printed(three)).toBe(printed(one));
    expect(three.stderr).toMatch(/^Campagne : 1\s000 pièces \(/m);
    expect(three.stderr).toMatch(/^Campagne : 1\s502 pièces en .* s \(/m);
    // The same report for each document, under the same name; only the instants differ.
    const names = readdirSync(join(dir, 'un')).sort();
    expect(readdirSync(join(dir, 'trois')).sort()).toEqual(names);
    const instants = /\d{4}-\d\d-\d\dT[\d:.]+Z|\d{1,2}(?: \S+ |\/\d\d\/)\d{4} à \d\d:\d\d(:\d\d)?|[0-9a-f]{64}/g;
    for (const name of names.filter((n) => n.endsWith('.html') && n !== 'batch-summary.html').slice(0, 200)) {
      expect(readFileSync(join(dir, 'trois', name), 'utf8').replace(instants, '')).toBe(readFileSync(join(dir, 'un', name), 'utf8').replace(instants, ''));
    }
  }, 120_000);

  it('with --database, stays on one thread and says so: the campaign must stop at the first document it cannot judge, none after it filed', async () => {
    const one = join(dir, 'un.sqlite');
    const two = join(dir, 'deux.sqlite');
    const single = await cli(['batch', 'campagne.jsonl', '--database', one, '--report-dir', 'base-un'], dir);
    const asked = await cli(['batch', 'campagne.jsonl', '--threads', '2', '--database', two, '--report-dir', 'base-deux'], dir);
    expect(single.stderr).not.toMatch(/un seul fil/);
    expect(asked.stderr).toMatch(/^batch : --database juge sur un seul fil : la campagne s'arrête à la première pièce/m);
    expect(asked.code).toBe(single.code);
    expect(summaryOf('base-deux')).toEqual(summaryOf('base-un'));
    const rows = (path: string) => {
      const store = Store.open(path);
      try {
        return store.db.prepare('SELECT siret, kind, status FROM submissions ORDER BY seq').all();
      } finally {
        store.close();
      }
    };
    expect(rows(two)).toEqual(rows(one));
  }, 180_000);

  it.each([
    ['a report a thread writes', /^rapport-\d{14}-/, 'bloque-fil'],
    ['the report of a document refused before its dossier is known, named by the main thread', /^rapport-refuse-/, 'bloque-principal'],
  ])('%s that cannot be written is said in French, as on one thread (exit 2)', async (_, pattern, folder) => {
    // The first such report's name taken by a folder: the report cannot be written.
    const first = readdirSync(join(dir, 'un'))
      .filter((n) => pattern.test(n))
      .sort()[0];
    mkdirSync(join(dir, folder, first), { recursive: true });
    const r = await cli(['batch', 'campagne.jsonl', '--threads', '3', '--report-dir', folder], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^batch : .*${first.replace(/[.]/g, '\\.')}`, 'm'));
    expect(r.stderr).not.toMatch(/fil de travail|EISDIR/);
  });

  it('refuses a thread count that is not one', async () => {
    for (const v of ['0', 'deux', '-1', '65']) {
      const r = await cli(['batch', 'campagne.jsonl', '--threads', v], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--threads attend un nombre de fils de 1 à 64/);
    }
  });
});

describe('dossierKey', () => {
  it('reads the SIRET of the party from JSON and YAML, and nothing from what is not a submission', () => {
    expect(dossierKey({ source: 'a', format: 'json', text: '\uFEFF{"party": {"siret": "21340270400018"}}' })).toBe('21340270400018');
    expect(dossierKey({ source: 'a', format: 'yaml', text: 'party:\n  siret: "21340270400018"\n' })).toBe('21340270400018');
    for (const text of ['{ pas du json', '[]', 'null', '{"party": {"siret": 21340270400018}}', '{"party": "x"}'])
      expect(dossierKey({ source: 'a', format: 'json', text })).toBeUndefined();
  });
});
