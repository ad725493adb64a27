import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Several middlewares run as one: each in turn, the next when the previous calls `next()`, an
 * error (passed or thrown) handed to Express. Express would give each its own layer, with a path
 * match, a parse of the URL and its bookkeeping per layer and per request; the ones every request
 * goes through (log, headers, who asks, what they may) gain nothing from that.
 */
export function sequence(...handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: NextFunction) => {
    let i = 0;
    const next = (err?: unknown): void => {
      // As Express reads it: anything truthy is an error (or 'route'/'router', Express's own words).
      if (err || i === handlers.length) {
        done(err);
        return;
      }
      const handler = handlers[i++];
      try {
        const ret: unknown = handler(req, res, next);
        // Express 5 turns a rejected promise into an error; so does this.
        if (ret instanceof Promise) ret.catch((e: unknown) => next(e ?? new Error('Rejected promise')));
      } catch (e) {
        next(e ?? new Error('thrown undefined'));
      }
    };
    next();
  };
}
