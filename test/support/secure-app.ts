import type { Express } from 'express';
import { createApp } from '../../src/http/app';
import { SessionStore } from '../../src/auth/sessions';
import type { Role } from '../../src/auth/roles';
import { buildRegistry } from '../../src/rules/registry';
import { createServices, type Services } from '../../src/service/services';
import { Store } from '../../src/store/store';
import { COMMUNES, RULES_DIR, SIRET, tempDir } from './api-fixtures';
import { projectRegistry } from './api-app';

/** The app with authentication on, over a fresh database, and a token of each role. */

export const OTHER_SIRET = COMMUNES.montpellier.siret;

export interface SecureApp {
  app: Express;
  services: Services;
  sessions: SessionStore;
  faults: unknown[];
  tokens: Record<Role | 'otherCommune', string>;
  /** Makes another token (to revoke it, say). */
  token(role: Role, siret?: string): { token: string; id: string };
  close(): void;
}

export interface SecureAppOptions {
  now?: () => Date;
  /** Rule sets read from this folder (copied from the project's, to change them); the project's by default. */
  rulesDir?: string;
}

export function secureApp(options: SecureAppOptions = {}): SecureApp {
  const tmp = tempDir();
  const store = Store.open(tmp.dbPath);
  const registry = options.rulesDir ? buildRegistry(options.rulesDir) : projectRegistry();
  const services: Services = { ...createServices(store, registry, { now: options.now }), rulesDir: options.rulesDir ?? RULES_DIR };
  const sessions = new SessionStore();
  const faults: unknown[] = [];
  const app = createApp({ services, auth: 'on', sessions, onFault: (e) => faults.push(e) });
  const token = (role: Role, siret?: string) => {
    const made = services.tokens.create({ role, siret: siret ?? null, label: `essai ${role}` });
    return { token: made.token, id: made.record.id };
  };
  return {
    app,
    services,
    sessions,
    faults,
    tokens: {
      juriste: token('juriste').token,
      lecteur: token('lecteur').token,
      commune: token('commune', SIRET).token,
      otherCommune: token('commune', OTHER_SIRET).token,
    },
    token,
    close() {
      store.close();
      tmp.cleanup();
    },
  };
}
