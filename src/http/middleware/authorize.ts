import type { Request, RequestHandler, Response } from 'express';
import { isApiPath, matchRoute, type Owner } from '../../auth/access';
import { can, confinedTo, mayAccessDossier, type Permission, type Principal } from '../../auth/roles';
import type { Services } from '../../service/services';
import { isSubmissionId } from '../../store/ids';
import { HttpError, prefersPage, sendError, sendErrorPage } from '../errors';
import { pageHeaders } from '../page-headers';
import { requestAuth, type RequestAuth } from './authenticate';

// eslint-disable-next-line no-control-regex -- a return path holding a control character is refused outright
const CONTROL_CHARACTER = /[\u0000-\u001f]/;

/**
 * What a request may do, from the table of src/auth/access.ts, decided before any route runs:
 *  - no principal: 401 for the API (JSON, `WWW-Authenticate: Bearer`), the login page for a page;
 *  - a commune asking for another dossier, by SIRET or by a submission's id: 404, as for one that
 *    does not exist, so that a commune learns nothing of the others (checked first: whatever it
 *    may or may not do, another dossier's resource does not exist for it);
 *  - a role without the route's permission: 403;
 *  - a form posted from another site with a session cookie: 403 (the cookie is SameSite=Strict
 *    already; this holds should a browser not honour it).
 */

const PERMISSION_WORDS: Record<Permission, string> = {
  read: 'de consulter cette ressource',
  check: 'de faire contrôler une pièce',
  file: 'de déposer une pièce',
  reload: 'de recharger les règles',
  withdraw: 'de retirer une pièce',
  review: 'de relire les règles en préparation (brouillons, versions, tests), de comparer les années et d’en mesurer l’impact sur tous les dossiers',
  edit_rules: 'de préparer, de modifier ni de publier les règles d’une année',
  tokens: 'de gérer les jetons d’accès',
};

function isSafe(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/** A local path to come back to after signing in; anything else (another site, `//host`) is dropped. */
export function localReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || CONTROL_CHARACTER.test(value)) return undefined;
  return value;
}

/**
 * A refusal in the form the route itself answers its errors, so that a 404 for another commune's
 * resource is the very answer to one that does not exist: JSON for the API and for the reports
 * asked by a program, an HTML page for the pages and for the reports opened in a browser
 * (routes/reports.ts answers its own errors the same way).
 */
function refuse(req: Request, res: Response, error: HttpError): void {
  if (isApiPath(req.path) || (/^\/reports(\/|$)/i.test(req.path) && !prefersPage(req))) {
    sendError(res, error);
    return;
  }
  pageHeaders(req, res, () => undefined);
  sendErrorPage(res, error);
}

const REFUSED: Record<NonNullable<RequestAuth['refused']>, string> = {
  malformed: 'jeton mal formé : attendu « Authorization: Bearer entc_… »',
  unknown: 'jeton inconnu',
  revoked: 'jeton révoqué : demandez-en un nouveau',
};

function unauthenticated(req: Request, res: Response, auth: RequestAuth): void {
  if (isApiPath(req.path)) {
    res.set('WWW-Authenticate', auth.refused ? 'Bearer realm="ent-compliance", error="invalid_token"' : 'Bearer realm="ent-compliance"');
    const message = auth.refused
      ? `authentification refusée : ${REFUSED[auth.refused]}`
      : "authentification requise : envoyez un jeton dans l'en-tête « Authorization: Bearer … » (un juriste le crée avec « ent-compliance token create »)";
    sendError(res, new HttpError(401, 'unauthenticated', message));
    return;
  }
  const back = isSafe(req.method) ? localReturnPath(req.originalUrl) : undefined;
  res.redirect(303, back && back !== '/' ? `/connexion?suivant=${encodeURIComponent(back)}` : '/connexion');
}

function notFoundFor(owner: Owner, path: string, value: string): HttpError {
  if (owner.by === 'siret') return new HttpError(404, 'unknown_dossier', `aucun dossier pour le SIRET ${value}`);
  if (/^\/reports\//i.test(path)) return new HttpError(404, 'unknown_report', `aucun rapport pour la pièce « ${value} »`);
  return new HttpError(404, 'unknown_submission', `aucune pièce « ${value} »`);
}

function ownsPathDossier(principal: Principal, owner: Owner, value: string, services: () => Services): boolean {
  if (confinedTo(principal) === undefined) return true;
  if (owner.by === 'siret') return mayAccessDossier(principal, value);
  // An id of the wrong shape names nothing: the route answers its 404.
  if (!isSubmissionId(value)) return true;
  // One that does not exist is not its own either: refused alike, whatever the route would have
  // said, so that no answer tells an unknown id from another commune's.
  const siret = services().dossiers.siretOf(value);
  return siret !== undefined && mayAccessDossier(principal, siret);
}

export function authorize(services: () => Services): RequestHandler {
  return (req, res, next) => {
    const auth = requestAuth(res);
    const matched = matchRoute(req.method, req.path);
    if (matched?.route.access === 'public') {
      next();
      return;
    }
    const principal = auth.principal;
    if (!principal) {
      unauthenticated(req, res, auth);
      return;
    }
    if (auth.via === 'session' && !isSafe(req.method)) {
      const site = req.get('sec-fetch-site');
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        refuse(req, res, new HttpError(403, 'cross_site_request', 'formulaire envoyé depuis un autre site : refusé'));
        return;
      }
    }
    if (!matched) {
      // Not in the table: closed to communes, and to all but juristes beyond reading.
      const confined = confinedTo(principal) !== undefined;
      if (confined || (!isSafe(req.method) && principal.role !== 'juriste')) {
        refuse(req, res, new HttpError(403, 'forbidden', `le rôle « ${principal.role} » ne permet pas cette demande`));
        return;
      }
      next();
      return;
    }
    // Another commune's resource first: it does not exist for this one, whatever it asked to do
    // with it (a commune may not withdraw: 403 for its own submission, 404 for another's).
    const owner = matched.route.owner;
    if (owner) {
      const value = matched.params[owner.param] ?? '';
      if (!ownsPathDossier(principal, owner, value, services)) {
        refuse(req, res, notFoundFor(owner, req.path, value.length > 40 ? `${value.slice(0, 40)}…` : value));
        return;
      }
    }
    const permission = matched.route.access;
    if (!can(principal, permission)) {
      refuse(req, res, new HttpError(403, 'forbidden', `le rôle « ${principal.role} » ne permet pas ${PERMISSION_WORDS[permission]}`));
      return;
    }
    next();
  };
}

/** For the routes that narrow themselves: refuses a document of another dossier than a commune's own. */
export function assertMayFileFor(principal: Principal, siret: string): void {
  if (!mayAccessDossier(principal, siret)) {
    throw new HttpError(
      403,
      'other_dossier',
      `ce jeton ne vaut que pour le dossier du SIRET ${confinedTo(principal)} : la pièce est celle du SIRET ${siret.slice(0, 40)}`,
    );
  }
}

/** For the routes that narrow themselves: may this principal file (not only check)? */
export function assertMay(principal: Principal, permission: Permission): void {
  if (!can(principal, permission)) throw new HttpError(403, 'forbidden', `le rôle « ${principal.role} » ne permet pas ${PERMISSION_WORDS[permission]}`);
}
