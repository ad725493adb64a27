import { ROLE_NAMES, ROLES } from '../../auth/roles';
import { checkNewToken, TOKEN_ID, TokenStore, type TokenRecord } from '../../auth/tokens';
import { databasePathOf } from '../../config';
import { formatInstant } from '../../wording/format';
import { openDatabase } from '../../store/database';
import { parseArgs as parse } from '../args';
import { openDatabaseFile } from '../files';
import { relative } from 'node:path';
import type { Command, CommandIO } from './types';

/**
 * `token create|list|revoke`: the access tokens of the API and the pages, in the database at
 * DATABASE_PATH (the server's, by default `./data/ent-compliance.sqlite`). `create` writes the
 * new token alone on standard output, so that a script can capture it (`T=$(… token create …)`);
 * everything else goes to standard error. The token is shown this once: only its hash is kept.
 */

const USAGE = `Usage : ent-compliance token create --role ROLE [--siret SIRET] [--label TEXTE]
       ent-compliance token list [--format text|json]
       ent-compliance token revoke ID

Jetons d'accès à l'API (en-tête « Authorization: Bearer … ») et aux pages (page /connexion),
dans la base DATABASE_PATH (par défaut ./data/ent-compliance.sqlite, celle du serveur).

  create    crée un jeton et l'écrit seul sur la sortie standard ; il n'est affiché
            qu'une fois (seule son empreinte SHA-256 est conservée)
    --role ROLE      ${ROLES.join(', ')} :
                       juriste : tous les droits, rechargement des règles et retrait de pièces compris
                       lecteur : lecture de tout, contrôle sans dépôt
                       commune : dépôt, contrôle et lecture de son seul dossier
    --siret SIRET    le dossier de la commune (obligatoire pour --role commune, refusé sinon)
    --label TEXTE    qui le détient, pour s'y retrouver dans « token list »
  list      les jetons (identifiant, rôle, SIRET, libellé, dates), jamais leur valeur
  revoke    révoque le jeton d'identifiant ID : il est refusé dès la requête suivante,
            et les sessions ouvertes avec lui sont fermées
Code de sortie : 0 fait, 1 jeton inconnu ou déjà révoqué, 2 erreur d'usage ou base inutilisable.
`;

function withTokens<T>(io: CommandIO, run: (tokens: TokenStore) => T): T | number {
  const path = databasePathOf(io.env, io.cwd);
  const db = openDatabaseFile(io.cwd, io.env.DATABASE_PATH ?? relative(io.cwd, path), openDatabase);
  if ('problem' in db) {
    io.stderr(`token : ${db.problem} (variable DATABASE_PATH)\n`);
    return 2;
  }
  try {
    return run(new TokenStore(db));
  } finally {
    db.close();
  }
}

/** One token a line, its dates at Paris time as everywhere else (`--format json` keeps the instants). */
function describe(t: TokenRecord): string {
  return `${t.id}  ${t.role.padEnd(7)}  ${(t.siret ?? '-').padEnd(14)}  créé le ${formatInstant(t.createdAt)}${t.revokedAt ? `  RÉVOQUÉ le ${formatInstant(t.revokedAt)}` : ''}  ${t.label}`;
}

function create(args: string[], io: CommandIO): number {
  const p = parse(args, ['role', 'siret', 'label']);
  if (typeof p === 'string') return usageError(io, p);
  if (p.help) return help(io);
  if (p.positional.length > 0) return usageError(io, `argument inattendu « ${p.positional[0]} »`);
  const role = p.options.get('role');
  if (role === undefined) return usageError(io, `--role est obligatoire (${ROLES.join(', ')})`);
  const siret = p.options.get('siret');
  if (role === 'commune' && siret === undefined) return usageError(io, '--siret est obligatoire pour un jeton de commune');
  // The same checks as the page « Jetons d'accès »: one place says what a token may be.
  const checked = checkNewToken({ role, siret, label: p.options.get('label') });
  if (!checked.ok) return usageError(io, checked.problem.message);
  return withTokens(io, (tokens) => {
    const { token, record } = tokens.create(checked.token);
    io.stdout(`${token}\n`);
    io.stderr(
      `Jeton ${record.id} créé : ${ROLE_NAMES[record.role]}${record.siret ? `, SIRET ${record.siret}` : ''}. Conservez-le maintenant : il ne sera plus affiché.\n`,
    );
    return 0;
  });
}

function list(args: string[], io: CommandIO): number {
  const p = parse(args, ['format']);
  if (typeof p === 'string') return usageError(io, p);
  if (p.help) return help(io);
  if (p.positional.length > 0) return usageError(io, `argument inattendu « ${p.positional[0]} »`);
  const format = p.options.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(io, `format inconnu « ${format} » (text ou json)`);
  return withTokens(io, (tokens) => {
    const all = tokens.list();
    if (format === 'json') for (const t of all) io.stdout(`${JSON.stringify(t)}\n`);
    else if (all.length === 0) io.stderr('aucun jeton\n');
    else {
      for (const t of all) io.stdout(`${describe(t)}\n`);
      io.stderr('(dates à l’heure de Paris)\n');
    }
    return 0;
  });
}

function revoke(args: string[], io: CommandIO): number {
  const p = parse(args, []);
  if (typeof p === 'string') return usageError(io, p);
  if (p.help) return help(io);
  if (p.positional.length !== 1) return usageError(io, 'un identifiant de jeton attendu (voir « token list »)');
  const id = p.positional[0];
  if (!TOKEN_ID.test(id)) return usageError(io, `identifiant mal formé « ${id.slice(0, 40)} » : 12 chiffres hexadécimaux (voir « token list »)`);
  return withTokens(io, (tokens) => {
    const r = tokens.revoke(id);
    if (r.ok) {
      io.stderr(`Jeton ${id} révoqué le ${formatInstant(r.token.revokedAt ?? '')} (heure de Paris).\n`);
      return 0;
    }
    if (r.reason === 'already_revoked') io.stderr(`token : le jeton ${id} est déjà révoqué (le ${formatInstant(r.token.revokedAt ?? '')}, heure de Paris)\n`);
    else io.stderr(`token : aucun jeton ${id}\n`);
    return 1;
  });
}

function help(io: CommandIO): number {
  io.stdout(USAGE);
  return 0;
}

function usageError(io: CommandIO, message: string): number {
  io.stderr(`token : ${message}\n\n${USAGE}`);
  return 2;
}

const SUBCOMMANDS: Record<string, (args: string[], io: CommandIO) => number> = { create, list, revoke };

export const tokenCommand: Command = {
  name: 'token',
  summary: "crée, liste ou révoque les jetons d'accès à l'API et aux pages",
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === undefined) return usageError(io, 'sous-commande attendue : create, list ou revoke');
    if (sub === '-h' || sub === '--help') return help(io);
    const run = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!run) return usageError(io, `sous-commande inconnue « ${sub} » (create, list ou revoke)`);
    return run(rest, io);
  },
};
