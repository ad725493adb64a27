import { defaultRulesDir } from '../../config';
import { checkReason } from '../../dossier/withdrawal';
import type { AccountChanges } from '../../dossier/withdrawal';
import { openServices, type Services } from '../../service/services';
import { isSubmissionId } from '../../store/ids';
import { formatEuros, formatInstant } from '../../wording/format';
import { parseArgs } from '../args';
import { databaseArg, missingDatabase } from '../database';
import { databaseProblem } from '../../wording/file-errors';
import type { Command, CommandIO } from './types';

/**
 * `withdraw ID --reason TEXTE`: what a juriste does from the page of a submission, for a server's
 * operator: the submission stays, with its report, marked withdrawn; its dossier's state and dues
 * are computed without it from then on. Prints what changed.
 */

const USAGE = `Usage : ent-compliance withdraw ID --reason TEXTE [--by NOM] [--database FICHIER]

Retire du dossier une pièce déposée par erreur (mauvais dossier, mauvais fichier) : la pièce et
son rapport restent conservés, marqués « retirée le … par … : motif », mais l'état du dossier et
les sommes dues sont calculés sans elle. Le retrait est définitif et inscrit au registre.
  ID                l'identifiant de la pièce (celui de GET /api/submissions/ID)
  --reason TEXTE    le motif, obligatoire (1 000 caractères au plus)
  --by NOM          qui retire la pièce ; par défaut « ligne de commande (utilisateur) »
  --database F      la base (par défaut DATABASE_PATH, sinon ./data/ent-compliance.sqlite)
Les règles sont lues dans RULES_DIR, pour dire ce que le retrait change.
Code de sortie : 0 retirée, 1 pièce inconnue ou déjà retirée, 2 erreur d'usage ou base inutilisable.
`;

// eslint-disable-next-line no-control-regex -- control characters are exactly what an author's name must not hold
const CONTROL_CHARACTER = /[\u0000-\u001f]/;

function usageError(io: CommandIO, message: string): number {
  io.stderr(`withdraw : ${message}\n\n${USAGE}`);
  return 2;
}

function orDash<T>(v: T | null, f: (x: T) => string): string {
  return v === null ? '—' : f(v);
}

/** What changed, one line per school year that did. */
export function changesLines(c: AccountChanges): string[] {
  if (!c.changed) return ['  Rien ne change dans l’état du dossier, les écoles inscrites ni les sommes dues.'];
  const lines: string[] = [];
  if (c.stateBefore !== c.stateAfter) lines.push(`  Convention : ${c.stateBefore} → ${c.stateAfter}`);
  for (const y of c.years.filter((x) => x.changed)) {
    const schools = `${orDash(y.schoolCountBefore, String)} → ${orDash(y.schoolCountAfter, String)}`;
    const amount = `${orDash(y.amountBefore, formatEuros)} → ${orDash(y.amountAfter, formatEuros)}`;
    lines.push(`  ${y.schoolYear} : écoles inscrites ${schools} ; montant dû ${amount}`);
    for (const s of y.leaving) lines.push(`    n'est plus inscrite : ${s.uai}${s.name ? ` ${s.name}` : ''}, ${s.commune}`);
    for (const s of y.joining) lines.push(`    de nouveau inscrite : ${s.uai}${s.name ? ` ${s.name}` : ''}, ${s.commune}`);
  }
  return lines;
}

async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseArgs(args, ['reason', 'by', 'database']);
  if (typeof p === 'string') return usageError(io, p);
  if (p.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (p.positional.length !== 1)
    return usageError(
      io,
      p.positional.length === 0 ? "l'identifiant de la pièce est attendu" : `un seul identifiant à la fois (reçu aussi « ${p.positional[1]} »)`,
    );
  const id = p.positional[0];
  if (!isSubmissionId(id))
    return usageError(io, `identifiant mal formé « ${id.slice(0, 40)} » : un identifiant de pièce ressemble à 6f1c2b9e-8a4d-4f2e-9b1a-0c3d5e7f9a1b`);
  const reason = checkReason(p.options.get('reason'));
  if (!reason.ok) return usageError(io, reason.message.replace('(champ « reason », un texte)', '(--reason)'));
  const user = io.env.USER ?? io.env.LOGNAME;
  const author = p.options.get('by')?.trim() || `ligne de commande${user ? ` (${user})` : ''}`;
  if (author.length > 200 || CONTROL_CHARACTER.test(author)) return usageError(io, '--by : 200 caractères au plus, sans caractère de contrôle');
  const path = databaseArg(p, io);
  const missing = missingDatabase(path);
  if (missing) {
    io.stderr(`withdraw : ${missing}\n`);
    return 2;
  }
  let services: Services;
  try {
    services = openServices({ databasePath: path, rulesDir: defaultRulesDir(io.env, io.cwd) });
  } catch (e) {
    io.stderr(`withdraw : ${databaseProblem(e, path)}\n`);
    return 2;
  }
  try {
    const r = await services.dossiers.withdraw({ submissionId: id, reason: reason.reason, author, tokenId: null });
    if (!r.ok && r.reason === 'unknown_submission') {
      io.stderr(`withdraw : aucune pièce ${id} dans ${path}\n`);
      return 1;
    }
    if (!r.ok) {
      const w = r.withdrawal;
      io.stderr(`withdraw : la pièce ${id} est déjà retirée (le ${formatInstant(w.withdrawnAt)} par ${w.author} : ${w.reason})\n`);
      return 1;
    }
    const w = r.withdrawal;
    io.stdout(`Pièce ${id} retirée le ${formatInstant(w.withdrawnAt)} par ${w.author} : ${w.reason}\n`);
    io.stdout(`Dossier ${r.submission.siret} (${r.submission.partyName}) :\n${changesLines(r.changes).join('\n')}\n`);
    io.stdout(`Registre : entrée n° ${r.entry.position}, empreinte ${r.entry.sha256}\n`);
    return 0;
  } finally {
    services.store.close();
  }
}

export const withdrawCommand: Command = {
  name: 'withdraw',
  summary: 'retire du dossier une pièce déposée par erreur (elle reste conservée, marquée)',
  usage: USAGE,
  run,
};
