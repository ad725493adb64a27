import type { Principal } from '../auth/roles';
import { ROLE_NAMES } from '../auth/roles';
import { renderTemplate } from '../reports/templates';
import { pageMeta } from './page';

/** The login page: a form for a token, or who is signed in, or that authentication is off. */

export type ConnexionPageData = { state: 'form'; error: string | null; next: string } | { state: 'signed-in'; principal: Principal } | { state: 'auth-off' };

export function renderConnexionPage(data: ConnexionPageData): string {
  // Every field is given, null when it does not apply: the templates run in strict mode.
  return renderTemplate('pages/connexion', {
    page: pageMeta(data.state === 'form' && data.error ? 'Erreur : connexion' : 'Connexion', 'aucune', false, null),
    authOff: data.state === 'auth-off',
    signedIn:
      data.state === 'signed-in'
        ? { label: data.principal.label || data.principal.tokenId || '', roleName: ROLE_NAMES[data.principal.role], siret: data.principal.siret }
        : null,
    error: data.state === 'form' ? data.error : null,
    next: data.state === 'form' ? data.next : '',
  });
}
