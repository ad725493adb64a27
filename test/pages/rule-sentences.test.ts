import { describeCondition, type ConditionSentence } from '../../src/pages/rule-sentences';
import { FACTS } from '../../src/contract/facts';
import type { Conditions, ConditionNode } from '../../src/rules/model';

/** Conditions in French: what the rule set page shows a lawyer. */

const PARAMS = [{ name: 'maxAnnexRows', description: 'Nombre de lignes de l’annexe 1 au plus', article: 'annexe-1', value: 15 }];
const d = (name: string) => `« ${FACTS[name].description} »`;

/** The tree as indented text, to compare in one string. */
function text(s: ConditionSentence, indent = ''): string {
  return s.sentence !== null ? `${indent}${s.sentence}` : [`${indent}${s.intro}`, ...s.items.map((i) => text(i, `${indent}  `))].join('\n');
}

describe('describeCondition', () => {
  it.each<[string, ConditionNode | Conditions, string]>([
    [
      'a fact against a literal, the value in words',
      { fact: 'reason', operator: 'equal', value: 'school_list' },
      `${d('reason')} est égal à « liste des écoles »`,
    ],
    ['a yes-or-no fact, as its own statement', { fact: 'signatoryIsMayor', operator: 'equal', value: true }, d('signatoryIsMayor')],
    ['a yes-or-no fact that must be false', { fact: 'refundRequested', operator: 'equal', value: false }, `il est faux que ${d('refundRequested')}`],
    ['a fact that is not yes-or-no, compared with true', { fact: 'reason', operator: 'equal', value: true }, `${d('reason')} est égal à « oui »`],
    [
      'a fact against another fact',
      { fact: 'transmittedOn', operator: 'dateOnOrBefore', value: { fact: 'windowEnd' } },
      `${d('transmittedOn')} la date est antérieure ou égale à ${d('windowEnd')}`,
    ],
    [
      'a fact against a parameter, with its value and article',
      { fact: 'annexRowCount', operator: 'lessThanInclusive', value: { param: 'maxAnnexRows' } },
      `${d('annexRowCount')} est inférieur ou égal à le paramètre « Nombre de lignes de l’annexe 1 au plus » (15, annexe 1)`,
    ],
    ['an absent value', { fact: 'receivedOn', operator: 'equal', value: null }, `${d('receivedOn')} est égal à vide (non renseigné)`],
    ['a single condition under all, without a list', { all: [{ fact: 'siretValid', operator: 'equal', value: true }] }, d('siretValid')],
  ])('%s', (_case, node, expected) => {
    expect(text(describeCondition(node, PARAMS))).toBe(expected);
  });

  it('nests all, any and not as lists with their introductions', () => {
    const node: Conditions = {
      all: [
        { fact: 'partyType', operator: 'equal', value: 'rpi' },
        { any: [{ fact: 'paymentMode', operator: 'equal', value: 'grouped' }, { not: { fact: 'hasConvention', operator: 'equal', value: true } }] },
      ],
    };
    expect(text(describeCondition(node, PARAMS))).toBe(
      [
        'toutes les conditions suivantes :',
        `  ${d('partyType')} est égal à « RPI »`,
        '  l’une au moins des conditions suivantes :',
        `    ${d('paymentMode')} est égal à « paiement groupé »`,
        '    il est faux que :',
        `      ${d('hasConvention')}`,
      ].join('\n'),
    );
  });

  it('names a condition written once (a guard), then says it', () => {
    const guards = [{ name: 'motif-manquement', conditions: { all: [{ fact: 'ground', operator: 'equal', value: 'breach' }] } }];
    const node: Conditions = { all: [{ guard: 'motif-manquement' }, { fact: 'alreadyTerminated', operator: 'equal', value: false }] };
    expect(text(describeCondition(node, PARAMS, guards))).toBe(
      [
        'toutes les conditions suivantes :',
        '  la condition commune « motif-manquement » :',
        `    ${d('ground')} est égal à « manquement (article 10) »`,
        `  il est faux que ${d('alreadyTerminated')}`,
      ].join('\n'),
    );
  });
});
