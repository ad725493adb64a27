import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { backupDatabase } from '../../store/backup';
import { verifyDatabase } from '../../store/verify';
import { openReadOnly } from '../../store/database';
import { parseArgs } from '../args';
import { databaseArg } from '../database';
import { openToRead, pieces } from './verify';
import { databaseProblem, errnoCode, fileProblem } from '../../wording/file-errors';
import type { Command, CommandIO } from './types';

/**
 * `backup FILE`: a consistent copy of the database while the server runs (src/store/backup.ts),
 * then the copy verified as `verify` would, so that a backup known to be broken is never taken
 * for a good one.
 */

const USAGE = `Usage : ent-compliance backup FICHIER [--database FICHIER]

Copie la base dans FICHIER, pendant que le serveur tourne (sauvegarde en ligne de SQLite : la copie
est la base à un instant donné, jamais à moitié écrite), puis vérifie la copie comme « verify ».
La copie est un seul fichier (sans -wal). FICHIER ne doit pas exister.
  --database F   la base à copier (par défaut DATABASE_PATH, sinon ./data/ent-compliance.sqlite)
Restaurer : voir « Conservation » dans le README (arrêter le serveur, remplacer la base et ses
fichiers -wal et -shm par la copie, vérifier, redémarrer).
Code de sortie : 0 copie faite et vérifiée, 1 copie faite mais le registre copié est rompu,
2 erreur d'usage, base illisible ou copie impossible.
`;

function usageError(io: CommandIO, message: string): number {
  io.stderr(`backup : ${message}\n\n${USAGE}`);
  return 2;
}

async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseArgs(args, ['database']);
  if (typeof p === 'string') return usageError(io, p);
  if (p.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (p.positional.length !== 1)
    return usageError(io, p.positional.length === 0 ? 'le fichier de la copie est attendu' : `un seul fichier de copie (reçu aussi « ${p.positional[1]} »)`);
  // Named back as the operator typed it; resolved to write it.
  const named = p.positional[0];
  const destination = resolve(io.cwd, named);
  const path = databaseArg(p, io);
  if (destination === path) return usageError(io, 'la copie ne peut pas remplacer la base elle-même');
  // Never over an existing file: it may be the only good copy.
  if (existsSync(destination)) {
    io.stderr(`backup : ${destination} existe déjà : choisissez un autre nom (une copie n'en écrase jamais une autre)\n`);
    return 2;
  }
  const db = openToRead(path);
  if (typeof db === 'string') {
    io.stderr(`backup : ${db}\n`);
    return 2;
  }
  try {
    await backupDatabase(db, destination);
  } catch (e) {
    // The copy's folder is made first, then SQLite writes the file: either may say no.
    const problem = errnoCode(e)?.startsWith('SQLITE')
      ? databaseProblem(e, named)
      : (e as NodeJS.ErrnoException).syscall === 'mkdir'
        ? fileProblem(e, dirname(named), 'create-dir')
        : fileProblem(e, named, 'write');
    io.stderr(`backup : ${problem}\n`);
    return 2;
  } finally {
    db.close();
  }
  const copy = openReadOnly(destination);
  try {
    const r = verifyDatabase(copy);
    if (!r.ok) {
      io.stdout(`copie écrite dans ${named}, mais son registre est rompu : ${r.message}\n`);
      return 1;
    }
    io.stdout(`copie écrite dans ${named} et vérifiée : registre intègre : ${pieces(r.submissions)}\ndernière empreinte : ${r.head}\n`);
    return 0;
  } finally {
    copy.close();
  }
}

export const backupCommand: Command = { name: 'backup', summary: 'copie la base pendant que le serveur tourne, puis vérifie la copie', usage: USAGE, run };
