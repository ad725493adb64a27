import type { ReportInput, SchemaReportInput } from '../reports/input';
import { renderTemplate } from '../reports/templates';
import { buildReportView, buildSchemaReportView } from '../reports/view';
import { KIND_NAMES } from '../wording/labels';
import { pageMeta, PAGE_LINKS } from './page';

/**
 * Checking or filing a document through the browser: the form (a file or pasted text, and the
 * choice between « contrôler », which keeps nothing, and « déposer », which files it in its
 * dossier); the page of a document refused by the schema, its errors by field, with the form
 * filled again to correct it; and the page of a check's verdict, the report itself.
 */

export type SubmitAction = 'controler' | 'deposer';

/** A problem with the form itself (nothing sent, both a file and a text…), attached to a field. */
export interface FormProblem {
  field: 'fichier' | 'texte' | 'action';
  message: string;
}

export interface SubmitFormState {
  /** The text to put back in the text area: what was pasted, or the file's content. */
  text: string;
  action: SubmitAction;
  problems: FormProblem[];
}

export const EMPTY_FORM: SubmitFormState = { text: '', action: 'controler', problems: [] };

function formView(state: SubmitFormState) {
  const problemOf = (field: FormProblem['field']) => state.problems.find((p) => p.field === field)?.message ?? null;
  return {
    text: state.text,
    checkChosen: state.action === 'controler',
    fileChosen: state.action === 'deposer',
    problems: state.problems.map((p) => ({ ...p, href: `#${p.field === 'action' ? 'action-controler' : p.field}` })),
    fileProblem: problemOf('fichier'),
    textProblem: problemOf('texte'),
    actionProblem: problemOf('action'),
  };
}

export function renderSubmitPage(state: SubmitFormState = EMPTY_FORM): string {
  return renderTemplate('pages/submit', {
    page: pageMeta(
      state.problems.length ? 'Erreur : contrôler ou déposer une pièce' : 'Contrôler ou déposer une pièce',
      'controle',
      false,
      [],
      'Contrôler ou déposer une pièce',
    ),
    form: formView(state),
  });
}

/** A document that is not JSON/YAML or not of the interchange format: its errors by field, then the form to correct it. */
export function renderSchemaErrorsPage(input: SchemaReportInput, state: SubmitFormState): string {
  const report = buildSchemaReportView(input);
  return renderTemplate('pages/schema-errors', {
    page: pageMeta(report.title, 'controle', true, [{ label: 'Contrôler ou déposer une pièce', url: PAGE_LINKS.submit() }], 'Pièce refusée'),
    report,
    form: formView(state),
  });
}

export interface ResultPageData {
  report: ReportInput;
  /** Whether the dossier holds anything yet: a check for a new commune has no dossier to link to. */
  dossierExists: boolean;
}

/** The verdict of a check, which keeps nothing, as a page: the report. (A deposit leads to the page of what was filed: piece.ts.) */
export function renderResultPage(data: ResultPageData): string {
  const report = buildReportView(data.report);
  return renderTemplate('pages/result', {
    page: pageMeta(
      `${report.verdict.word} — ${KIND_NAMES[data.report.submission.kind]} ${data.report.submission.schoolYear} (contrôle)`,
      'controle',
      true,
      [{ label: 'Contrôler ou déposer une pièce', url: PAGE_LINKS.submit() }],
      'Résultat du contrôle',
    ),
    report,
    dossierUrl: data.dossierExists ? PAGE_LINKS.dossier(data.report.dossier.siret) : null,
    submitUrl: PAGE_LINKS.submit(),
  });
}
