import { campaignEntry, judgingOrder, type CampaignEntry } from '../../src/batch/order';
import { reportNamer } from '../../src/batch/report-names';
import type { Submission } from '../../src/domain/submission';
import { namedDocument } from '../support/documents';

/**
 * A campaign's documents are judged in the order of the acts they record, dossier by dossier,
 * whatever the names of their files: the convention signed, then what follows from it.
 */

const text = (name: string, changes: unknown = {}) => JSON.stringify(namedDocument(name, changes));

describe('the date of each document: its own, the one every list shows', () => {
  it.each([
    ['a convention: its signature', text('convention-3-ecoles', { signedOn: '2020-09-20' }), 'convention', '2020-09-20'],
    // 22:30 UTC on 15 October is the 16th in Montpellier: the avenant is late (art. 6.2).
    ['an avenant: its transmission, as a day in Paris', text('avenant-4-ecoles', { transmittedAt: '2020-10-15T22:30:00Z' }), 'amendment', '2020-10-16'],
    ['an avenant transmitted on a day', text('avenant-4-ecoles', { transmittedAt: '2020-10-10' }), 'amendment', '2020-10-10'],
    ['a titre: its issue', text('titre-2020-2021', { issuedOn: '2020-11-03' }), 'invoice', '2020-11-03'],
    [
      'a formal notice: its sending',
      text('mise-en-demeure', { letter: { method: 'registered_letter_ar', sentOn: '2021-03-01' } }),
      'formal_notice',
      '2021-03-01',
    ],
    ['a conciliation: its holding', text('conciliation-echec', { heldOn: '2021-03-25' }), 'conciliation', '2021-03-25'],
    // A dossier is read by a termination from the day it takes effect, not from its letter.
    [
      'a termination: its effect',
      text('resiliation-preavis', { letter: { method: 'registered_letter_ar', sentOn: '2021-01-15' }, effectiveOn: '2021-02-28' }),
      'termination',
      '2021-02-28',
    ],
  ])('%s', (_name, document, kind, date) => {
    expect(campaignEntry(7, document)).toEqual({ position: 7, kind, date });
  });

  it.each([
    ['text that is not JSON', '{ pas du json', {}],
    ['a document of no known kind', JSON.stringify({ kind: 'facture' }), {}],
    ['a kind named after a property of every object', JSON.stringify({ kind: 'toString' }), {}],
    ['a titre without its date', text('titre-2020-2021', { issuedOn: null }), { kind: 'invoice' }],
    ['a titre whose date is written the French way', text('titre-2020-2021', { issuedOn: '03/11/2020' }), { kind: 'invoice' }],
    ['an avenant with an instant that is none', text('avenant-4-ecoles', { transmittedAt: 'hier' }), { kind: 'amendment' }],
    ['a termination without its letter', JSON.stringify({ kind: 'termination' }), { kind: 'termination' }],
  ])('none for %s', (_name, document, known) => {
    expect(campaignEntry(2, document)).toEqual({ position: 2, ...known });
  });

  it('reads YAML as well', () => {
    expect(campaignEntry(0, 'kind: convention\nsignedOn: "2020-09-20"\n', 'yaml')).toEqual({ position: 0, kind: 'convention', date: '2020-09-20' });
  });
});

describe('the order of judgement', () => {
  const e = (position: number, kind?: CampaignEntry['kind'], date?: string): CampaignEntry => ({ position, kind, date });

  it('puts each document after those acted before it, whatever its place in the campaign', () => {
    // Named 1-titre, 2-avenant, 3-convention: the campaign's order is the reverse of the acts'.
    expect(judgingOrder([e(0, 'invoice', '2020-11-03'), e(1, 'amendment', '2020-10-10'), e(2, 'convention', '2020-09-20')])).toEqual([2, 1, 0]);
  });

  it('puts the convention first on its day, then the avenant, the titre, the formal notice, the conciliation, the termination', () => {
    const day = '2021-03-01';
    const kinds = ['termination', 'conciliation', 'formal_notice', 'invoice', 'amendment', 'convention'] as const;
    expect(judgingOrder(kinds.map((k, i) => e(i, k, day)))).toEqual([5, 4, 3, 2, 1, 0]);
  });

  it('keeps the campaign’s order between documents of one day and one kind', () => {
    expect(judgingOrder([e(0, 'invoice', '2020-11-03'), e(1, 'invoice', '2020-11-03'), e(2, 'invoice', '2020-11-03')])).toEqual([0, 1, 2]);
  });

  it('judges first, in the campaign’s order, what cannot be dated: it enters no dossier', () => {
    expect(judgingOrder([e(0, 'invoice', '2020-11-03'), e(1), e(2, 'convention', '2020-09-20'), e(3, 'invoice')])).toEqual([1, 3, 2, 0]);
  });

  it('keeps each dossier’s own order when dossiers are mixed', () => {
    const order = judgingOrder([
      e(0, 'invoice', '2020-11-03'), // dossier A
      e(1, 'invoice', '2020-11-20'), // dossier B
      e(2, 'convention', '2020-10-01'), // dossier B
      e(3, 'convention', '2020-09-20'), // dossier A
    ]);
    expect(order.filter((p) => p === 0 || p === 3)).toEqual([3, 0]);
    expect(order.filter((p) => p === 1 || p === 2)).toEqual([2, 1]);
  });
});

describe('the names of a campaign’s reports', () => {
  const doc = (name: string) => namedDocument(name) as unknown as Submission;

  it('are those of a downloaded report, told apart when a dossier has two of a kind on one day', () => {
    const name = reportNamer();
    const day = '2020-10-10T08:00:00Z';
    expect(name(doc('convention-3-ecoles'), 'campagne.jsonl:1', day)).toBe('rapport-21340270400018-convention-2020-10-10.html');
    expect(name(doc('titre-2020-2021'), 'campagne.jsonl:2', day)).toBe('rapport-21340270400018-titre-de-perception-2020-10-10.html');
    expect(name(doc('titre-2020-2021'), 'campagne.jsonl:3', day)).toBe('rapport-21340270400018-titre-de-perception-2020-10-10-2.html');
    expect(name(doc('titre-2020-2021'), 'campagne.jsonl:4', day)).toBe('rapport-21340270400018-titre-de-perception-2020-10-10-3.html');
  });

  it('name a refused document after its place in the campaign', () => {
    const name = reportNamer();
    expect(name(undefined, 'campagne.jsonl:4', '2020-10-10T08:00:00Z')).toBe('rapport-refuse-campagne-jsonl-4.html');
    expect(name(undefined, 'pièces/2 avenant.yaml', '2020-10-10T08:00:00Z')).toBe('rapport-refuse-pi-ces-2-avenant-yaml.html');
  });
});
