/**
 * SIRET: 14 digits passing the Luhn check, except La Poste (SIREN 356000000), whose establishments
 * are numbered so that the digit sum is a multiple of 5.
 */
const LA_POSTE_SIREN = '356000000';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function siretValid(siret: string): boolean {
  if (!/^[0-9]{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    let sum = 0;
    for (const c of siret) sum += c.charCodeAt(0) - 48;
    return sum % 5 === 0;
  }
  return luhnValid(siret);
}

export function sirenOf(siret: string): string {
  return siret.slice(0, 9);
}

/** Communes have `21…` SIRENs, communes nouvelles `200…`; other prefixes exist but are unusual. */
export function isUsualCommuneSiren(siren: string): boolean {
  return siren.startsWith('21') || siren.startsWith('200');
}
