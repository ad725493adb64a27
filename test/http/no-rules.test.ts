import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/http/app';
import { buildRegistry, ruleSetForFiling } from '../../src/rules/registry';
import type { Submission } from '../../src/domain/submission';
import { createServices, type Services } from '../../src/service/services';
import { Store } from '../../src/store/store';
import { cli } from '../support/cli';
import { fixture, fixtureText, RULES_DIR, SIRET, tempDir } from '../support/api-fixtures';

/**
 * No judgement without rules. A deposit is judged by the rule set in force for its school year,
 * or not at all: the year's rule set failed to load → 503 `rules_unavailable`, naming it and its
 * first error; no rule set, or only a draft → 422 `no_rule_set_in_force`. Either way nothing is
 * kept, so that the dossier never holds a « Non conforme » that no rule decided. A check that keeps
 * nothing still answers, with the indicative findings of a draft.
 */

const ARTICLE_5 = join('2020-2021', 'rules', 'article-5.yaml');
const B = 'formulaireENT';

interface App {
  app: Express;
  services: Services;
  faults: unknown[];
  close(): void;
}

/** The app without authentication over a fresh database (or the one at `dbPath`, left in place), its rules read from `rulesDir`. */
function appOver(rulesDir: string, dbPath?: string): App {
  const tmp = dbPath === undefined ? tempDir() : undefined;
  const store = Store.open(dbPath ?? tmp!.dbPath);
  const services: Services = { ...createServices(store, buildRegistry(rulesDir), { now: () => new Date('2020-09-21T08:00:00Z') }), rulesDir };
  const faults: unknown[] = [];
  return { app: createApp({ services, onFault: (e) => faults.push(e) }), services, faults, close: () => (store.close(), tmp?.cleanup()) };
}

const file = (a: App, body: string) => request(a.app).post('/api/submissions').set('Content-Type', 'application/json').send(body);
const check = (a: App, body: string) => request(a.app).post('/api/check').set('Content-Type', 'application/json').send(body);
const storedCount = (a: App) => a.services.store.db.prepare('SELECT COUNT(*) FROM submissions').pluck().get() as number;

/** A formal notice labelled 2021-2022 (a draft year), sent on `sentOn`. */
function noticeOf2021(sentOn: string): Submission {
  return { ...fixture('mise-en-demeure'), schoolYear: '2021-2022', letter: { method: 'registered_letter_ar', sentOn, receivedOn: sentOn } } as Submission;
}

function fileByForm(a: App, text: string) {
  const body = Buffer.from(
    `--${B}\r\nContent-Disposition: form-data; name="texte"\r\n\r\n${text}\r\n--${B}\r\nContent-Disposition: form-data; name="action"\r\n\r\ndeposer\r\n--${B}--\r\n`,
  );
  return request(a.app).post('/controle').set('Content-Type', `multipart/form-data; boundary=${B}`).send(body);
}

