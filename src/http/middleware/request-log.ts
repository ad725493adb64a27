import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestAuth } from './authenticate';

/**
 * One line per request, written when the response is sent (or the client gone): a request id,
 * also sent back in `X-Request-Id` so that a person can quote it; the method; the path without
 * its query (a search may name a commune; nothing after `?` is written); the status; the
 * duration; and who asked, by role and token id (the id names a token, it does not open anything).
 * Never headers, cookies, tokens or bodies.
 */

const MAX_PATH = 200;

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const reqId = randomUUID();
    res.set('X-Request-Id', reqId);
    // A silent journal (the tests, the benchmarks) pays for the id only.
    if (!logger.isLevelEnabled('error')) {
      next();
      return;
    }
    const path = req.originalUrl.split('?')[0].slice(0, MAX_PATH);
    // 'close' comes once, after 'finish' when the answer was sent, alone when the client left
    // first: one listener rather than one per event, on the path of every request.
    res.once('close', () => {
      const aborted = !res.writableFinished;
      const auth = requestAuth(res);
      const line = {
        reqId,
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        ...(auth.principal ? { role: auth.principal.role, tokenId: auth.principal.tokenId } : {}),
        ...(aborted ? { aborted: true } : {}),
      };
      if (res.statusCode >= 500) logger.error(line, 'requête');
      else logger.info(line, 'requête');
    });
    next();
  };
}
