import type { School } from '../domain/submission';
import type { DossierAccount } from './account';

/**
 * What withdrawing a submission changes in its dossier, said before it is done (the confirmation
 * page, the CLI): the convention's state, and for each school year the schools enrolled and what
 * is owed, before and after. Both accounts come from `dossierAccount`, with and without the
 * submission; this only lines them up. Pure.
 */

/** A juriste's reason is kept for ever with the withdrawal and shown wherever it is: one paragraph or a few. */
export const MAX_REASON_LENGTH = 1000;

// eslint-disable-next-line no-control-regex -- control characters (but the line end) are exactly what a reason kept for ever must not hold
const CONTROL_CHARACTER = /[\u0000-\u0009\u000b-\u001f\u007f]/;

export type ReasonCheck = { ok: true; reason: string } | { ok: false; message: string };

/** The reason as kept: trimmed, line ends made `\n`; refused when absent, empty, too long or with control characters. */
export function checkReason(value: unknown): ReasonCheck {
  if (typeof value !== 'string') return { ok: false, message: 'le motif du retrait est obligatoire (champ « reason », un texte)' };
  const reason = value.replace(/\r\n?/g, '\n').trim();
  if (reason === '') return { ok: false, message: 'le motif du retrait est obligatoire : dites pourquoi la pièce est retirée' };
  if (reason.length > MAX_REASON_LENGTH) return { ok: false, message: `le motif du retrait dépasse ${MAX_REASON_LENGTH} caractères (${reason.length})` };
  if (CONTROL_CHARACTER.test(reason)) return { ok: false, message: 'le motif du retrait contient des caractères de contrôle' };
  return { ok: true, reason };
}

export interface YearChange {
  schoolYear: string;
  /** Null when the year is not in the account on that side (no convention, no rules for it). */
  schoolCountBefore: number | null;
  schoolCountAfter: number | null;
  amountBefore: number | null;
  amountAfter: number | null;
  /** Schools enrolled before and no longer after, and the other way round. */
  leaving: School[];
  joining: School[];
  /** Why the amount after is owed (article), as the account says it. */
  explanationAfter: string | null;
  changed: boolean;
}

export interface AccountChanges {
  stateBefore: string;
  stateAfter: string;
  years: YearChange[];
  /** Whether anything at all changes: false for a rejected submission, which never counted. */
  changed: boolean;
}

function byUai(schools: readonly School[]): Map<string, School> {
  return new Map(schools.map((s) => [s.uai, s]));
}

export function accountChanges(before: DossierAccount, after: DossierAccount): AccountChanges {
  const years = [...new Set([...before.dues.map((d) => d.schoolYear), ...after.dues.map((d) => d.schoolYear)])].sort();
  const changes = years.map((schoolYear): YearChange => {
    const b = before.dues.find((d) => d.schoolYear === schoolYear);
    const a = after.dues.find((d) => d.schoolYear === schoolYear);
    const was = byUai(b?.schools ?? []);
    const is = byUai(a?.schools ?? []);
    const leaving = [...was.values()].filter((s) => !is.has(s.uai));
    const joining = [...is.values()].filter((s) => !was.has(s.uai));
    return {
      schoolYear,
      schoolCountBefore: b?.schoolCount ?? null,
      schoolCountAfter: a?.schoolCount ?? null,
      amountBefore: b?.amount ?? null,
      amountAfter: a?.amount ?? null,
      leaving,
      joining,
      explanationAfter: a?.explanation ?? null,
      changed: b?.schoolCount !== a?.schoolCount || b?.amount !== a?.amount || leaving.length > 0 || joining.length > 0 || b?.explanation !== a?.explanation,
    };
  });
  const stateBefore = before.state.label;
  const stateAfter = after.state.label;
  return { stateBefore, stateAfter, years: changes, changed: stateBefore !== stateAfter || changes.some((c) => c.changed) };
}
