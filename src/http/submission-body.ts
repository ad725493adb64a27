import type { Request } from 'express';
import type { SchemaError } from '../domain/finding';
import type { Submission } from '../domain/submission';
import { checkDocumentText } from '../validation/validator';
import { HttpError } from './errors';
import { documentFormat } from './routes/validate';

/**
 * The submission a request carries, read from the raw text (see `documentBody`): unreadable text
 * is the request's fault (400, with the line and column); readable but not of the interchange
 * format is a verdict (`schema`), which the route answers.
 */
export type RequestSubmission =
  | { ok: true; submission: Submission; rawText: string; contentType: string }
  | { ok: false; errors: SchemaError[] };

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
