/**
 * The article by which a school year's list of schools, and so what is owed, is the one it is
 * (art. 6 to 10, annexe 1), and how that basis is worded: a sentence for the dues' explanation,
 * two words for a table. Written once here, below the rules, the dossier and the reports.
 */

export type DuesBasis = '7' | '6.1' | '6.2' | '6.3' | 'late_permutation' | '6' | '9' | '10' | 'none';

/** Why this list is the year's, in one clause of a sentence. */
export const DUES_BASIS_EXPLANATIONS: Record<DuesBasis, string> = {
  '7': 'liste de l’annexe 1 de la convention (article 7)',
  '6.1': 'liste inchangée depuis l’année précédente (article 6.1)',
  '6.2': 'liste fixée par avenant transmis dans le délai (article 6.2)',
  '6.3': 'avenant transmis hors délai, sans effet pour l’année : nombre précédent (article 6.3)',
  // Art. 6.3 speaks of a decrease and an increase only: a late swap of schools is left to a person.
  late_permutation:
    'permutation d’écoles transmise hors délai, cas que l’article 6.3 ne règle pas : nombre d’écoles inchangé, liste des écoles inscrites à examiner',
  '6': 'année scolaire hors de la période de contribution (article 6)',
  '9': 'convention résiliée avant cette année scolaire (article 9)',
  '10': 'convention résiliée de plein droit avant cette année scolaire (article 10)',
  none: 'aucune convention acceptée au dossier',
};

/** The basis in a few words, for a table column. */
export const DUES_BASIS_WORDS: Record<DuesBasis, string> = {
  '7': 'article 7 (liste de la convention)',
  '6.1': 'article 6.1 (liste inchangée)',
  '6.2': 'article 6.2 (avenant dans le délai)',
  '6.3': 'article 6.3 (avenant tardif)',
  late_permutation: 'permutation tardive (nombre inchangé, liste à examiner)',
  '6': 'article 6 (hors période de contribution)',
  '9': 'article 9 (convention résiliée)',
  '10': 'article 10 (convention résiliée de plein droit)',
  none: 'aucune convention acceptée',
};
