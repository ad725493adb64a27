import type { RequestHandler } from 'express';

/**
 * Headers of every HTML page and report. Neither runs any script, so neither policy allows one
 * (no `script-src`, default `'none'`): a value a submission smuggled into a page could not run even
 * if escaping failed. Forms are sent only back here, framing is refused.
 *  - Pages load their stylesheets, fonts and icons from the app (src/http/routes/assets.ts), and
 *    nothing inline: `'self'` only.
 *  - Reports are self-contained documents, kept and sent as they are: their styles are inline, and
 *    they load nothing.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const REPORT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

const COMMON = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' };

export const pageHeaders: RequestHandler = (_req, res, next) => {
  res.set({ 'Content-Security-Policy': CONTENT_SECURITY_POLICY, ...COMMON });
  next();
};

export const reportHeaders: RequestHandler = (_req, res, next) => {
  res.set({ 'Content-Security-Policy': REPORT_CONTENT_SECURITY_POLICY, ...COMMON });
  next();
};