describe('a school year whose rule set failed to load', () => {
  let dir: string;
  let a: App;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ent-rules-'));
    cpSync(RULES_DIR, dir, { recursive: true });
    // A typo in a fact's name, line 10 of article 5: the whole 2020-2021 rule set is refused at start-up.
    const path = join(dir, ARTICLE_5);
    writeFileSync(path, readFileSync(path, 'utf8').replace('{ fact: amount,', '{ fact: amountt,'));
    a = appOver(dir);
  });
  afterEach(() => {
    expect(a.faults).toEqual([]);
    a.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('POST /api/submissions: 503 rules_unavailable, naming the rule set and its first error with file:line; nothing kept', async () => {
    const res = await file(a, fixtureText('convention-3-ecoles.json'));
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({
      code: 'rules_unavailable',
      message: expect.stringMatching(
        /^Le jeu de règles « 2020-2021 » de l'année scolaire 2020-2021 n'a pas pu être chargé : 2020-2021\/rules\/article-5\.yaml:10:\d+: .*amountt.* ; rien n'a été enregistré\.$/,
      ),
      details: {
        schoolYear: '2020-2021',
        ruleSet: '2020-2021',
        firstError: expect.stringMatching(/^2020-2021\/rules\/article-5\.yaml:10:\d+: /),
        errorCount: expect.any(Number),
      },
    });
    expect(storedCount(a)).toBe(0);
    expect((await request(a.app).get(`/api/dossiers/${SIRET}`)).status).toBe(404);
  });

  it('the deposit form: the same refusal, 503, the document kept in the form; nothing kept in the dossier', async () => {
    const res = await fileByForm(a, fixtureText('convention-3-ecoles.json'));
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('Le jeu de règles « 2020-2021 » de l’année scolaire 2020-2021 n’a pas pu être chargé'.replace(/’/g, '&#x27;'));
    expect(res.text).toContain('2020-2021/rules/article-5.yaml:10:');
    expect(res.text).toMatch(/value="deposer" checked>/);
    expect(res.text).toContain('Saint-Jean-de-Védas');
    expect(storedCount(a)).toBe(0);
  });

  it('POST /api/check: says the rules could not be read, judging by no other', async () => {
    const res = await check(a, fixtureText('convention-3-ecoles.json'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', verdict: 'non_conforme', ruleSet: null });
    expect(res.body.findings).toEqual([
      expect.objectContaining({
        rule: 'jeu-de-regles.en-vigueur',
        message: expect.stringContaining("n'a pas pu être chargé : 2020-2021/rules/article-5.yaml:10:"),
      }),
    ]);
    expect(storedCount(a)).toBe(0);
  });

  it('fixed and reloaded: nothing was kept meanwhile, and the next deposit is judged by the mended rules', async () => {
    expect((await file(a, fixtureText('convention-3-ecoles.json'))).status).toBe(503);
    cpSync(join(RULES_DIR, ARTICLE_5), join(dir, ARTICLE_5));
    const reload = await request(a.app).post('/api/rules/reload');
    expect(reload.status).toBe(200);
    expect(storedCount(a)).toBe(0);
    const res = await file(a, fixtureText('convention-3-ecoles.json'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'accepted', verdict: 'conforme', ruleSet: { schoolYear: '2020-2021', status: 'in_force' } });
    expect(storedCount(a)).toBe(1);
  });

  it('a document already in the dossier, sent again while its rules cannot be read: refused too; once mended, the identical one is answered', async () => {
    const base = tempDir();
    try {
      // Deposited while the rules were good, by a server since restarted with the typo.
      const before = appOver(RULES_DIR, base.dbPath);
      expect((await file(before, fixtureText('convention-3-ecoles.json'))).status).toBe(201);
      before.close();
      const broken = appOver(dir, base.dbPath);
      try {
        expect((await file(broken, fixtureText('convention-3-ecoles.json'))).body.error.code).toBe('rules_unavailable');
        cpSync(join(RULES_DIR, ARTICLE_5), join(dir, ARTICLE_5));
        expect((await request(broken.app).post('/api/rules/reload')).status).toBe(200);
        const again = await file(broken, fixtureText('convention-3-ecoles.json'));
        expect(again.status).toBe(200);
        expect(again.body).toMatchObject({ verdict: 'conforme', duplicateOf: { id: expect.any(String) } });
        expect(storedCount(broken)).toBe(1);
      } finally {
        broken.close();
      }
    } finally {
      base.cleanup();
    }
  });

  it('a letter under a convention whose year’s rules could not be read: refused, naming those rules (art. 3)', () => {
    // The 2020-2021 rules decide whether a notice sent in September 2021 falls within the convention's term.
    const refused = ruleSetForFiling(a.services.registry, noticeOf2021('2021-09-15'), [fixture('convention-3-ecoles')]);
    expect(refused).toMatchObject({ ok: false, refusal: { reason: 'rules_unavailable', schoolYear: '2020-2021', ruleSet: '2020-2021' } });
  });

  it('batch --database: exit 2 with the same message, nothing kept', async () => {
    const work = tempDir('ent-batch-');
    try {
      writeFileSync(join(work.dir, 'campagne.jsonl'), `${JSON.stringify(JSON.parse(fixtureText('convention-3-ecoles.json')))}\n`);
      const db = join(work.dir, 'base.sqlite');
      const r = await cli(['batch', 'campagne.jsonl', '--database', db], work.dir, { RULES_DIR: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/batch : pièce n° 1 non déposée : Le jeu de règles « 2020-2021 » .* 2020-2021\/rules\/article-5\.yaml:10:\d+: /);
      const store = Store.open(db);
      try {
        expect(store.db.prepare('SELECT COUNT(*) FROM submissions').pluck().get()).toBe(0);
      } finally {
        store.close();
      }
    } finally {
      work.cleanup();
    }
  });
});

describe('a school year with no rule set in force', () => {
  let a: App;
  beforeAll(() => {
    a = appOver(RULES_DIR);
  });
  afterAll(() => a.close());

  it('a draft rule set (2021-2022): 422 no_rule_set_in_force, nothing kept', async () => {
    const res = await file(a, fixtureText('convention-2021-2022.json'));
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'no_rule_set_in_force',
      message: expect.stringContaining("Les règles 2021-2022 de l'année scolaire 2021-2022 sont en projet, pas en vigueur"),
      details: { schoolYear: '2021-2022', draft: { schoolYear: '2021-2022', version: expect.stringMatching(/^[0-9a-f]{16}$/) } },
    });
    expect(storedCount(a)).toBe(0);
  });

  it('a letter labelled for the draft year but sent under the convention in force is filed, judged by that convention’s rules (art. 3)', async () => {
    const t = appOver(RULES_DIR);
    try {
      expect((await file(t, fixtureText('convention-3-ecoles.json'))).status).toBe(201);
      const inTerm = await file(t, JSON.stringify(noticeOf2021('2021-09-15')));
      expect(inTerm.status).toBe(201);
      expect(inTerm.body).toMatchObject({ status: 'accepted', ruleSet: { schoolYear: '2020-2021', status: 'in_force' } });
      // After the term (31/10/2021), the year it declares judges it again: a draft, nothing filed.
      const afterTerm = await file(t, JSON.stringify(noticeOf2021('2021-11-02')));
      expect(afterTerm.status).toBe(422);
      expect(afterTerm.body.error.code).toBe('no_rule_set_in_force');
      expect(storedCount(t)).toBe(2);
    } finally {
      t.close();
    }
  });

  it('POST /api/check still gives the draft’s indicative findings', async () => {
    const res = await check(a, fixtureText('convention-2021-2022.json'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', ruleSet: { schoolYear: '2021-2022', status: 'draft' } });
    expect(res.body.findings[0]).toMatchObject({ rule: 'jeu-de-regles.en-vigueur', outcome: 'fail' });
    expect(res.body.findings.length).toBeGreaterThan(5);
    expect(storedCount(a)).toBe(0);
  });

  it('no rule set at all (2030-2031): 422 no_rule_set_in_force, nothing kept, also through the form', async () => {
    const text = JSON.stringify({ ...JSON.parse(fixtureText('convention-3-ecoles.json')), schoolYear: '2030-2031' });
    const res = await file(a, text);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'no_rule_set_in_force',
      message: "Aucun jeu de règles en vigueur pour l'année scolaire 2030-2031 : la pièce ne peut pas être jugée ni déposée ; rien n'a été enregistré.",
    });
    const page = await fileByForm(a, text);
    expect(page.status).toBe(422);
    expect(page.text).toContain('Aucun jeu de règles en vigueur pour l’année scolaire 2030-2031'.replace(/’/g, '&#x27;'));
    expect(storedCount(a)).toBe(0);
  });

  it('batch --database: exit 2, nothing kept', async () => {
    const work = tempDir('ent-batch-');
    try {
      writeFileSync(join(work.dir, 'campagne.jsonl'), `${JSON.stringify(JSON.parse(fixtureText('convention-2021-2022.json')))}\n`);
      const db = join(work.dir, 'base.sqlite');
      const r = await cli(['batch', 'campagne.jsonl', '--database', db], work.dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/sont en projet, pas en vigueur/);
      const store = Store.open(db);
      try {
        expect(store.db.prepare('SELECT COUNT(*) FROM submissions').pluck().get()).toBe(0);
      } finally {
        store.close();
      }
    } finally {
      work.cleanup();
    }
  });
});
