import { renderTemplate } from '../reports/templates';
import { pageMeta } from './page';

/** The page of a request the pages could not answer: unknown dossier, bad search, fault. */

export interface ErrorPageData {
  status: number;
  message: string;
}

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
  const title = TITLES[data.status] ?? (data.status >= 500 ? 'Erreur du serveur' : 'Demande refusée');
  return renderTemplate('pages/error', { page: pageMeta(title, 'aucune'), title, status: data.status, message: data.message });
}
