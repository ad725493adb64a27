import { buildRegistry } from '../../src/rules/registry';
import { Store } from '../../src/store/store';
import { ConcurrentWriteError, DossierService, FilingRefusedError } from '../../src/service/dossier-service';
import { filed } from '../support/filed';
import type { Submission } from '../../src/domain/submission';
import { COMMUNES, fixture, fixtureFor, fixtureText, RULES_DIR, SIRET, tempDir } from '../support/api-fixtures';

const registry = buildRegistry(RULES_DIR);

function incoming(name: string, over: Partial<Submission> = {}) {
  const submission = { ...fixture(name), ...over } as Submission;
  return { submission, rawText: Object.keys(over).length ? JSON.stringify(submission) : fixtureText(`${name}.json`), contentType: 'application/json' };
}

function incomingFrom(name: string, commune: (typeof COMMUNES)[keyof typeof COMMUNES]) {
  const submission = fixtureFor(name, commune);
  return { submission, rawText: JSON.stringify(submission), contentType: 'application/json' };
}

/** The same document laid out `n` ways: as many texts, none a repeat of another byte for byte. */
function layouts<T extends { rawText: string }>(doc: T, n: number): T[] {
  return Array.from({ length: n }, (_, i) => ({ ...doc, rawText: `${doc.rawText}${' '.repeat(i)}` }));
}

describe('DossierService', () => {
  const tmp = tempDir();
  let store: Store;
  let service: DossierService;
  beforeAll(() => {
    store = Store.open(tmp.dbPath);
    service = new DossierService(store, registry, { now: () => new Date('2020-09-21T08:00:00Z') });
  });
  afterAll(() => {
    store.close();
    tmp.cleanup();
  });

  it('keeps an accepted convention with the rule set that judged it', async () => {
    const { result, stored } = filed(await service.submit(incoming('convention-3-ecoles')));
    expect(result.status).toBe('accepted');
    expect(stored).toMatchObject({ status: 'accepted', receivedAt: '2020-09-21T08:00:00.000Z', ruleSet: { schoolYear: '2020-2021', status: 'in_force' } });
    const rules = registry.ruleSets.find((r) => r.schoolYear === '2020-2021')!;
    expect(store.ruleSetVersion(rules.version)?.files).toEqual(rules.files);
  });

  it('checks without keeping', async () => {
    const before = store.submissionsOf(SIRET).length;
    const result = await service.check(fixture('convention-3-ecoles'));
    expect(result.status).toBe('rejected');
    expect(result.findings.find((f) => f.rule === '3.convention-unique')?.outcome).toBe('fail');
    expect(store.submissionsOf(SIRET)).toHaveLength(before);
  });

  it('keeps a rejected submission without changing the dossier', async () => {
    const { stored } = filed(await service.submit(incoming('titre-2020-2021-4-ecoles')));
    expect(stored.status).toBe('rejected');
    const view = service.dossier(SIRET)!;
    expect(view.dues).toEqual([expect.objectContaining({ schoolYear: '2020-2021', schoolCount: 3, amount: 150, basis: '7' })]);
    expect(view.submissions.map((s) => s.status)).toEqual(['accepted', 'rejected']);
  });

  it('refuses, keeping nothing, a submission of a year without rules or with draft rules only', async () => {
    const party = { ...fixture('convention-3-ecoles').party, ...COMMUNES.nimes };
    for (const schoolYear of ['2030-2031', '2021-2022']) {
      const outcome = await service.submit(incoming('convention-3-ecoles', { schoolYear, party }));
      expect(outcome.outcome).toBe('refused');
      if (outcome.outcome !== 'refused') continue;
      expect(outcome.error).toBeInstanceOf(FilingRefusedError);
      expect(outcome.error.code).toBe('no_rule_set_in_force');
      expect(outcome.error.message).toContain(`l'année scolaire ${schoolYear}`);
    }
    expect(store.submissionsOf(COMMUNES.nimes.siret)).toHaveLength(0);
  });

  it('says which of a dossier or a year is unknown for dues', async () => {
    // A dossier without a convention: a titre rejected for want of one.
    const { stored } = filed(await service.submit(incomingFrom('titre-2020-2021-3-ecoles', COMMUNES.nimes)));
    expect(stored.status).toBe('rejected');
    expect(service.dues('21000000000000', '2020-2021')).toEqual({ ok: false, reason: 'unknown_dossier' });
    // A dossier without a convention: no rule set of its own for 2030-2031, no convention to borrow from.
    expect(service.dues(COMMUNES.nimes.siret, '2030-2031')).toEqual({ ok: false, reason: 'unknown_year' });
    expect(service.dues(SIRET, '2020-2021')).toMatchObject({ ok: true, dues: { amount: 150 } });
  });

  it('serialises concurrent submissions for one dossier: twenty conventions at once, one accepted', async () => {
    const siret = COMMUNES.montpellier.siret;
    const doc = incomingFrom('convention-3-ecoles', COMMUNES.montpellier);
    const results = (await Promise.all(layouts(doc, 20).map((d) => service.submit(d)))).map(filed);
    expect(results.filter((r) => r.stored.status === 'accepted')).toHaveLength(1);
    for (const r of results.filter((x) => x.stored.status === 'rejected')) {
      expect(r.result.findings.filter((f) => f.outcome === 'fail').map((f) => f.rule)).toEqual(['3.convention-unique']);
    }
    expect(store.submissionsOf(siret)).toHaveLength(20);
    expect(store.head(siret).acceptedCount).toBe(1);
  });

  it('judges again when another connection changed the dossier between the read and the write', async () => {
    // Two services on one file stand for two processes: neither's queue knows the other's.
    const siret = COMMUNES.beziers.siret;
    const doc = incomingFrom('convention-3-ecoles', COMMUNES.beziers);
    const other = Store.open(tmp.dbPath);
    const otherService = new DossierService(other, registry);
    const writes = [jest.spyOn(store, 'recordSubmission'), jest.spyOn(other, 'recordSubmission')];
    try {
      const results = (await Promise.all(layouts(doc, 6).map((d, i) => (i % 2 ? service : otherService).submit(d)))).map(filed);
      expect(results.filter((r) => r.stored.status === 'accepted')).toHaveLength(1);
      expect(store.submissionsOf(siret)).toHaveLength(6);
      // Both read the empty dossier first: the second writer found it changed and judged again.
      const stale = writes.flatMap((w) => w.mock.results).filter((r) => r.type === 'return' && r.value.ok === false);
      expect(stale.length).toBeGreaterThan(0);
    } finally {
      for (const w of writes) w.mockRestore();
      other.close();
    }
  });

  it('gives up, writing nothing, when the dossier keeps changing', async () => {
    const siret = COMMUNES.mende.siret;
    const doc = incomingFrom('convention-3-ecoles', COMMUNES.mende);
    const stubborn = new DossierService(store, registry, { maxAttempts: 2 });
    const spy = jest.spyOn(store, 'recordSubmission').mockReturnValue({ ok: false, reason: 'stale', head: { acceptedCount: 9, lastAcceptedId: 'x' } });
    try {
      await expect(stubborn.submit(doc)).rejects.toThrow(ConcurrentWriteError);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
    expect(store.submissionsOf(siret)).toHaveLength(0);
  });
});
