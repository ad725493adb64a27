import { Router, type RequestHandler } from 'express';
import type { DocumentFormat } from '../../documents/parse';
import { checkDocumentText } from '../../validation/validator';
import { HttpError, methodNotAllowed } from '../errors';
import { utf8TextBody } from '../middleware/utf8-body';

/**
 * `POST /api/validate`: is this text a submission of the interchange format? The body is read as
 * text, not parsed by Express, so that errors point at lines and columns of what was sent.
 */

/** Media types accepted for a document, and the syntax each announces. */
export const DOCUMENT_MEDIA_TYPES: Readonly<Record<string, DocumentFormat>> = {
  'application/json': 'json',
  'application/yaml': 'yaml',
  'application/x-yaml': 'yaml',
  'text/yaml': 'yaml',
  'text/x-yaml': 'yaml',
};

export const DOCUMENT_LIMIT = '1mb';

function mediaType(header: string | undefined): string | undefined {
  return header?.split(';')[0].trim().toLowerCase() || undefined;
}

/** Refuses, before reading the body, a document sent as something else than JSON or YAML. */
export const requireDocumentMediaType: RequestHandler = (req, _res, next) => {
  const type = mediaType(req.get('content-type'));
  if (type && type in DOCUMENT_MEDIA_TYPES) {
    next();
    return;
  }
  next(new HttpError(415, 'unsupported_media_type', `type de contenu ${type ? `« ${type} » ` : 'absent, '}non pris en charge : envoyez application/json ou application/yaml`));
};

/**
 * The body as text, with the syntax its media type announces; `limit` in bytes or as `'1mb'`,
 * answered 413 beyond; bytes that are not UTF-8 answered 400 (see middleware/utf8-body.ts).
 */
export function documentBody(limit: string | number = DOCUMENT_LIMIT): RequestHandler[] {
  return [requireDocumentMediaType, ...utf8TextBody(Object.keys(DOCUMENT_MEDIA_TYPES), limit)];
}

export const readDocument: RequestHandler[] = documentBody();

export function documentFormat(contentType: string | undefined): DocumentFormat | undefined {
  const type = mediaType(contentType);
  return type ? DOCUMENT_MEDIA_TYPES[type] : undefined;
}

export function validateRoutes(limit: string | number = DOCUMENT_LIMIT): Router {
  const router = Router();
  router
    .route('/validate')
    .post(...documentBody(limit), (req, res) => {
      const text = typeof req.body === 'string' ? req.body : '';
      const result = checkDocumentText(text, documentFormat(req.get('content-type')));
      if (result.ok) {
        res.json({ valid: true });
        return;
      }
      if (result.stage === 'syntax') {
        throw new HttpError(400, 'malformed_document', `document illisible : ${result.errors[0]?.message ?? 'syntaxe invalide'}`, result.errors);
      }
      res.status(422).json({ valid: false, errors: result.errors });
    })
    .all(methodNotAllowed('POST'));
  return router;
}
