import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Submission } from '../../src/domain/submission';
import { deadlinesOf, sortDeadlines, type Deadline } from '../../src/dossier/deadlines';
import type { AcceptedEntry } from '../../src/dossier/account';
import { projectRegistry } from '../support/api-app';
import { fixture } from '../support/api-fixtures';

/**
 * The legal deadlines of a dossier, by the same date rules as the checks, at fixed "todays":
 * the day before each date, the day itself (still coming) and the day after (past).
 */

const dossier = { siret: '21340270400018', name: 'Saint-Jean-de-Védas' };
const entries = (...docs: Submission[]): AcceptedEntry[] => docs.map((document, i) => ({ id: `e${i}`, ruleSet: null, document }));
const pick = (list: Deadline[], kind: Deadline['kind']) => list.find((d) => d.kind === kind);
const other = (name: string) => JSON.parse(readFileSync(resolve(__dirname, '../fixtures/submissions', name), 'utf8')) as Submission;

function stateOn(docs: Submission[], kind: Deadline['kind'], today: string) {
  const d = pick(deadlinesOf(projectRegistry(), dossier, entries(...docs), today), kind);
  return d && { date: d.date, state: d.state };
}

describe('Article 6.2 — fenêtre des avenants (1er septembre – 15 octobre)', () => {
  it.each([
    ['2020-10-14', 'coming'],
    ['2020-10-15', 'coming'],
    ['2020-10-16', 'past'],
  ])('convention in force, today %s → %s', (today, state) => {
    const d = pick(deadlinesOf(projectRegistry(), dossier, entries(fixture('convention-3-ecoles')), today), 'amendment_window')!;
    expect(d).toMatchObject({ article: '6.2', opensOn: '2020-09-01', date: '2020-10-15', schoolYear: '2020-2021', state });
  });

  it('no window for a terminated convention, nor for a dossier without one', () => {
    expect(
      pick(
        deadlinesOf(projectRegistry(), dossier, entries(fixture('convention-3-ecoles'), fixture('resiliation-plein-droit')), '2020-10-01'),
        'amendment_window',
      ),
    ).toBeUndefined();
    expect(deadlinesOf(projectRegistry(), dossier, entries(fixture('mise-en-demeure')), '2020-10-01')).toEqual([]);
  });
});

describe('Article 3 — terme de la convention', () => {
  it.each([
    ['2021-10-30', 'coming'],
    ['2021-10-31', 'coming'],
    ['2021-11-01', 'past'],
  ])('today %s → %s', (today, state) => {
    expect(stateOn([fixture('convention-3-ecoles')], 'term_end', today)).toEqual({ date: '2021-10-31', state });
  });
});

describe('Article 9 — prise d’effet d’une résiliation avec préavis', () => {
  const convention = { ...other('convention-commune.json') };
  it.each([
    ['2021-04-02', 'coming'],
    ['2021-04-03', 'coming'],
    ['2021-04-04', 'past'],
  ])('today %s → %s', (today, state) => {
    expect(stateOn([convention, other('termination-notice.json')], 'notice_termination', today)).toEqual({ date: '2021-04-03', state });
  });
});

describe('Article 10 — conciliation et résiliation de plein droit', () => {
  const docs = [fixture('convention-3-ecoles'), fixture('mise-en-demeure')];
  it.each([
    ['2021-04-02', 'coming'],
    ['2021-04-03', 'coming'],
    ['2021-04-04', 'past'],
  ])('conciliation at the latest one month after the notice was received (3 March 2021): today %s → %s', (today, state) => {
    expect(stateOn(docs, 'conciliation', today)).toEqual({ date: '2021-04-03', state });
  });

  it.each([
    ['2021-04-15', 'coming'],
    ['2021-04-16', 'coming'],
    ['2021-04-17', 'past'],
  ])('termination by right: 15 days after its LRAR sent on 1 April 2021, today %s → %s', (today, state) => {
    expect(stateOn([...docs, fixture('conciliation-echec'), fixture('resiliation-plein-droit')], 'termination_by_right', today)).toEqual({
      date: '2021-04-16',
      state,
    });
  });

  it('the end of the term is no deadline of a terminated convention', () => {
    expect(stateOn([...docs, fixture('resiliation-plein-droit')], 'term_end', '2021-01-01')).toBeUndefined();
  });
});

describe('order', () => {
  it('coming first, soonest first; then past, latest first', () => {
    const list = deadlinesOf(projectRegistry(), dossier, entries(fixture('convention-3-ecoles'), fixture('mise-en-demeure')), '2021-04-05');
    expect(sortDeadlines(list).map((d) => [d.kind, d.state])).toEqual([
      ['term_end', 'coming'],
      ['conciliation', 'past'],
      ['amendment_window', 'past'],
    ]);
  });
});
