import express, { type Express } from 'express';
import { errorHandler, notFound } from './errors';
import { healthRoutes } from './routes/health';
import { homeRoutes } from './routes/home';
import { validateRoutes } from './routes/validate';

/**
 * The HTTP API as an Express app, without `listen`: the entry point (`src/server.ts`) listens,
 * tests drive the app directly. Routes are wired here, in one place; each file of `routes/`
 * handles one resource. The error handler is registered last.
 */

export interface AppOptions {
  /** Told of every fault answered 500. Default: one line on standard error, with the stack. */
  onFault?: (err: unknown) => void;
}

function defaultOnFault(err: unknown): void {
  process.stderr.write(`ent-compliance : erreur interne : ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
}

export function createApp(options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(homeRoutes());
  app.use(healthRoutes());
  app.use('/api', validateRoutes());

  app.use(notFound);
  app.use(errorHandler(options.onFault ?? defaultOnFault));
  return app;
}
