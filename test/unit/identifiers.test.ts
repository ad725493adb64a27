import { hasValidUaiKey, uaiCheckLetter, uaiDepartement } from '../../src/identifiers/uai';
import { siretValid, isUsualCommuneSiren, sirenOf } from '../../src/identifiers/siret';
import { communesOf, normaliseName } from '../../src/identifiers/communes';

describe('Annexe 1 — identifiers', () => {
  describe('UAI', () => {
    it('verifies the seed example 0341301E (341301 mod 23 = 4 → E)', () => {
      expect(uaiCheckLetter('0341301')).toBe('E');
      expect(hasValidUaiKey('0341301E')).toBe(true);
    });
    it.each(['0341301F', '0341301I', '034130E', '0341301e', ''])('refuses %p', (uai) => {
      expect(hasValidUaiKey(uai)).toBe(false);
    });
    it('skips I, O and Q in the key alphabet', () => {
      const letters = new Set(Array.from({ length: 23 }, (_, i) => uaiCheckLetter(String(i))));
      expect([...letters].sort().join('')).toBe('ABCDEFGHJKLMNPRSTUVWXYZ');
    });
    it('reads the département from the first three digits', () => {
      expect(uaiDepartement('0660233V')).toBe('066');
    });
  });

  describe('SIRET', () => {
    it.each([
      ['21340270400018', true],
      ['21340172200011', true],
      ['21340270400019', false],
      ['2134027040001', false],
      ['35600000000001', true],
      ['35600000000002', false],
    ])('%s valid: %p', (siret, valid) => {
      expect(siretValid(siret)).toBe(valid);
    });
    it('knows the usual SIREN prefixes of communes', () => {
      expect(isUsualCommuneSiren(sirenOf('21340270400018'))).toBe(true);
      expect(isUsualCommuneSiren('200034098')).toBe(true);
      expect(isUsualCommuneSiren('253400013')).toBe(false);
    });
  });

  describe('official list of communes', () => {
    const academie = communesOf(['011', '030', '034', '048', '066']);
    it('finds Montpellier with its SIREN', () => {
      expect(academie.get('34172')).toMatchObject({ nom: 'Montpellier', siren: '213401722' });
    });
    it('leaves out communes of other départements', () => {
      expect(academie.has('31555')).toBe(false);
    });
    it('compares names without accents, case or hyphens', () => {
      expect(normaliseName('SAINT JEAN DE VEDAS')).toBe(normaliseName('Saint-Jean-de-Védas'));
      expect(normaliseName('St-Gély-du-Fesc')).toBe(normaliseName('Saint-Gély-du-Fesc'));
    });
  });
});
