import PDFDocument from 'pdfkit';
import type { ReportInput } from './input';
import { buildReportView } from './view';
import { formatInstant } from '../wording/format';
import { OUTCOME_WORDS, SEVERITY_WORDS } from '../wording/labels';

/**
 * The report kept with a submission as an A4 PDF, for staff who attach it to a file: the same
 * sections as the HTML report (verdict, computed values, findings article by article, articles no
 * program checks), from the STORED input — the decision, the rule texts and the instant kept with
 * the submission — never judged again. Text, not an image, so that it can be selected and searched.
 *
 * The same bytes at every download: the metadata dates are the instant the report was recorded
 * (pdfkit derives the file's ID from the metadata), the fonts are the standard PDF ones (nothing
 * embedded, nothing read from the machine), and pdfkit's output holds nothing else that varies.
 * The fingerprints printed in it: SHA-256 of the document as received, and of the HTML report.
 *
 * The standard fonts write WinAnsi (Latin-1 and a few more): the few typographic characters of the
 * wording outside it are written as their nearest equivalent.
 */

export interface PdfReportInput {
  report: ReportInput;
  /** SHA-256 of the HTML report kept with the submission, hex. */
  htmlSha256: string;
  /** When the report was recorded: the PDF's creation and modification dates. */
  storedAt: string;
}

const WINANSI_EQUIVALENTS: Record<string, string> = {
  '\u202f': '\u00a0',
  '\u2009': ' ',
  '\u2212': '-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2192': '->',
  '\u2260': '!=',
};

/** Text the standard fonts can write. */
export function pdfText(s: string): string {
  return s.replace(/[\u202f\u2009\u2212\u2264\u2265\u2192\u2260]/g, (c) => WINANSI_EQUIVALENTS[c]);
}

const MARGIN = 50;

export function renderReportPdf(input: PdfReportInput): Promise<Buffer> {
  const view = buildReportView(input.report);
  const date = new Date(input.storedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'fr-FR',
    info: {
      Title: pdfText(view.title),
      Author: 'Académie de Montpellier',
      Subject: 'Rapport de conformité — convention ENT-école',
      Creator: 'ent-compliance',
      Producer: 'ent-compliance',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const h1 = (t: string) => doc.font('Helvetica-Bold').fontSize(16).text(pdfText(t)).moveDown(0.5);
  const h2 = (t: string) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).text(pdfText(t)).moveDown(0.3);
  const h3 = (t: string) => doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11).text(pdfText(t));
  const p = (t: string, size = 10) => doc.font('Helvetica').fontSize(size).text(pdfText(t));
  const field = (label: string, value: string) =>
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(pdfText(`${label} : `), { continued: true })
      .font('Helvetica')
      .text(pdfText(value));

  h1(view.title);
  field('Commune ou RPI', `${view.dossier.name} (${view.dossier.typeWord}), SIRET ${view.dossier.siret}`);
  field('Pièce', `${view.kindName}, année scolaire ${view.schoolYear}`);
  field('Reçue le', formatInstant(view.receivedAt));
  field('Contrôlée le', formatInstant(view.checkedAt));
  if (view.submissionId) field('Identifiant de la pièce', view.submissionId);
  if (view.ruleSet) field('Jeu de règles', `${view.ruleSet.title} (${view.ruleSet.schoolYear}, ${view.ruleSet.statusWord}, version ${view.ruleSet.version})`);

  h2(`Verdict : ${view.verdict.word}`);
  p(view.verdict.explanation);
  const t = view.tally;
  p(
    `${t.total} règles appliquées : ${t.pass} conformes, ${t.fail} non conformes (dont ${t.blocking} bloquantes), ${t.review} à examiner, ${t.notApplicable} sans objet.`,
  );

  if (view.attention.length) {
    h2('Points à traiter');
    for (const a of view.attention) p(`• ${a.article} — ${a.title} : ${OUTCOME_WORDS[a.outcome]}${a.failed ? ` (${SEVERITY_WORDS[a.severity]})` : ''}`);
  }

  if (view.computed.length) {
    h2('Valeurs calculées');
    for (const c of view.computed) p(`• ${c.label} : ${c.value} (${c.explanation})`);
  }

  h2('Constats, article par article');
  for (const article of view.articles) {
    h3(article.heading);
    for (const group of article.clauses) {
      if (group.clause)
        doc
          .font('Helvetica-Oblique')
          .fontSize(9)
          .text(pdfText(`« ${group.clause} »`));
      for (const f of group.findings) {
        doc
          .font('Helvetica-Bold')
          .fontSize(10)
          .text(pdfText(`${f.title} — ${OUTCOME_WORDS[f.outcome]}${f.failed ? ` (${SEVERITY_WORDS[f.severity]})` : ''}`));
        p(f.message);
        for (const v of f.values) p(`   ${v.label} : ${v.value}${v.origin ? ` (${v.origin})` : ''}`, 9);
      }
    }
  }

  if (view.unchecked.length) {
    h2('Articles qu’aucun programme ne contrôle');
    for (const u of view.unchecked) {
      h3(u.heading);
      p(u.reason);
    }
  }

  h2('Empreintes');
  // Each on a line of its own, in a fixed-width font: copied whole, never cut by a line break.
  const hash = (label: string, hex: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(pdfText(`${label} :`));
    doc.font('Courier').fontSize(9).text(hex);
  };
  hash('SHA-256 du document reçu', view.sha256);
  hash('SHA-256 du rapport HTML conservé', input.htmlSha256);
  p(`Rapport établi à partir de la décision conservée avec la pièce le ${formatInstant(input.storedAt)}, sans nouveau contrôle.`, 9);

  doc.end();
  return done;
}
