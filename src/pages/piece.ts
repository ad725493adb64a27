import type { IsoDate, School } from '../domain/submission';
import type { MainFinding, VerdictCode } from '../domain/verdict';
import type { ReportInput } from '../reports/input';
import type { AccountChanges } from '../dossier/withdrawal';
import { MAX_REASON_LENGTH } from '../dossier/withdrawal';
import type { ChainLink, Withdrawal } from '../store/types';
import { renderTemplate } from '../reports/templates';
import { buildReportView } from '../reports/view';
import { formatEuros } from '../wording/format';
import { kindLabel, SCHOOL_TYPE_WORDS } from '../wording/labels';
import { lineDocumentDate, lineVerdict, pageMeta, PAGE_LINKS } from './page';

/**
 * A filed submission's page: where the deposit form leads (POST → redirect → GET, so that a
 * refresh deposits nothing again), and where every list links. It says whether the document was
 * just filed or was there already, whether it was withdrawn (when, by whom, why), and shows its
 * report as kept — rendered from what was stored with it, not from today's rules or clock. A
 * juriste finds there the way to withdraw it: a confirmation page that says first what changes.
 */

export interface PieceFacts {
  id: string;
  siret: string;
  dossierName: string;
  kind: ReportInput['submission']['kind'];
  schoolYear: string;
  receivedAt: string;
  /** The document's own date: signature, transmission… (contract/document-date.ts). */
  documentDate: IsoDate;
  status: 'accepted' | 'rejected';
  verdict: VerdictCode;
  /** The finding said beside the verdict; null for « Conforme ». */
  mainFinding: MainFinding | null;
  withdrawal: Withdrawal | null;
  chain: ChainLink | null;
}

export interface PiecePageData {
  piece: PieceFacts;
  report: ReportInput;
  /** How the visitor came: from a deposit that kept it now, from one that found it already there, or not from a deposit. */
  deposit: 'stored' | 'duplicate' | null;
  /** Whether the visitor may withdraw it (a juriste), and it is not withdrawn yet. */
  mayWithdraw: boolean;
}

function common(p: PieceFacts) {
  return {
    kindLabel: kindLabel(p.kind),
    schoolYear: p.schoolYear,
    dossierName: p.dossierName,
    siret: p.siret,
    receivedAt: p.receivedAt,
    documentDateWords: lineDocumentDate(p),
    verdict: lineVerdict(p),
    withdrawal: p.withdrawal,
    pieceUrl: PAGE_LINKS.piece(p.id),
    dossierUrl: PAGE_LINKS.dossier(p.siret),
  };
}

export function renderPiecePage(data: PiecePageData): string {
  const p = data.piece;
  const report = buildReportView(data.report);
  return renderTemplate('pages/piece', {
    page: pageMeta(
      `${kindLabel(p.kind)} ${p.schoolYear} — ${p.dossierName}`,
      'dossiers',
      true,
      [
        { label: 'Dossiers', url: PAGE_LINKS.dossiers() },
        { label: p.dossierName, url: PAGE_LINKS.dossier(p.siret) },
      ],
      `${kindLabel(p.kind)} ${p.schoolYear}`,
    ),
    ...common(p),
    stored: data.deposit === 'stored',
    duplicate: data.deposit === 'duplicate',
    chain: p.chain,
    reportUrl: PAGE_LINKS.report(p.id),
    downloadUrl: PAGE_LINKS.reportDownload(p.id),
    pdfUrl: PAGE_LINKS.reportPdf(p.id),
    withdrawUrl: data.mayWithdraw && !p.withdrawal ? PAGE_LINKS.withdrawal(p.id) : null,
    report,
  });
}

export interface WithdrawalPageData {
  piece: PieceFacts;
  changes: AccountChanges;
  judgedWithIt: number;
  /** The reason as typed, to put back in the field with its problem. */
  reason: string;
  problem: string | null;
}

function count(n: number | null): string {
  return n === null ? '—' : String(n);
}

function euros(n: number | null): string {
  return n === null ? '—' : formatEuros(n);
}

function beforeAfter(before: string, after: string): string {
  return before === after ? `${after} (inchangé)` : `${before} → ${after}`;
}

function schoolWords(s: School): string {
  return `${s.uai} — ${SCHOOL_TYPE_WORDS[s.type] ?? s.type}${s.name ? ` ${s.name}` : ''}, ${s.commune}`;
}

export function renderWithdrawalPage(data: WithdrawalPageData): string {
  const p = data.piece;
  const c = data.changes;
  const noChange =
    p.status === 'rejected'
      ? 'Cette pièce a été rejetée : elle ne compte pas dans l’état du dossier. Son retrait ne change ni la convention, ni les écoles inscrites, ni les sommes dues.'
      : 'Son retrait ne change ni l’état de la convention, ni les écoles inscrites, ni les sommes dues.';
  return renderTemplate('pages/withdrawal', {
    page: pageMeta(
      `${data.problem ? 'Erreur : r' : 'R'}etirer ${kindLabel(p.kind).toLowerCase()} ${p.schoolYear} — ${p.dossierName}`,
      'dossiers',
      false,
      [
        { label: 'Dossiers', url: PAGE_LINKS.dossiers() },
        { label: p.dossierName, url: PAGE_LINKS.dossier(p.siret) },
        { label: `${kindLabel(p.kind)} ${p.schoolYear}`, url: PAGE_LINKS.piece(p.id) },
      ],
      'Retrait',
    ),
    ...common(p),
    changed: c.changed,
    noChange,
    state: beforeAfter(c.stateBefore, c.stateAfter),
    years: c.years.map((y) => ({
      schoolYear: y.schoolYear,
      schools: beforeAfter(count(y.schoolCountBefore), count(y.schoolCountAfter)),
      amount: beforeAfter(euros(y.amountBefore), euros(y.amountAfter)),
      explanation: y.explanationAfter ?? '—',
      leaving: y.leaving.map(schoolWords),
      joining: y.joining.map(schoolWords),
    })),
    judgedWithIt: data.judgedWithIt,
    actionUrl: PAGE_LINKS.withdrawal(p.id),
    reason: data.reason,
    problem: data.problem,
    maxLength: MAX_REASON_LENGTH,
  });
}
