import express, { Router, type Request, type Response } from 'express';
import { SESSION_COOKIE } from '../../auth/sessions';
import { renderConnexionPage } from '../../pages/connexion';
import { methodNotAllowed } from '../errors';
import { pageHeaders } from '../page-headers';
import { requestAuth, type AuthSetup } from '../middleware/authenticate';
import { localReturnPath } from '../middleware/authorize';

/**
 * `GET /connexion`: the login form (or who is signed in, or that AUTH=off).
 * `POST /connexion` (`jeton`, `suivant`): a token for a session cookie, then back where the person
 *   was going; 401 and the form again, with the reason, when the token is refused.
 * `POST /deconnexion`: ends the session.
 *
 * The cookie carries a random session id, never the token: HttpOnly (no script reads it — the
 * pages have none anyway), SameSite=Strict (no other site's form sends it), Path=/, Secure when
 * the request came over https.
 */

const REFUSED = {
  malformed: 'Ce n’est pas un jeton : un jeton commence par « entc_ » et compte 61 caractères. Vérifiez qu’il a été copié en entier.',
  unknown: 'Jeton inconnu : vérifiez qu’il a été copié en entier, ou demandez-en un à un juriste.',
  revoked: 'Ce jeton a été révoqué : demandez-en un nouveau à un juriste.',
} as const;

function cookieAttributes(req: Request): string {
  return `HttpOnly; SameSite=Strict; Path=/${req.secure ? '; Secure' : ''}`;
}

function clearSessionCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=; ${cookieAttributes(req)}; Max-Age=0`);
}

function field(body: unknown, name: string): string | undefined {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : undefined;
}

export function loginRoutes(setup: AuthSetup): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 5 });

  router
    .route('/connexion')
    .all(pageHeaders)
    .get((req, res) => {
      const auth = requestAuth(res);
      if (setup.mode === 'off') res.type('html').send(renderConnexionPage({ state: 'auth-off' }));
      else if (auth.principal && auth.via === 'session') res.type('html').send(renderConnexionPage({ state: 'signed-in', principal: auth.principal }));
      else res.type('html').send(renderConnexionPage({ state: 'form', error: null, next: localReturnPath(req.query.suivant) ?? '/' }));
    })
    .post(form, (req, res) => {
      if (setup.mode === 'off') {
        res.redirect(303, '/');
        return;
      }
      const next = localReturnPath(field(req.body, 'suivant')) ?? '/';
      const token = (field(req.body, 'jeton') ?? '').trim();
      const result = setup.tokens().authenticate(token);
      if (!result.ok) {
        res
          .status(401)
          .type('html')
          .send(renderConnexionPage({ state: 'form', error: token ? REFUSED[result.reason] : 'Saisissez votre jeton.', next }));
        return;
      }
      // A new id at every sign-in: an id planted in the browser beforehand is never the one signed in.
      const previous = requestAuth(res).sessionId;
      if (previous) setup.sessions.close(previous);
      const sessionId = setup.sessions.open(result.principal.tokenId!);
      res.append('Set-Cookie', `${SESSION_COOKIE}=${sessionId}; ${cookieAttributes(req)}`);
      res.redirect(303, next);
    })
    .all(methodNotAllowed('GET', 'POST'));

  router
    .route('/deconnexion')
    .all(pageHeaders)
    .post((req, res) => {
      const { sessionId } = requestAuth(res);
      if (sessionId) setup.sessions.close(sessionId);
      clearSessionCookie(req, res);
      res.redirect(303, setup.mode === 'off' ? '/' : '/connexion');
    })
    .all(methodNotAllowed('POST'));

  return router;
}
