import type { RequestHandler, Response } from 'express';
import { NOBODY_IN_PARTICULAR, type Principal } from '../../auth/roles';
import { SESSION_COOKIE, type SessionStore } from '../../auth/sessions';
import type { TokenStore } from '../../auth/tokens';
import { principalOf } from '../../auth/tokens';
import { HttpError } from '../errors';

/**
 * Who is asking: from `Authorization: Bearer <token>` (programs), else from the session cookie
 * the login page set (browsers). Only says who; `authorize` decides what they may do. With
 * AUTH=off everybody is `NOBODY_IN_PARTICULAR`, with every right.
 */

export type AuthMode = 'on' | 'off';

export interface AuthSetup {
  mode: AuthMode;
  /** Read at the first request that needs them: the database is opened lazily (see createApp). */
  tokens: () => TokenStore;
  sessions: SessionStore;
}

/** How a request was identified; kept in `res.locals` for the routes, the logs and the pages. */
export interface RequestAuth {
  mode: AuthMode;
  principal?: Principal;
  via?: 'token' | 'session' | 'off';
  /** The session id, when identified by one: the logout route closes it. */
  sessionId?: string;
  /** A bearer token was sent and refused: why, for the 401. */
  refused?: 'malformed' | 'unknown' | 'revoked';
}

export function requestAuth(res: Response): RequestAuth {
  return (res.locals.auth as RequestAuth | undefined) ?? { mode: 'off', principal: NOBODY_IN_PARTICULAR, via: 'off' };
}

/**
 * The principal of a request that passed `authorize`. Fails closed: a route reached without one
 * while authentication is on is answered 401, never served as everybody.
 */
export function requestPrincipal(res: Response): Principal {
  const auth = requestAuth(res);
  if (auth.principal) return auth.principal;
  throw new HttpError(401, 'unauthenticated', 'authentification requise');
}

/** The cookies of a request, by name; the first of a name given twice. */
export function cookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export function authenticate(setup: AuthSetup): RequestHandler {
  return (req, res, next) => {
    if (setup.mode === 'off') {
      res.locals.auth = { mode: 'off', principal: NOBODY_IN_PARTICULAR, via: 'off' } satisfies RequestAuth;
      next();
      return;
    }
    const auth: RequestAuth = { mode: 'on' };
    res.locals.auth = auth;
    const header = req.get('authorization');
    if (header !== undefined) {
      const token = BEARER.exec(header)?.[1];
      const result = token ? setup.tokens().authenticate(token) : ({ ok: false, reason: 'malformed' } as const);
      if (result.ok) {
        auth.principal = result.principal;
        auth.via = 'token';
      } else auth.refused = result.reason;
      // A header that does not authenticate is not made up for by a cookie: the client meant the token.
      next();
      return;
    }
    const sessionId = cookies(req.get('cookie')).get(SESSION_COOKIE);
    if (sessionId) {
      const session = setup.sessions.touch(sessionId);
      const token = session && setup.tokens().byId(session.tokenId);
      if (token && token.revokedAt === null) {
        auth.principal = principalOf(token);
        auth.via = 'session';
        auth.sessionId = sessionId;
      } else if (session) setup.sessions.close(sessionId);
    }
    next();
  };
}
