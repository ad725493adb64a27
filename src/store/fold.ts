/**
 * A name as searched: lower case, without accents, so that « beziers » finds « Béziers » and
 * « SAINT-JEAN » finds « Saint-Jean-de-Védas ». SQLite's own LIKE folds ASCII letters only.
 */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr');
}

/**
 * A name as sorted: folded, each run of digits read as a number, so that « Commune 2 » comes
 * before « Commune 10 » (a plain sort puts « 10 » first). A run is written as its length then its
 * digits without leading zeros: a shorter number sorts first, whatever its length.
 */
export function naturalKey(text: string): string {
  return fold(text).replace(/[0-9]+/g, (digits) => {
    const n = digits.replace(/^0+(?=.)/, '');
    return `${String(n.length).padStart(2, '0')}${n}`;
  });
}
