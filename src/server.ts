import { createServer } from 'node:http';
import { ConfigError, readConfig, type Config } from './config';
import { createApp } from './http/app';
import { buildRegistry, type RuleRegistry } from './rules/registry';
import { Store } from './store/store';
import { createServices } from './services';

/** `npm start`: the HTTP API on HOST:PORT (127.0.0.1:3000 unless told otherwise). */

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

// Read and opened before listening, so that unreadable rules or a database that cannot be opened
// or migrated stop the start, with the variable to look at, rather than fail the first request.
let registry: RuleRegistry;
try {
  registry = buildRegistry(config.rulesDir);
} catch (e) {
  fail(`règles illisibles dans ${config.rulesDir} : ${(e as Error).message} (variable RULES_DIR)`, 1);
}
for (const f of registry.failures) process.stderr.write(`ent-compliance : jeu de règles « ${f.name} » écarté : ${f.errors.length} erreur(s) de relecture\n`);
let store: Store;
try {
  store = Store.open(config.databasePath);
} catch (e) {
  fail(`base de données ${config.databasePath} inutilisable : ${(e as Error).message} (variable DATABASE_PATH)`, 1);
}
const services = createServices(store, registry);

const server = createServer(createApp({ services, config }));

server.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EADDRINUSE') fail(`le port ${config.port} est déjà utilisé sur ${config.host} (variable PORT)`, 1);
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') fail(`adresse ${config.host} indisponible sur cette machine (variable HOST)`, 1);
  if (e.code === 'EACCES') fail(`droit refusé d'écouter sur ${config.host}:${config.port} (variables HOST et PORT)`, 1);
  fail(`écoute impossible : ${e.message}`, 1);
});

server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  process.stdout.write(`ent-compliance : à l'écoute sur http://${host}:${port}\n`);
});

function stop(): void {
  server.close(() => {
    services.store.close();
    process.exit(0);
  });
  server.closeAllConnections();
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
