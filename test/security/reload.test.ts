import { filed } from '../support/filed';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { readConfig } from '../../src/config';
import { buildRegistry } from '../../src/rules/registry';
import { reloadRegistry } from '../../src/rules/reload';
import { watchRules } from '../../src/rules/watch';
import { fixture, fixtureText, RULES_DIR } from '../support/api-fixtures';
import type { SecureApp } from '../support/secure-app';
import { closeRulesCopy, openOnRulesCopy } from '../support/rules-copy';

/**
 * POST /api/rules/reload and the watcher: a rule set that lints replaces the one serving, one that
 * fails is refused and the last good version keeps serving, and every decision stays readable
 * with the texts of the version that made it.
 */

const ARTICLE_5 = 'rules/article-5.yaml';

let dir: string;
let s: SecureApp;
beforeEach(() => ({ dir, s } = openOnRulesCopy('ent-rules-')));
afterEach(() => closeRulesCopy(dir, s));

const asJuriste = (req: request.Test) => req.set('Authorization', `Bearer ${s.tokens.juriste}`);
const reload = () => asJuriste(request(s.app).post('/api/rules/reload'));
const file = (body: string) => asJuriste(request(s.app).post('/api/submissions')).set('Content-Type', 'application/json').send(body);
const version = async (year: string) => (await asJuriste(request(s.app).get(`/api/rules/${year}`))).body.version as string;

it('a changed rule set serves after the reload; an old decision keeps its version and its texts', async () => {
  const v1 = await version('2020-2021');
  const filed = await file(fixtureText('convention-3-ecoles.json'));
  expect(filed.status).toBe(201);
  expect(filed.body.ruleSet.version).toBe(v1);
  const oldText = readFileSync(join(dir, '2020-2021', ARTICLE_5), 'utf8');

  appendFileSync(join(dir, '2020-2021', ARTICLE_5), '# Relu par le service juridique le 2 octobre 2020.\n');
  const res = await reload();
  expect(res.status).toBe(200);
  const v2 = await version('2020-2021');
  expect(v2).not.toBe(v1);
  expect(res.body).toMatchObject({ status: 'reloaded', changes: [{ name: '2020-2021', schoolYear: '2020-2021', from: v1, to: v2 }], failures: [] });
  expect(res.body.items).toContainEqual(expect.objectContaining({ schoolYear: '2020-2021', version: v2 }));

  // The next decision is the new version's; the old one still says which made it, and its texts are kept.
  expect((await file(fixtureText('titre-2020-2021-3-ecoles.json'))).body.ruleSet.version).toBe(v2);
  const old = await asJuriste(request(s.app).get(`/api/submissions/${filed.body.id}`));
  expect(old.body.ruleSet).toMatchObject({ version: v1, texts: `/api/rules/versions/${v1}` });
  const texts = await asJuriste(request(s.app).get(`/api/rules/versions/${v1}`));
  expect(texts.status).toBe(200);
  expect(texts.body).toMatchObject({ version: v1, schoolYear: '2020-2021', storedAt: expect.any(String) });
  expect(texts.body.files.find((f: { path: string }) => f.path === ARTICLE_5).text).toBe(oldText);
  expect((await asJuriste(request(s.app).get(`/reports/${filed.body.id}`))).status).toBe(200);
});

it('a rule set that fails lint is refused: its last good version keeps serving, the errors say file:line:column', async () => {
  const v1 = await version('2020-2021');
  const draft = await version('2021-2022');
  writeFileSync(join(dir, '2020-2021', ARTICLE_5), 'article: "5"\nrules:\n  - id: 5.tarif\n    kinds: [invoice\n');
  const res = await reload();
  expect(res.status).toBe(422);
  expect(res.body.status).toBe('refused');
  expect(res.body.changes).toEqual([]);
  // 2021-2022 extends 2020-2021: refused with it, at the same file, and its last good version serves too.
  expect(res.body.failures).toEqual([
    {
      name: '2020-2021',
      serving: { version: v1, schoolYear: '2020-2021' },
      errors: expect.arrayContaining([
        expect.objectContaining({ file: ARTICLE_5, line: expect.any(Number), column: expect.any(Number), message: expect.any(String) }),
      ]),
      messages: expect.arrayContaining([expect.stringMatching(/^2020-2021\/rules\/article-5\.yaml:\d+:\d+: /)]),
    },
    {
      name: '2021-2022',
      serving: { version: draft, schoolYear: '2021-2022' },
      errors: expect.arrayContaining([expect.objectContaining({ file: `../2020-2021/${ARTICLE_5}` })]),
      messages: expect.arrayContaining([expect.stringMatching(/^2020-2021\/rules\/article-5\.yaml:\d+:\d+: /)]),
    },
  ]);
  expect(await version('2020-2021')).toBe(v1);
  expect(await version('2021-2022')).toBe(draft);
  expect((await asJuriste(request(s.app).get('/api/rules'))).body.failures).toHaveLength(2);

  // Submissions are still judged, by the version that serves.
  const filed = await file(fixtureText('convention-3-ecoles.json'));
  expect(filed.status).toBe(201);
  expect(filed.body.ruleSet.version).toBe(v1);

  // The rule set page shows both the rules serving and the refused files' errors.
  const page = await asJuriste(request(s.app).get('/regles/2020-2021'));
  expect(page.status).toBe(200);
  expect(page.text).toMatch(/<code>rules\/article-5\.yaml:\d+:\d+<\/code>/);
  expect(page.text).toContain(`la version ${v1} continue de juger les pièces`);

  // Fixed, it serves again and the failure is gone.
  writeFileSync(join(dir, '2020-2021', ARTICLE_5), readFileSync(join(RULES_DIR, '2020-2021', ARTICLE_5), 'utf8') + '# corrigé\n');
  const fixed = await reload();
  expect(fixed.status).toBe(200);
  expect(fixed.body.failures).toEqual([]);
  expect(fixed.body.changes).toEqual([expect.objectContaining({ name: '2020-2021', from: v1 })]);
});

