/**
 * UAI (code école): 7 digits and a check letter. The letter indexes, by the 7 digits modulo 23,
 * an alphabet without I, O and Q. The first three digits are the département.
 */
const KEY_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function uaiCheckLetter(digits: string): string {
  return KEY_ALPHABET[Number(digits) % 23];
}

export function hasValidUaiKey(uai: string): boolean {
  return /^[0-9]{7}[A-Z]$/.test(uai) && uaiCheckLetter(uai.slice(0, 7)) === uai[7];
}

export function uaiDepartement(uai: string): string {
  return uai.slice(0, 3);
}
