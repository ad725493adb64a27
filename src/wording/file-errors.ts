import { dirname } from 'node:path';

/**
 * A file or a folder the command line cannot read, write or create, said in French. The system's
 * codes (`ENOENT`, `EACCES`…) mean nothing to the legal staff who run the commands: each is
 * turned into what to check, with the path as they typed it.
 */

/** What the command was doing with the path. */
export type FileAction = 'read' | 'read-dir' | 'write' | 'create-dir';

const VERBS: Record<FileAction, string> = {
  read: 'lecture impossible de',
  'read-dir': 'lecture impossible du dossier',
  write: 'écriture impossible de',
  'create-dir': 'création impossible du dossier',
};

const REFUSED: Record<FileAction, string> = {
  read: 'lecture refusée',
  'read-dir': 'lecture refusée',
  write: 'écriture refusée',
  'create-dir': 'création refusée',
};

/** The error's system code, when it has one. */
export function errnoCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * `shown` is the path as the person gave it (relative stays relative). A code not foreseen here
 * keeps its system name, after the French words, so that it can still be looked up.
 */
export function fileProblem(e: unknown, shown: string, action: FileAction): string {
  const code = errnoCode(e);
  switch (code) {
    case 'ENOENT':
      if (action === 'read') return `fichier introuvable : ${shown}`;
      if (action === 'read-dir') return `dossier introuvable : ${shown}`;
      return `dossier inexistant : le dossier où écrire ${shown} n’existe pas`;
    case 'ENOTDIR':
      return `chemin impossible : ${shown} passe par un fichier comme s’il était un dossier`;
    case 'EISDIR':
      return action === 'write' ? `${shown} est un dossier : donnez un nom de fichier` : `${shown} est un dossier, pas un fichier`;
    case 'EEXIST':
      return `${shown} existe déjà et n’est pas un dossier`;
    case 'EACCES':
    case 'EPERM':
      return `${REFUSED[action]} : ${shown} (droits insuffisants)`;
    case 'EROFS':
      return `${VERBS[action]} ${shown} : le disque est en lecture seule`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${VERBS[action]} ${shown} : plus de place sur le disque`;
    case 'ENAMETOOLONG':
      return `${VERBS[action]} ${shown} : nom de fichier trop long`;
    case 'ELOOP':
      return `${VERBS[action]} ${shown} : les liens symboliques du chemin tournent en rond`;
    case 'EMFILE':
    case 'ENFILE':
      return `${VERBS[action]} ${shown} : trop de fichiers ouverts sur ce poste`;
    case 'EBUSY':
      return `${VERBS[action]} ${shown} : fichier occupé par un autre programme`;
    case 'EIO':
      return `${VERBS[action]} ${shown} : erreur du disque`;
    default:
      return `${VERBS[action]} ${shown}${code ? ` (erreur du système ${code})` : ''}`;
  }
}

/**
 * A database file that cannot be opened: SQLite's own codes (better-sqlite3 puts them in `code`),
 * a migration refused (already in French), or the folder it should be created in.
 */
export function databaseProblem(e: unknown, shown: string, state: 'inutilisable' | 'illisible' = 'inutilisable'): string {
  // « illisible » for a command that only reads the database (verify), « inutilisable » otherwise.
  const unusable = `base de données ${shown} ${state}`;
  const code = errnoCode(e);
  switch (code) {
    case 'SQLITE_NOTADB':
      return `${unusable} : ce fichier n’est pas une base SQLite`;
    case 'SQLITE_CANTOPEN':
      return `${unusable} : impossible de l’ouvrir (dossier inexistant ou inaccessible)`;
    case 'SQLITE_READONLY':
      return `${unusable} : elle est en lecture seule`;
    case 'SQLITE_CORRUPT':
      return `${unusable} : elle est endommagée`;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return `${unusable} : occupée par un autre programme, réessayez dans un instant`;
    case 'SQLITE_FULL':
      return `${unusable} : plus de place sur le disque`;
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return `${unusable} : accès refusé (droits insuffisants)`;
  }
  if (code?.startsWith('SQLITE')) return `${unusable} (erreur SQLite ${code})`;
  // The folder of a new database is created first: a code of the file system is about that folder.
  if (code) return `${unusable} : ${fileProblem(e, dirname(shown), 'create-dir')}`;
  // A MigrationError or another message of ours, already in French.
  return `${unusable} : ${(e as Error).message}`;
}
