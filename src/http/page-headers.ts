import type { RequestHandler } from 'express';

/**
 * Headers of every HTML page and report: the pages run no script at all, so the policy forbids
 * any (no `script-src`, default `'none'`), allows only the inline <style> the templates carry,
 * sends forms only back here, and refuses framing. A value a submission smuggled into a page
 * could not run even if escaping failed.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const pageHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  });
  next();
};
