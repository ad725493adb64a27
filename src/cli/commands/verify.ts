import { MigrationError, openReadOnly, type Db } from '../../store/database';
import { verifyDatabase } from '../../store/verify';
import { parseArgs } from '../args';
import { databaseArg, missingDatabase } from '../database';
import { databaseProblem } from '../../wording/file-errors';
import type { Command, CommandIO } from './types';

/**
 * `verify`: whether the register is still what the program wrote (src/store/verify.ts). Reads
 * only, on one snapshot: it may run while the server writes.
 */

const USAGE = `Usage : ent-compliance verify [--database FICHIER]

Vérifie le registre : le texte de chaque pièce contre son empreinte SHA-256, chaque pièce et chaque
retrait contre son empreinte au registre et celle de l'entrée qui le précède (la chaîne), aucune
entrée ni ligne supprimée ou ajoutée à la main, les textes des règles conservés, les déclencheurs
qui interdisent de modifier la base. Ne modifie rien ; peut tourner pendant que le serveur écrit.
  --database F   la base (par défaut DATABASE_PATH, sinon ./data/ent-compliance.sqlite)
Affiche « registre intègre : N pièces » et l'empreinte de la dernière entrée (à noter ailleurs :
elle permet de voir plus tard qu'aucune entrée n'a été retirée de la fin), ou la première rupture.
Code de sortie : 0 registre intègre, 1 rupture trouvée, 2 erreur d'usage ou base illisible.
`;

export function pieces(n: number): string {
  return `${n} ${n > 1 ? 'pièces' : 'pièce'}`;
}

function usageError(io: CommandIO, message: string): number {
  io.stderr(`verify : ${message}\n\n${USAGE}`);
  return 2;
}

/** Opens the file to read it as it is; a French sentence when it cannot be. */
export function openToRead(path: string): Db | string {
  const missing = missingDatabase(path);
  if (missing) return missing;
  try {
    return openReadOnly(path);
  } catch (e) {
    return e instanceof MigrationError ? e.message : databaseProblem(e, path, 'illisible');
  }
}

async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseArgs(args, ['database']);
  if (typeof p === 'string') return usageError(io, p);
  if (p.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (p.positional.length > 0) return usageError(io, `argument inattendu « ${p.positional[0]} »`);
  const path = databaseArg(p, io);
  const db = openToRead(path);
  if (typeof db === 'string') {
    io.stderr(`verify : ${db}\n`);
    return 2;
  }
  try {
    const r = verifyDatabase(db);
    if (!r.ok) {
      io.stdout(`${r.message}\n`);
      return 1;
    }
    io.stdout(`registre intègre : ${pieces(r.submissions)}\n`);
    io.stdout(
      `${r.withdrawals} ${r.withdrawals > 1 ? 'retraits' : 'retrait'}, ${r.ruleSets} ${r.ruleSets > 1 ? 'versions' : 'version'} de règles ; dernière empreinte : ${r.head}\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'vérifie que le registre des pièces n’a pas été modifié (empreintes et chaîne)',
  usage: USAGE,
  run,
};
