import { createServer, type ServerResponse } from 'node:http';
import { ConfigError, readConfig, type Config } from './config';
import { createApp } from './http/app';
import { createLogger } from './log';
import { buildRegistry, type RuleRegistry } from './rules/registry';
import { failureLines, reloadRegistry } from './rules/reload';
import { watchRules, type RulesWatcher } from './rules/watch';
import { Store } from './store/store';
import { countOf } from './wording/format';
import { createServices, ruleEditorOf } from './service/services';

/**
 * `npm start`: the HTTP API and pages on HOST:PORT (127.0.0.1:3000 unless told otherwise).
 * Authentication is on unless AUTH=off; on the first start, with no token in the database, a
 * juriste token is created and printed here, once the server listens, with the address of the
 * login page; with no juriste token left, every start says how to make one.
 * SIGTERM (or SIGINT) stops it gracefully: no new connection, the requests in flight finished,
 * the database closed, exit 0.
 */

/** How long requests in flight may take to finish after SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

function fail(message: string, code: number): never {
  process.stderr.write(`ent-compliance : ${message}\n`);
  process.exit(code);
}

let config: Config;
try {
  config = readConfig();
} catch (e) {
  if (e instanceof ConfigError) fail(`configuration invalide : ${e.message}`, 2);
  throw e;
}
const logger = createLogger(config.logLevel);

// Read and opened before listening, so that unreadable rules or a database that cannot be opened
// or migrated stop the start, with the variable to look at, rather than fail the first request.
let registry: RuleRegistry;
try {
  registry = buildRegistry(config.rulesDir);
} catch (e) {
  fail(`règles illisibles dans ${config.rulesDir} : ${(e as Error).message} (variable RULES_DIR)`, 1);
}
for (const f of registry.failures)
  process.stderr.write(`ent-compliance : jeu de règles « ${f.name} » écarté : ${countOf(f.errors.length, 'erreur', 'erreurs')} de relecture\n`);
let store: Store;
try {
  store = Store.open(config.databasePath);
} catch (e) {
  fail(`base de données ${config.databasePath} inutilisable : ${(e as Error).message} (variable DATABASE_PATH)`, 1);
}
const services = { ...createServices(store, registry), rulesDir: config.rulesDir };
// The versions found in RULES_DIR join their year's history: the versions list says what serves.
ruleEditorOf(services).recordLoaded();

const app = createApp({
  services,
  config,
  auth: config.auth,
  logger,
  onFault: (err) => logger.error({ err }, 'erreur interne'),
});

// The responses in flight, so that at shutdown each one closes its connection once sent.
const inFlight = new Set<ServerResponse>();
let stopping = false;
const server = createServer((req, res) => {
  inFlight.add(res);
  res.on('close', () => inFlight.delete(res));
  // Its connection idle once the response is sent: closed at once during the shutdown.
  res.on('finish', () => {
    if (stopping) setImmediate(() => server.closeIdleConnections());
  });
  // A request on a kept-alive connection during the shutdown: answered, then the connection closed.
  if (stopping) res.shouldKeepAlive = false;
  app(req, res);
});

server.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EADDRINUSE') fail(`le port ${config.port} est déjà utilisé sur ${config.host} (variable PORT)`, 1);
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') fail(`adresse ${config.host} indisponible sur cette machine (variable HOST)`, 1);
  if (e.code === 'EACCES') fail(`droit refusé d'écouter sur ${config.host}:${config.port} (variables HOST et PORT)`, 1);
  fail(`écoute impossible : ${e.message}`, 1);
});

let watcher: RulesWatcher | undefined;
if (config.rulesWatch) {
  const started = watchRules(config.rulesDir, () => {
    const outcome = reloadRegistry(services.registry, config.rulesDir);
    ruleEditorOf(services).recordLoaded();
    const changes = outcome.changes.map((c) => `${c.name} ${c.from ?? '∅'} → ${c.to ?? '∅'}`);
    if (outcome.ok) logger.info({ changes }, 'règles rechargées');
    else if (outcome.reason === 'lint')
      logger.warn(
        { changes, refused: failureLines(outcome.failures) },
        'règles rechargées en partie : jeux refusés à la relecture, leur version précédente reste en service',
      );
    else logger.error({ message: outcome.message }, 'règles non rechargées');
  });
  if (started.ok) watcher = started.watcher;
  else logger.warn({ message: started.message }, 'règles non surveillées');
}

server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const base = `http://${host}:${port}`;
  process.stdout.write(`ent-compliance : à l'écoute sur ${base}\n`);
  if (config.auth === 'off') {
    process.stdout.write(
      'ent-compliance : AUTHENTIFICATION DÉSACTIVÉE (AUTH=off) : toute personne qui atteint ce port a tous les droits ; réservé à un essai sur son propre poste\n',
    );
  }
  if (config.auth === 'on') announceAccess(base);
});

/**
 * Who can sign in, said once the server listens, never before: a start that fails (a port already
 * in use) must not make a token that nobody is shown, which would lock the first user out.
 * An empty database gets its first juriste token, printed this once; a database with no juriste
 * token left (all revoked) is said so at every start, with the command that makes one.
 */
function announceAccess(base: string): void {
  const howTo =
    `DATABASE_PATH=${config.databasePath} npx ent-compliance token create --role juriste --label "Service juridique" ` +
    '(dans le dossier du projet ; le jeton est écrit seul sur la sortie standard)';
  try {
    if (services.tokens.count() === 0) {
      const { token } = services.tokens.create({ role: 'juriste', label: 'premier démarrage' });
      process.stdout.write(
        `ent-compliance : premier démarrage, aucun jeton dans la base : un jeton juriste a été créé, affiché cette seule fois :\n${token}\n` +
          `ent-compliance : connexion : ${base}/connexion (ou en-tête « Authorization: Bearer … » pour l'API) ; d'autres jetons : « ent-compliance token create »\n`,
      );
    } else if (services.tokens.activeCount('juriste') === 0) {
      process.stdout.write(
        `ent-compliance : aucun jeton juriste actif dans la base ${config.databasePath} : le service juridique ne peut pas se connecter. Pour en créer un : ${howTo}\n`,
      );
    }
  } catch (e) {
    logger.error({ err: e }, 'jetons illisibles');
    process.stdout.write(`ent-compliance : jetons d'accès illisibles (${(e as Error).message}) ; pour créer un jeton juriste : ${howTo}\n`);
  }
}

function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  logger.info({ signal, inFlight: inFlight.size }, 'arrêt : plus de nouvelle connexion, fin des requêtes en cours');
  watcher?.close();
  // Each response still to be sent closes its connection once sent, so that server.close completes.
  for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
  server.close(() => {
    services.store.close();
    logger.info('arrêté : base de données fermée');
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => {
    logger.warn({ inFlight: inFlight.size }, `arrêt : requêtes encore en cours après ${SHUTDOWN_GRACE_MS / 1000} s, connexions coupées`);
    server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS).unref();
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
