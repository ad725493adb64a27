import {
  authorStanding,
  departementMismatches,
  partyCommunes,
  rpiForm,
  schoolsOutsideParty,
  signatoryQuality,
  type SignatoryQuality,
} from '../../src/contract/party';
import type { Party, School } from '../../src/domain/submission';

const ACADEMIE = ['011', '030', '034', '048', '066'];

const commune: Party = { type: 'commune', name: 'Saint-Jean-de-Védas', siret: '21340270400018', inseeCode: '34270' };
const communeNouvelle: Party = { type: 'commune', name: 'Entre-Vignes', siret: '20008629600015', inseeCode: '34246' };
const rpi: Party = {
  type: 'rpi',
  name: 'RPI Baillargues – Saint-Brès',
  siret: '20003409800018',
  legalForm: 'SIVOS',
  paymentMode: 'grouped',
  communes: [
    { name: 'Baillargues', inseeCode: '34022' },
    { name: 'Saint-Brès', inseeCode: '34244' },
  ],
};
const school = (uai: string, communeName: string): School => ({ uai, type: 'EP', commune: communeName });

describe('Préambule — « représentée par … en sa qualité de Maire »: the quality of who signs', () => {
  const cases: Array<[Party, string, SignatoryQuality]> = [
    [commune, 'maire', 'mayor'],
    [commune, 'Madame le Maire', 'mayor'],
    [commune, 'Le Maire de la ville de Saint-Jean-de-Védas', 'mayor'],
    [commune, 'maire de St-Jean-de-Védas', 'mayor'],
    [commune, 'maire de Lattes', 'mayor_of_other_commune'],
    [commune, 'maire honoraire', 'honorary_mayor'],
    [commune, 'maire délégué', 'delegated_mayor'],
    [commune, 'premier adjoint', 'deputy'],
    [commune, 'maire-adjoint', 'deputy'],
    [commune, '1er adjoint au maire', 'deputy'],
    [commune, 'Conseillère municipale déléguée', 'deputy'],
    [commune, 'pour le maire et par délégation', 'by_delegation'],
    [commune, 'directeur général des services', 'other'],
    [communeNouvelle, 'maire d’Entre-Vignes', 'mayor'],
    [communeNouvelle, 'maire de Vérargues', 'delegated_mayor'],
    [communeNouvelle, 'maire délégué de Vérargues', 'delegated_mayor'],
    [rpi, 'maire de Baillargues', 'mayor'],
    [rpi, 'maire de Baillargues, président du SIVOS', 'mayor'],
    [rpi, 'président du SIVOS', 'president'],
    [rpi, 'Présidente du syndicat', 'president'],
    [rpi, 'maire de Lattes', 'mayor_of_other_commune'],
  ];
  it.each(cases.map(([party, title, quality]) => [party.name, title, quality, party] as const))('%s, signed « %s »: %s', (_name, title, quality, party) => {
    expect(signatoryQuality(title, partyCommunes(party, ACADEMIE))).toBe(quality);
  });

  it.each([
    ['SIVOS', 'legal_person'],
    ['syndicat intercommunal à vocation scolaire', 'legal_person'],
    ['communauté de communes', 'legal_person'],
    ['regroupement conventionnel de communes', 'no_legal_person'],
    ['entente intercommunale', 'no_legal_person'],
    ['RPI dispersé', 'unknown'],
  ])('an RPI whose legal form is « %s »: %s', (legalForm, form) => {
    expect(rpiForm(legalForm)).toBe(form);
  });
});

describe('Article 1 — « les écoles de la commune ou des communes du RPI »', () => {
  it.each([
    ['the commune’s name, however written', commune, [school('0341301E', 'Saint-Jean-de-Védas'), school('0340125B', 'SAINT JEAN DE VEDAS')], []],
    [
      'a school of Lattes in Saint-Jean-de-Védas’s convention',
      commune,
      [school('0341301E', 'Saint-Jean-de-Védas'), school('0341777X', 'Lattes')],
      ['0341777X (Lattes)'],
    ],
    ['the communes déléguées of a commune nouvelle', communeNouvelle, [school('0342466W', 'Saint-Christol'), school('0342467X', 'Vérargues')], []],
    ['the communes of the RPI', rpi, [school('0342201H', 'Baillargues'), school('0342345P', 'Saint-Brès')], []],
    ['a commune that is not one of the RPI’s', rpi, [school('0342201H', 'Baillargues'), school('0342345P', 'Saint-Aunès')], ['0342345P (Saint-Aunès)']],
  ] as const)('%s', (_name, party, schools, outside) => {
    expect(schoolsOutsideParty(schools, partyCommunes(party, ACADEMIE))).toEqual(outside);
  });
});

describe('Annexe 1 — the UAI « débute par le numéro du département » of the school’s commune', () => {
  it('names both départements when they differ', () => {
    expect(
      departementMismatches([school('0300512U', 'Saint-Jean-de-Védas'), school('0341301E', 'Saint-Jean-de-Védas')], partyCommunes(commune, ACADEMIE)),
    ).toEqual(['0300512U (département 030, Gard) à Saint-Jean-de-Védas (département 034, Hérault)']);
  });
  it('has nothing to compare when no commune has a known INSEE code', () => {
    const { inseeCode: _, ...withoutCode } = commune;
    expect(departementMismatches([school('0300512U', 'Saint-Jean-de-Védas')], partyCommunes(withoutCode, ACADEMIE))).toBeNull();
  });
});

describe('Articles 9 and 10 — « l’une des parties »', () => {
  it.each([
    ['academie', 'a commune', 'academie', commune],
    ['commune', 'a commune', 'party', commune],
    ['rpi', 'a commune', 'not_party', commune],
    ['rpi', 'an RPI', 'party', rpi],
    ['commune', 'an RPI', 'member_commune', rpi],
  ] as const)('a letter from %s in the dossier of %s: %s', (author, _of, standing, party) => {
    expect(authorStanding(author, party)).toBe(standing);
  });
});
