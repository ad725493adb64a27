import { anchorOf, articleLabel, formatDate, formatEuros, formatInstant, formatValue, parisDay } from '../../src/wording/format';
import { fieldLabel } from '../../src/wording/fields';

describe('how a report writes values', () => {
  it.each([
    [150, '150,00 €'],
    [50, '50,00 €'],
    [0, '0,00 €'],
    [12.5, '12,50 €'],
    // Thousands grouped by a narrow no-break space (U+202F), as fr-FR typography and Intl do.
    [1500, '1\u202f500,00 €'],
    [1234567.891, '1\u202f234\u202f567,89 €'],
  ])('euros: %p → %p', (n, text) => expect(formatEuros(n)).toBe(text));

  it.each([
    ['2020-10-16', '16/10/2020'],
    ['2020-02-29', '29/02/2020'],
    ['pas une date', 'pas une date'],
  ])('date: %p → %p', (iso, text) => expect(formatDate(iso)).toBe(text));

  it.each([
    // 15 October 22:30 UTC is 16 October 00:30 in Montpellier (summer time, UTC+2).
    ['2020-10-15T22:30:00Z', '16/10/2020 à 00:30', '2020-10-16'],
    ['2020-10-15T23:30:00+02:00', '15/10/2020 à 23:30', '2020-10-15'],
    // Winter time, UTC+1.
    ['2021-01-31T23:15:00Z', '01/02/2021 à 00:15', '2021-02-01'],
    ['2020-09-20', '20/09/2020', '2020-09-20'],
  ])('instant at Paris time: %p → %p', (iso, text, day) => {
    expect(formatInstant(iso)).toBe(text);
    expect(parisDay(iso)).toBe(day);
  });

  it.each([
    ['owedAmount', 150, '150,00 €'],
    ['feePerSchool', 50, '50,00 €'],
    ['owedSchoolCount', 3, '3'],
    ['windowEnd', '2020-10-15', '15/10/2020'],
    ['amendmentWindowEnd', '10-15', '15 octobre'],
    ['amendmentWindowStart', '09-01', '1er septembre'],
    ['siretValid', true, 'oui'],
    ['refundRequested', false, 'non'],
    ['receivedOn', null, 'non renseigné'],
    ['duplicateUai', [], 'néant'],
    ['academieDepartements', ['011', '030'], '011, 030'],
    ['schoolCountChange', 'increase', 'augmentation'],
    ['duesBasis', '6.3', 'article 6.3 (avenant tardif)'],
    ['letterMethod', 'registered_letter_ar', 'lettre recommandée avec accusé de réception'],
    ['partyType', 'rpi', 'RPI'],
    ['kind', 'formal_notice', 'mise en demeure'],
    ['partyName', 'Saint-Jean-de-Védas', 'Saint-Jean-de-Védas'],
  ])('value of %s: %p → %p', (name, value, text) => expect(formatValue(name, value)).toBe(text));

  it.each([
    ['7', 'Article 7'],
    ['6.2', 'Article 6.2'],
    ['annexe-1', 'Annexe 1'],
    ['preambule', 'Préambule'],
    ['jeu-de-regles', 'Jeu de règles'],
  ])('article %p → %p', (id, label) => expect(articleLabel(id)).toBe(label));

  it('makes fragment identifiers of safe characters only', () => {
    expect(anchorOf('regle', '6.2.transmis-dans-la-fenetre')).toBe('regle-6-2-transmis-dans-la-fenetre');
    expect(anchorOf('article', '"><x')).toBe('article--x');
  });

  it.each([
    ['', 'Document entier'],
    ['/schools/2/uai', 'Écoles › n° 3 › UAI'],
    ['/party/siret', 'Partie › SIRET'],
    ['/letter/receivedOn', 'Lettre › Date de réception'],
    ['/a~1b', 'a/b'],
  ])('field %p → %p', (pointer, label) => expect(fieldLabel(pointer)).toBe(label));
});
