import { defaultRulesDir, type Config } from '../config';
import { RuleEditor } from './rule-editor';
import { buildRegistry, type RuleRegistry } from '../rules/registry';
import { Store, type StoreOptions } from '../store/store';
import { DossierService, type ServiceOptions } from './dossier-service';
import { TokenStore } from '../auth/tokens';
import { reloadRegistry, type ReloadOutcome } from '../rules/reload';

/**
 * What the server works with: the rule sets (linted and compiled once), the store and the dossier
 * service over both. Built from the configuration by the entry point, or handed ready-made by tests.
 */
export interface Services {
  registry: RuleRegistry;
  store: Store;
  dossiers: DossierService;
  /** The API tokens, in the same database. */
  tokens: TokenStore;
  /** Where the rule sets were read from, to read them again (POST /api/rules/reload); the project's `rules/` when absent. */
  rulesDir?: string;
}

export function createServices(store: Store, registry: RuleRegistry, options: ServiceOptions = {}): Services {
  return { registry, store, dossiers: new DossierService(store, registry, options), tokens: new TokenStore(store.db, options.now) };
}

/** Opens the database at DATABASE_PATH (creating its folder and migrating it) and reads RULES_DIR. */
export function openServices(config: Pick<Config, 'databasePath' | 'rulesDir'>, options: StoreOptions & ServiceOptions = {}): Services {
  const registry = buildRegistry(config.rulesDir);
  return { ...createServices(Store.open(config.databasePath, options), registry, options), rulesDir: config.rulesDir };
}

const editors = new WeakMap<RuleRegistry, RuleEditor>();

/**
 * The editor of the rule sets' folders over these services: one per registry, so that its queue
 * of saves is the one every route and page goes through.
 */
export function ruleEditorOf(services: Services): RuleEditor {
  let editor = editors.get(services.registry);
  if (!editor) {
    editor = new RuleEditor(services.store, services.registry, services.rulesDir ?? defaultRulesDir(), services.dossiers.now);
    editors.set(services.registry, editor);
  }
  return editor;
}

/**
 * Reads the rule sets again from where they were read (POST /api/rules/reload, the button of the
 * page « Règles »): what lints serves from now on, what fails keeps its previous version serving.
 */
export function reloadRules(services: Services): ReloadOutcome {
  const outcome = reloadRegistry(services.registry, services.rulesDir ?? defaultRulesDir());
  // What now serves is kept among the versions of its year, whoever changed the files.
  ruleEditorOf(services).recordLoaded();
  return outcome;
}
