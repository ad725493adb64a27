import express, { type RequestHandler } from 'express';
import { invalidUtf8Message } from '../../documents/utf8';
import { HttpError } from '../errors';

/**
 * A document's body as text, decoded as strict UTF-8. Express's text parser replaces bytes that
 * are not UTF-8 with U+FFFD without a word, so that a document saved in Latin-1 would be kept with
 * its accents silently destroyed; here it is refused (400) and the sender told where.
 * A declared charset other than UTF-8 is refused too (415): the interchange format is UTF-8, and
 * the text kept must be the text sent.
 */

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** `charset` of a Content-Type header, lower case; undefined when none is given. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '');
  return m ? m[1].toLowerCase() : undefined;
}

export function invalidUtf8Error(bytes: Uint8Array): HttpError {
  return new HttpError(400, 'invalid_utf8', `le document ${invalidUtf8Message(bytes)}`);
}

export const decodeUtf8: RequestHandler = (req, _res, next) => {
  const charset = charsetOf(req.get('content-type'));
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    next(new HttpError(415, 'unsupported_charset', `jeu de caractères « ${charset.slice(0, 40)} » non pris en charge : envoyez de l'UTF-8`));
    return;
  }
  const bytes: unknown = req.body;
  if (!Buffer.isBuffer(bytes)) {
    req.body = '';
    next();
    return;
  }
  try {
    req.body = UTF8.decode(bytes);
  } catch {
    next(invalidUtf8Error(bytes));
    return;
  }
  next();
};

/** Reads a body of one of `types` as bytes, 413 beyond `limit`. */
export function rawBody(types: readonly string[], limit: string | number): RequestHandler {
  return express.raw({ type: [...types], limit });
}

/** Reads a body of one of `types` as bytes (413 beyond `limit`), then as strict UTF-8 text. */
export function utf8TextBody(types: readonly string[], limit: string | number): RequestHandler[] {
  return [rawBody(types, limit), decodeUtf8];
}