it('a rule set unchanged is kept as it was, compiled once; a folder removed stops serving', async () => {
  const before = s.services.registry.ruleSets.find((r) => r.schoolYear === '2021-2022');
  appendFileSync(join(dir, '2020-2021', ARTICLE_5), '# relu\n');
  expect((await reload()).status).toBe(200);
  // A comment in its base changes nothing 2021-2022 resolves to: the same compiled set serves.
  expect(s.services.registry.ruleSets.find((r) => r.schoolYear === '2021-2022')).toBe(before);

  rmSync(join(dir, '2020-2021'), { recursive: true });
  const res = await reload();
  // 2021-2022 extends the folder removed: refused, and its last good version keeps serving.
  expect(res.status).toBe(422);
  expect(res.body.changes).toEqual([expect.objectContaining({ name: '2020-2021', to: null })]);
  expect(res.body.failures).toEqual([
    expect.objectContaining({
      name: '2021-2022',
      messages: [expect.stringMatching(/^2021-2022\/ruleset\.yaml:\d+:\d+: jeu de règles de base « 2020-2021 » introuvable/)],
    }),
  ]);
  expect(s.services.registry.ruleSets.find((r) => r.schoolYear === '2021-2022')).toBe(before);
  expect((await asJuriste(request(s.app).get('/api/rules/2020-2021'))).status).toBe(404);
});

it('RULES_DIR gone: 503, nothing changes', async () => {
  const served = s.services.registry.ruleSets;
  rmSync(dir, { recursive: true });
  const res = await reload();
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({ status: 'unreadable', message: expect.stringContaining('illisible') });
  expect(s.services.registry.ruleSets).toBe(served);
});

it('a reload while a submission is being judged: the submission keeps the version it was received under', async () => {
  const v1 = await version('2020-2021');
  appendFileSync(join(dir, '2020-2021', ARTICLE_5), '# nouvelle version\n');
  const doc = fixture('convention-3-ecoles');
  const judging = s.services.dossiers.submit({ submission: doc, rawText: JSON.stringify(doc), contentType: 'application/json' });
  // Synchronously, before the rules have run: the registry changes under the submission.
  expect(reloadRegistry(s.services.registry, dir).ok).toBe(true);
  const judged = filed(await judging);
  expect(judged.stored.ruleSet?.version).toBe(v1);
  expect(s.services.store.ruleSetVersion(v1)?.files.length).toBeGreaterThan(0);
});

describe('the watcher', () => {
  it('reloads once the files have stopped changing', async () => {
    const registry = buildRegistry(dir);
    const v1 = registry.ruleSets[0].version;
    let reloads = 0;
    const changed = new Promise<void>((resolve) => {
      const started = watchRules(
        dir,
        () => {
          reloads++;
          reloadRegistry(registry, dir);
          setTimeout(() => {
            if (started.ok) started.watcher.close();
            resolve();
          }, 300);
        },
        100,
      );
      expect(started.ok).toBe(true);
    });
    // Several writes in a row, as an editor saves: one reload.
    for (let i = 0; i < 5; i++) appendFileSync(join(dir, '2020-2021', ARTICLE_5), `# ligne ${i}\n`);
    await changed;
    expect(reloads).toBe(1);
    expect(registry.ruleSets[0].version).not.toBe(v1);
  });

  it('is on with RULES_WATCH=1 or in development, off otherwise', () => {
    expect(readConfig({}).rulesWatch).toBe(false);
    expect(readConfig({ RULES_WATCH: '1' }).rulesWatch).toBe(true);
    expect(readConfig({ NODE_ENV: 'development' }).rulesWatch).toBe(true);
    expect(readConfig({ NODE_ENV: 'development', RULES_WATCH: '0' }).rulesWatch).toBe(false);
    expect(() => readConfig({ RULES_WATCH: 'oui' })).toThrow(/^RULES_WATCH : /);
  });
});
