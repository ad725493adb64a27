import express, { type Request, type RequestHandler } from 'express';
import { parseSize } from '../../config';
import { invalidUtf8Message } from '../../documents/utf8';
import { bodyReadError, HttpError } from '../errors';

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

/** Whether a request announces a body (a length, or chunks), as body-parser decides it. */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && !Number.isNaN(Number(length)));
}

/** The rest of a refused body read and thrown away, so that the client sees the answer rather than a reset. */
function drain(req: Request, then: () => void): void {
  if (req.readableEnded || req.destroyed) {
    then();
    return;
  }
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    then();
  };
  req.on('end', once);
  req.on('close', once);
  req.resume();
}

/**
 * The body of an identity-encoded request into `req.body`, in one pass: the chunks kept as they
 * come (413 as soon as `limit` is passed, or at once when Content-Length says so), joined once.
 */
function readIdentity(req: Request, limit: number, next: (err?: unknown) => void): void {
  const announced = req.headers['content-length'];
  if (announced !== undefined && Number(announced) > limit) {
    drain(req, () => next(bodyReadError('entity.too.large', limit)));
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  let finished = false;
  const finish = (err?: HttpError) => {
    if (finished) return;
    finished = true;
    req.removeListener('data', onData);
    req.removeListener('end', onEnd);
    req.removeListener('error', onError);
    req.removeListener('close', onClose);
    if (err) {
      drain(req, () => next(err));
      return;
    }
    req.body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
    next();
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit) finish(bodyReadError('entity.too.large', limit));
    else chunks.push(chunk);
  };
  const onEnd = () => finish();
  const onError = () => finish(bodyReadError('request.aborted', limit));
  const onClose = () => {
    if (!req.readableEnded) finish(bodyReadError('request.aborted', limit));
  };
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onError);
  req.on('close', onClose);
}

const mediaTypeOf = (header: string | undefined) => header?.split(';')[0].trim().toLowerCase();

/**
 * Reads a body of one of `types` as bytes, 413 beyond `limit`. A body sent compressed
 * (Content-Encoding other than identity) goes through Express's raw parser, which inflates it;
 * every other body is read here, in one pass, which a profile of POST /api/check showed costs a
 * fraction of body-parser's generic path (type and charset parsing, debug hooks, on-finished, a
 * stream per encoding). As body-parser, a body of another type, or already read, is left alone.
 */
export function rawBody(types: readonly string[], limit: string | number): RequestHandler {
  const limitBytes = typeof limit === 'number' ? limit : parseSize(limit);
  if (limitBytes === undefined || !Number.isFinite(limitBytes) || limitBytes < 0) throw new Error(`rawBody: limit « ${String(limit)} » is not a size`);
  const encoded = express.raw({ type: [...types], limit: limitBytes });
  const accepted = new Set(types.map((t) => t.toLowerCase()));
  return (req, res, next) => {
    const type = mediaTypeOf(req.headers['content-type']);
    if (req.readableEnded || type === undefined || !accepted.has(type)) {
      next();
      return;
    }
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      encoded(req, res, next);
      return;
    }
    if (!hasBody(req)) {
      next();
      return;
    }
    readIdentity(req, limitBytes, next);
  };
}

/** Reads a body of one of `types` as bytes (413 beyond `limit`), then as strict UTF-8 text. */
export function utf8TextBody(types: readonly string[], limit: string | number): RequestHandler[] {
  return [rawBody(types, limit), decodeUtf8];
}
