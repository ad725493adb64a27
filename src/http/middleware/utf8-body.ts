import express, { type RequestHandler } from 'express';
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

/**
 * Offset of the first byte that does not start or continue a well-formed UTF-8 sequence, or -1.
 * Refuses what the decoder refuses: overlong forms, surrogates, code points above U+10FFFF.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

export function invalidUtf8Error(bytes: Uint8Array): HttpError {
  const at = firstInvalidUtf8(bytes);
  const where = at >= 0 ? ` (ligne ${lineOf(bytes, at)}, octet ${at + 1} : 0x${bytes[at].toString(16).padStart(2, '0')})` : '';
  return new HttpError(
    400,
    'invalid_utf8',
    `le document n'est pas un texte UTF-8 valide${where} : enregistrez-le en UTF-8 puis envoyez-le de nouveau`,
  );
}

const decodeUtf8: RequestHandler = (req, _res, next) => {
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

/** Reads a body of one of `types` as bytes (413 beyond `limit`), then as strict UTF-8 text. */
export function utf8TextBody(types: readonly string[], limit: string | number): RequestHandler[] {
  return [express.raw({ type: [...types], limit }), decodeUtf8];
}
