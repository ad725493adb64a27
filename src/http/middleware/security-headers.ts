import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet's headers on every response (nosniff, no framing, no referrer, HSTS, cross-origin
 * isolation of resources…). The Content-Security-Policy is left to the pages and reports, which
 * set theirs (src/http/page-headers.ts: no script at all, inline styles only, forms posted back
 * here only); the API's JSON answers carry none, as the pages' tests expect.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
