import helmet, { type HelmetOptions } from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet's headers on every response (nosniff, no framing, no referrer, HSTS, cross-origin
 * isolation of resources…). The Content-Security-Policy is left to the pages and reports, which
 * set theirs (src/http/page-headers.ts: no script at all, inline styles only, forms posted back
 * here only); the API's JSON answers carry none, as the pages' tests expect.
 *
 * With these options every header helmet sets is a constant, yet helmet works each one out again
 * on every request, through a chain of sixteen small middlewares: a profile of POST /api/check
 * put it at several per cent of the server's time. So helmet is asked once, at start-up, against
 * a response that records what it is told, and each request replays the record. helmet stays the
 * source of the headers (an upgrade that changes one changes ours), and a test holds the replay
 * to what helmet itself sends.
 */

export const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: false,
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

export interface RecordedHeaders {
  set: ReadonlyArray<readonly [string, string]>;
  removed: readonly string[];
}

/** What helmet does to a response with these options, recorded once. */
export function recordHelmet(options: Readonly<HelmetOptions> = HELMET_OPTIONS): RecordedHeaders {
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      if (typeof value !== 'string') throw new Error(`securityHeaders: helmet set ${name} to a value that is not text; it cannot be replayed`);
      set.push([name, value]);
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let nextCalled = false;
  let failure: unknown;
  helmet(options)({} as never, recorder as never, (err?: unknown) => {
    nextCalled = true;
    failure = err;
  });
  // helmet is synchronous with these options; were it not, or did it fail, replaying would be wrong.
  if (!nextCalled || failure)
    throw new Error(
      `securityHeaders: helmet did not complete synchronously${failure ? ` (${failure instanceof Error ? failure.message : JSON.stringify(failure)})` : ''}`,
    );
  return { set, removed };
}

export function securityHeaders(options: Readonly<HelmetOptions> = HELMET_OPTIONS): RequestHandler {
  const { set, removed } = recordHelmet(options);
  return (_req, res, next) => {
    for (let i = 0; i < set.length; i++) res.setHeader(set[i][0], set[i][1]);
    for (let i = 0; i < removed.length; i++) res.removeHeader(removed[i]);
    next();
  };
}
