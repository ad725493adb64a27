/**
 * A name as searched: lower case, without accents, so that « beziers » finds « Béziers » and
 * « SAINT-JEAN » finds « Saint-Jean-de-Védas ». SQLite's own LIKE folds ASCII letters only.
 */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr');
}
