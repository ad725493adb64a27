import express, { type Express } from 'express';
import { readConfig, type Config } from '../config';
import { openServices, type Services } from '../service/services';
import { SessionStore } from '../auth/sessions';
import { SILENT_LOGGER, type Logger } from '../log';
import { errorHandler, notFound } from './errors';
import { accessBanner } from './middleware/access-banner';
import { authenticate, type AuthMode, type AuthSetup } from './middleware/authenticate';
import { authorize } from './middleware/authorize';
import { requestLog } from './middleware/request-log';
import { securityHeaders } from './middleware/security-headers';
import { sequence } from './middleware/sequence';
import { accessibilityRoutes } from './routes/accessibility';
import { assetRoutes } from './routes/assets';
import { loginRoutes } from './routes/login';
import { checkRoute } from './routes/check';
import { dossierRoutes } from './routes/dossiers';
import { duesRoutes } from './routes/dues';
import { deadlineRoutes } from './routes/deadlines';
import { healthRoutes } from './routes/health';
import { pageRoutes } from './routes/pages';
import { reportRoutes } from './routes/reports';
import { ruleRoutes } from './routes/rules';
import { ruleDraftRoutes } from './routes/rule-drafts';
import { ruleDraftPageRoutes } from './routes/rule-draft-pages';
import { submissionRoutes } from './routes/submissions';
import { validateRoutes } from './routes/validate';
import { DOCUMENT_LIMIT } from './document-body';

/**
 * The HTTP API as an Express app, without `listen`: the entry point (`src/server.ts`) listens,
 * tests drive the app directly. Routes are wired here, in one place; each file of `routes/`
 * handles one resource. The error handler is registered last.
 */

export interface AppOptions {
  /** Told of every fault answered 500. Default: one line on standard error, with the stack. */
  onFault?: (err: unknown) => void;
  /**
   * The rule sets, store and dossier service. When absent, they are built from `config` (or the
   * environment) at the first request that needs them, so that an app serving only `/health`
   * opens no database.
   */
  services?: Services;
  config?: Config;
  /** Largest document body, in bytes or as `'1mb'`; `config.bodyLimit`, else 1 MB. */
  bodyLimit?: string | number;
  /**
   * Tokens and sessions (src/auth). Off unless said here, whatever `config.auth`: an app built in
   * code (the tests) is open, the server (src/server.ts) passes AUTH, which is on by default.
   */
  auth?: AuthMode;
  /** The pages' sessions; a store of its own per app by default. */
  sessions?: SessionStore;
  /** One line per request; silent by default. */
  logger?: Logger;
}

function defaultOnFault(err: unknown): void {
  process.stderr.write(`ent-compliance : erreur interne : ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
}

export function createApp(options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  let services = options.services;
  const getServices = (): Services => (services ??= openServices(options.config ?? readConfig()));
  const bodyLimit = options.bodyLimit ?? options.config?.bodyLimit ?? DOCUMENT_LIMIT;

  const auth: AuthSetup = { mode: options.auth ?? 'off', tokens: () => getServices().tokens, sessions: options.sessions ?? new SessionStore() };

  // Before any route: the request's id and log line, the headers, who asks and whether they may.
  app.use(sequence(requestLog(options.logger ?? SILENT_LOGGER), securityHeaders(), authenticate(auth), accessBanner, authorize(getServices)));

  // The API first, under one prefix: a request to it is not walked through every page's path;
  // the busiest route ahead of it, in a layer of its own.
  checkRoute(app, getServices, bodyLimit);
  const api = express.Router();
  api.use(validateRoutes(bodyLimit));
  api.use(submissionRoutes(getServices, bodyLimit));
  api.use(dossierRoutes(getServices));
  api.use(ruleDraftRoutes(getServices));
  api.use(duesRoutes(getServices));
  api.use(deadlineRoutes(getServices));
  api.use(ruleRoutes(getServices));
  app.use('/api', api);
  app.use(healthRoutes());
  app.use(assetRoutes());
  app.use(accessibilityRoutes());
  app.use(reportRoutes(getServices));
  app.use(loginRoutes(auth));
  app.use(ruleDraftPageRoutes(getServices));
  app.use(pageRoutes(getServices, { bodyLimit }));

  app.use(notFound);
  app.use(errorHandler(options.onFault ?? defaultOnFault));
  return app;
}
