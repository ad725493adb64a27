import type { ErrorRequestHandler, RequestHandler } from 'express';
import { parseDocument } from '../documents/parse';
import { DEFAULT_BODY_LIMIT, sizeWords } from '../limits';
import { renderErrorPage } from '../pages/error';
import { CONTENT_SECURITY_POLICY, pageHeaders } from './page-headers';
import { ConcurrentWriteError, FilingRefusedError } from '../service/dossier-service';

/**
 * Every error the API answers is `{ "error": { "code", "message" } }` (plus `details` where there
 * are some), in French, from the one handler below, registered last. Never a stack trace.
 */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** Stable, for programs: `not_found`, `malformed_document`, … */
    readonly code: string,
    /** French, for people. */
    message: string,
    readonly details?: unknown,
    /** Headers the answer carries (`Retry-After`). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** The errors of Express's body parsers, by their `type`. */
const BODY_PARSER_ERRORS: Record<string, (limit: unknown) => HttpError> = {
  'entity.too.large': (limit) =>
    new HttpError(413, 'payload_too_large', `document trop volumineux : ${sizeWords(typeof limit === 'number' ? limit : DEFAULT_BODY_LIMIT)} au plus`),
  'charset.unsupported': () => new HttpError(415, 'unsupported_charset', "jeu de caractères non pris en charge : envoyez de l'UTF-8"),
  'encoding.unsupported': () => new HttpError(415, 'unsupported_encoding', 'encodage de contenu non pris en charge'),
  'request.aborted': () => new HttpError(400, 'request_aborted', 'requête interrompue avant la fin du corps'),
  'request.size.invalid': () => new HttpError(400, 'bad_request', 'taille du corps de la requête incohérente'),
};

/** The error body-parser would have raised, for the body reader that stands in for it (middleware/utf8-body.ts). */
export function bodyReadError(type: keyof typeof BODY_PARSER_ERRORS, limit?: number): HttpError {
  return BODY_PARSER_ERRORS[type](limit);
}

/**
 * The one mapping from what went wrong to an HTTP answer, for the API and the pages alike:
 * HTTP errors, the body parsers' errors, and the service's typed errors.
 */
export function toHttpError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  // Other writers kept changing the dossier: the document was not kept, and may be sent again.
  if (err instanceof ConcurrentWriteError) return new HttpError(503, 'concurrent_writes', err.message, undefined, { 'Retry-After': '1' });
  // No rules to judge by: nothing was kept. The year's rule set failed to load is a fault of the
  // service, to be mended (503); no rule set in force for the year is a fact about the document (422).
  if (err instanceof FilingRefusedError) {
    const r = err.refusal;
    return r.reason === 'rules_unavailable'
      ? new HttpError(503, r.reason, r.message, { schoolYear: r.schoolYear, ruleSet: r.ruleSet, firstError: r.firstError, errorCount: r.errorCount })
      : new HttpError(422, r.reason, r.message, { schoolYear: r.schoolYear, draft: r.draft });
  }
  if (err && typeof err === 'object') {
    const e = err as { type?: unknown; limit?: unknown; status?: unknown; expose?: unknown; body?: unknown };
    // A JSON body that does not parse (the rules' editing routes read theirs with express.json): where and why, as for a document.
    if (e.type === 'entity.parse.failed' && typeof e.body === 'string') {
      const parsed = parseDocument(e.body, 'json');
      const first = parsed.ok ? undefined : parsed.errors[0];
      const at = first?.line ? ` (ligne ${first.line}, colonne ${first.column})` : '';
      return new HttpError(400, 'malformed_body', `corps de la requête illisible${at} : ${first?.message ?? 'JSON invalide'}`);
    }
    const known = typeof e.type === 'string' ? BODY_PARSER_ERRORS[e.type] : undefined;
    if (known) return known(e.limit);
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return new HttpError(e.status, 'bad_request', 'requête invalide');
  }
  return undefined;
}

export function sendError(res: Parameters<RequestHandler>[1], error: HttpError): void {
  if (error.headers) res.set(error.headers);
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  res.status(error.status).json(body);
}

/** The same error as a page, for a person reading it in a browser; under the pages' policy, whichever route it answers for (a report's). */
export function sendErrorPage(
  res: Parameters<RequestHandler>[1],
  error: { status: number; message: string; code?: string; headers?: Readonly<Record<string, string>> },
): void {
  if (error.headers) res.set(error.headers);
  res.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res
    .status(error.status)
    .type('html')
    .send(renderErrorPage({ status: error.status, message: error.message, code: error.code }));
}

/**
 * Whether the request comes from a person's browser rather than a program: a browser asks for
 * HTML first, curl and HTTP libraries ask for anything (then JSON, the first offered, is chosen).
 */
export function prefersPage(req: Parameters<RequestHandler>[0]): boolean {
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}

/**
 * The 404 of any route nobody answered. An address mistyped in a browser (or an old bookmark)
 * gets the French page, with the way back to the home page; a program still gets the JSON error.
 */
export const notFound: RequestHandler = (req, res, next) => {
  if (prefersPage(req)) {
    pageHeaders(req, res, () => undefined);
    sendErrorPage(res, { status: 404, code: 'not_found', message: `Aucune page à l’adresse ${req.path} : vérifiez l’adresse, ou repartez de l’accueil.` });
    return;
  }
  next(new HttpError(404, 'not_found', `rien à l'adresse ${req.method} ${req.path}`));
};

/** Answers `405` with the methods the route does accept. */
export function methodNotAllowed(...allowed: string[]): RequestHandler {
  return (req, res, next) => {
    res.set('Allow', allowed.join(', '));
    next(new HttpError(405, 'method_not_allowed', `méthode ${req.method} non acceptée ici (acceptées : ${allowed.join(', ')})`));
  };
}

/** Faults (anything not an `HttpError` or a client error) are answered 500 and told to `onFault`. */
export function errorHandler(onFault: (err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known = toHttpError(err);
    if (known) {
      sendError(res, known);
      return;
    }
    onFault(err);
    sendError(res, new HttpError(500, 'internal_error', 'erreur interne du serveur'));
  };
}
