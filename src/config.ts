import { basename, resolve } from 'node:path';
import { DEFAULT_BODY_LIMIT } from './limits';

/**
 * Configuration by environment, read in one place. A bad value is an error that names the
 * variable, raised at start-up rather than at the first request.
 */

type Env = Readonly<Record<string, string | undefined>>;

/** The project's folder: `src/` or `dist/src/` is one or two levels below it. */
export const PROJECT_ROOT = resolve(__dirname, basename(resolve(__dirname, '..')) === 'dist' ? '../..' : '..');

export function defaultRulesDir(env: Env = process.env, cwd: string = process.cwd()): string {
  return env.RULES_DIR ? resolve(cwd, env.RULES_DIR) : resolve(PROJECT_ROOT, 'rules');
}

export interface Config {
  host: string;
  port: number;
  databasePath: string;
  rulesDir: string;
  /** Largest document body accepted, in bytes (413 beyond). */
  bodyLimit: number;
  /** `off` only for a trial on one's own machine: every request then has every right. */
  auth: 'on' | 'off';
  /** pino's level: `fatal` … `trace`, or `silent`. */
  logLevel: LogLevel;
  /** Whether the rule sets are reloaded when a file under RULES_DIR changes. */
  rulesWatch: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** DATABASE_PATH, relative to the current folder; shared by the server and the CLI. */
export function databasePathOf(env: Env = process.env, cwd: string = process.cwd()): string {
  return resolve(cwd, env.DATABASE_PATH ?? 'data/ent-compliance.sqlite');
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable} : ${message}`);
    this.name = 'ConfigError';
  }
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 };

/** `1048576`, `512kb`, `1mb` → bytes; undefined for anything else. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+)\s*(b|kb|mb)?\s*$/i.exec(text);
  if (!m) return undefined;
  const bytes = Number(m[1]) * SIZE_UNITS[(m[2] ?? '').toLowerCase()];
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** BODY_LIMIT in bytes (src/limits.ts by default): the largest document the API, the pages and the command line read. */
export function bodyLimitOf(env: Env = process.env): number {
  if (env.BODY_LIMIT === undefined) return DEFAULT_BODY_LIMIT;
  const bodyLimit = parseSize(env.BODY_LIMIT);
  if (bodyLimit === undefined) throw new ConfigError('BODY_LIMIT', `« ${env.BODY_LIMIT} » n'est pas une taille (par exemple 1mb, 512kb ou 1048576)`);
  return bodyLimit;
}

export function readConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const rawPort = env.PORT ?? '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 0 || port > 65535) throw new ConfigError('PORT', `« ${rawPort} » n'est pas un numéro de port (0 à 65535)`);
  const host = env.HOST ?? '127.0.0.1';
  if (!host.trim()) throw new ConfigError('HOST', 'adresse vide');
  const bodyLimit = bodyLimitOf(env);
  const auth = (env.AUTH ?? 'on').trim().toLowerCase();
  if (auth !== 'on' && auth !== 'off') throw new ConfigError('AUTH', `« ${env.AUTH} » : on (par défaut) ou off`);
  const logLevel = (env.LOG_LEVEL ?? 'info').trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new ConfigError('LOG_LEVEL', `« ${env.LOG_LEVEL} » : un de ${LOG_LEVELS.join(', ')}`);
  const watch = (env.RULES_WATCH ?? '').trim();
  if (!['', '0', '1'].includes(watch))
    throw new ConfigError('RULES_WATCH', `« ${env.RULES_WATCH} » : 1 pour recharger les règles à chaque modification, 0 sinon`);
  return {
    host,
    port,
    bodyLimit,
    databasePath: databasePathOf(env, cwd),
    rulesDir: defaultRulesDir(env, cwd),
    auth,
    logLevel: logLevel as LogLevel,
    // In development the rules are edited while the server runs; RULES_WATCH=0 turns it off there too.
    rulesWatch: watch === '1' || (watch === '' && env.NODE_ENV === 'development'),
  };
}
