import { renderTemplate } from '../reports/templates';
import { pageMeta } from './page';

/** The page of a request the pages could not answer: unknown dossier, bad search, fault. */

export interface ErrorPageData {
  status: number;
  message: string;
  /** The error's code (`unknown_dossier`…): a page of its own title, when it has one. */
  code?: string;
}

/** What was not found, said in the title: each page a title of its own (RGAA 8.6). */
const TITLES_BY_CODE: Record<string, string> = {
  unknown_dossier: 'Dossier introuvable',
  unknown_report: 'Rapport introuvable',
  unknown_submission: 'Pièce introuvable',
  unknown_school_year: 'Règles introuvables',
};

const TITLES: Record<number, string> = {
  400: 'Demande incorrecte',
  404: 'Page introuvable',
  405: 'Méthode non acceptée',
  409: 'Demande impossible en l’état',
  413: 'Document trop volumineux',
  415: 'Type de contenu non pris en charge',
  503: 'Service momentanément indisponible',
};

export function renderErrorPage(data: ErrorPageData): string {
  const title = (data.code && TITLES_BY_CODE[data.code]) ?? TITLES[data.status] ?? (data.status >= 500 ? 'Erreur du serveur' : 'Demande refusée');
  return renderTemplate('pages/error', { page: pageMeta(title, 'aucune'), title, status: data.status, message: data.message });
}
