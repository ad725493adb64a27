import type { RequestHandler } from 'express';
import { can, ROLE_NAMES, type Principal } from '../../auth/roles';
import { requestAuth } from './authenticate';

/**
 * A strip at the top of every page saying how the person is identified: with AUTH=off, that
 * everybody has every right (so that nobody mistakes a trial for the real service); when signed
 * in, with which token, and a button to sign out.
 *
 * The page renderers (src/pages) are pure functions of their data and know nothing of requests;
 * rather than thread the session through each of them, the strip is inserted into
 * the HTML they produce (below the header). Reports (`/reports/…`) are left byte for byte as kept: they are the
 * documents sent to communes, not pages of this service.
 */

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A DSFR notice (fr-notice), drawn by the pages' stylesheets: the pages' policy allows no inline
 * style. `alert` in red for a service open to anyone, `info` for who is signed in.
 */
export const AUTH_OFF_BANNER =
  '<div class="fr-notice fr-notice--alert app-acces"><div class="fr-container"><div class="fr-notice__body"><p>' +
  '<span class="fr-notice__title">Authentification désactivée (AUTH=off)</span> <span class="fr-notice__desc">: toute personne qui atteint ce service a tous les droits, sans jeton. Mode réservé à un essai sur son propre poste.</span></p></div></div></div>';

function signedInStrip(principal: Principal): string {
  const { role, siret } = principal;
  const who = `${escapeHtml(principal.label || principal.tokenId || '')} — ${escapeHtml(ROLE_NAMES[role])}${siret ? `, SIRET ${escapeHtml(siret)}` : ''}`;
  return (
    '<div class="fr-notice fr-notice--info app-acces"><div class="fr-container"><div class="fr-notice__body">' +
    `<p>Connecté : <strong>${who}</strong></p>` +
    '<form method="post" action="/deconnexion"><button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">Se déconnecter</button></form>' +
    // Managing the tokens is a juriste's: the way there is beside who is signed in (after the
    // button, whose top is higher: the focus goes on down the strip).
    (can(principal, 'tokens') ? '<a class="fr-link" href="/jetons">Jetons d’accès</a>' : '') +
    '</div></div></div>'
  );
}

export const accessBanner: RequestHandler = (req, res, next) => {
  if (/^\/(api|reports)(\/|$)/i.test(req.path)) {
    next();
    return;
  }
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    if (typeof body === 'string' && /^text\/html/i.test(String(res.get('Content-Type') ?? ''))) {
      const auth = requestAuth(res);
      const strip = auth.mode === 'off' ? AUTH_OFF_BANNER : auth.principal && auth.via === 'session' ? signedInStrip(auth.principal) : '';
      // Below the site's header, so that the skip link stays first in the body; at its top for a page without one.
      if (strip)
        body = /<\/header>/i.test(body) ? body.replace(/<\/header>/i, (tag) => `${tag}\n${strip}`) : body.replace(/<body[^>]*>/i, (tag) => `${tag}\n${strip}`);
    }
    return send(body);
  };
  next();
};
