import type { Request, RequestHandler } from 'express';
import type { DocumentFormat } from '../documents/parse';
import type { SchemaError } from '../domain/finding';
import type { Submission } from '../domain/submission';
import { checkDocumentText } from '../validation/validator';
import { HttpError } from './errors';
import { notADocument } from '../documents/not-a-document';
import { DEFAULT_BODY_LIMIT } from '../limits';
import { sequence } from './middleware/sequence';
import { decodeUtf8, rawBody } from './middleware/utf8-body';

/**
 * A document sent to the API, from the request to the submission: the media types accepted, the
 * body read as text (so that errors point at lines and columns of what was sent), and the
 * submission it carries. Shared by /api/validate, /api/check and /api/submissions.
 */

/** Media types accepted for a document, and the syntax each announces. */
export const DOCUMENT_MEDIA_TYPES: Readonly<Record<string, DocumentFormat>> = {
  'application/json': 'json',
  'application/yaml': 'yaml',
  'application/x-yaml': 'yaml',
  'text/yaml': 'yaml',
  'text/x-yaml': 'yaml',
};

/** The default of BODY_LIMIT (src/limits.ts). */
export const DOCUMENT_LIMIT = DEFAULT_BODY_LIMIT;

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
  next(
    new HttpError(
      415,
      'unsupported_media_type',
      `type de contenu ${type ? `« ${type} » ` : 'absent, '}non pris en charge : envoyez application/json ou application/yaml`,
    ),
  );
};

/**
 * A PDF or a Word file sent by mistake under a JSON or YAML type: told in one sentence, before its
 * bytes are reported as not UTF-8 or its text as broken YAML.
 */
export const refuseNonDocument: RequestHandler = (req, _res, next) => {
  const other = Buffer.isBuffer(req.body) ? notADocument(req.body) : undefined;
  next(other === undefined ? undefined : new HttpError(400, 'malformed_document', `document illisible : ${other}`));
};

/**
 * The body as text, with the syntax its media type announces; `limit` in bytes or as `'1mb'`,
 * answered 413 beyond; a file that is no text at all, or bytes that are not UTF-8, answered 400
 * (see middleware/utf8-body.ts).
 */
export function documentBody(limit: string | number = DOCUMENT_LIMIT): RequestHandler[] {
  // One route layer for the four steps: see middleware/sequence.ts.
  return [sequence(requireDocumentMediaType, rawBody(Object.keys(DOCUMENT_MEDIA_TYPES), limit), refuseNonDocument, decodeUtf8)];
}

export const readDocument: RequestHandler[] = documentBody();

export function documentFormat(contentType: string | undefined): DocumentFormat | undefined {
  const type = mediaType(contentType);
  return type ? DOCUMENT_MEDIA_TYPES[type] : undefined;
}

/**
 * The submission a request carries, read from the raw text (see `documentBody`): unreadable text
 * is the request's fault (400, with the line and column); readable but not of the interchange
 * format is a verdict (`schema`), which the route answers.
 */
export type RequestSubmission = { ok: true; submission: Submission; rawText: string; contentType: string } | { ok: false; errors: SchemaError[] };

export function submissionOf(req: Request): RequestSubmission {
  const rawText = typeof req.body === 'string' ? req.body : '';
  const header = req.get('content-type');
  const result = checkDocumentText(rawText, documentFormat(header));
  if (result.ok) return { ok: true, submission: result.submission, rawText, contentType: (header ?? '').split(';')[0].trim().toLowerCase() };
  if (result.stage === 'syntax') {
    const first = result.errors[0];
    const at = first?.line ? ` (ligne ${first.line}, colonne ${first.column})` : '';
    throw new HttpError(400, 'malformed_document', `document illisible${at} : ${first?.message ?? 'syntaxe invalide'}`, result.errors);
  }
  return { ok: false, errors: result.errors };
}
