import { Store } from '../../src/store/store';
import { SIRET, tempDir } from '../support/api-fixtures';
import { storableFixture } from '../support/new-submission';

/**
 * The accepted histories the store keeps in memory between reads (issue 17): never older than the
 * file, whichever connection wrote, and never changed by those they are lent to.
 */

describe('accepted histories kept between reads', () => {
  const tmp = tempDir();
  let a: Store;
  let b: Store;
  beforeAll(() => {
    a = Store.open(tmp.dbPath);
    b = Store.open(tmp.dbPath);
  });
  afterAll(() => {
    a.close();
    b.close();
    tmp.cleanup();
  });

  it('the same history object while nothing changes', () => {
    expect(a.acceptedHistory(SIRET).entries).toEqual([]);
    expect(a.acceptedHistory(SIRET)).toBe(a.acceptedHistory(SIRET));
  });

  it('a write through this connection is seen at the next read', () => {
    const before = a.acceptedHistory(SIRET);
    expect(a.recordSubmission(storableFixture('convention-3-ecoles'), before.head).ok).toBe(true);
    expect(a.acceptedHistory(SIRET).entries.map((e) => e.document.kind)).toEqual(['convention']);
  });

  it('a write through another connection (another process, a batch thread) is seen at the next read', () => {
    const seen = a.acceptedHistory(SIRET);
    expect(b.recordSubmission(storableFixture('avenant-4-ecoles'), b.acceptedHistory(SIRET).head).ok).toBe(true);
    const now = a.acceptedHistory(SIRET);
    expect(now).not.toBe(seen);
    expect(now.entries.map((e) => e.document.kind)).toEqual(['convention', 'amendment']);
    expect(now.head).toEqual(b.head(SIRET));
  });

  it('a withdrawal through this connection is seen at the next read', () => {
    const before = a.acceptedHistory(SIRET);
    const last = before.entries.at(-1)!;
    expect(
      a.recordWithdrawal({ submissionId: last.id, reason: 'déposé par erreur', withdrawnAt: '2020-09-22T08:00:00.000Z', author: 'juriste', tokenId: null }).ok,
    ).toBe(true);
    expect(a.acceptedHistory(SIRET).entries.map((e) => e.id)).toEqual(before.entries.slice(0, -1).map((e) => e.id));
    expect(b.acceptedHistory(SIRET).entries).toHaveLength(before.entries.length - 1);
  });

  it('is frozen: a judge that changed a document would fail rather than alter the next one', () => {
    const history = a.acceptedHistory(SIRET);
    expect(() => {
      (history.entries[0].document as { schoolYear: string }).schoolYear = '1999-2000';
    }).toThrow(/read.only/);
    expect(() => (history.entries as unknown[]).push(null)).toThrow(/not extensible/);
    expect(a.acceptedHistory(SIRET).entries[0].document.schoolYear).toBe('2020-2021');
  });
});
