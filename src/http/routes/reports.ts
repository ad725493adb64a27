import { Router, type ErrorRequestHandler, type Response } from 'express';
import type { Services } from '../../service/services';
import { reportFileName } from '../../reports/file-name';
import { renderReportPdf } from '../../reports/pdf';
import { HttpError, methodNotAllowed, prefersPage, sendErrorPage } from '../errors';
import { reportHeaders } from '../page-headers';
import { submissionIdParam } from '../params';

/**
 * `GET /reports/:id`: the report kept with a submission, exactly as it was rendered when the
 * submission was filed. `GET /reports/:id/download` (or `?download=1`): the same bytes as a file
 * to keep, named after the dossier, the kind and the day received
 * (`rapport-21340270400018-avenant-2020-10-10.html`). `GET /reports/:id/pdf`: the same report as an
 * A4 PDF (src/reports/pdf.ts), from the stored decision, the same bytes at every download.
 */
export function reportRoutes(services: () => Services): Router {
  const router = Router();

  function send(id: string, download: boolean, res: Response): void {
    const kept = services().dossiers.report(id);
    if (!kept) throw new HttpError(404, 'unknown_report', `aucun rapport pour la pièce « ${id} »`);
    const { html, submission: s } = kept;
    if (download) {
      // The name is ASCII by construction (digits, a slug, a date): no encoding to negotiate.
      res.attachment(reportFileName(s.siret, s.kind, s.receivedAt));
    }
    res.type('text/html; charset=utf-8').send(html);
  }

  router
    .route('/reports/:id')
    .all(reportHeaders)
    .get((req, res) => send(submissionIdParam(req.params.id), req.query.download === '1', res))
    .all(methodNotAllowed('GET'));

  router
    .route('/reports/:id/download')
    .all(reportHeaders)
    .get((req, res) => send(submissionIdParam(req.params.id), true, res))
    .all(methodNotAllowed('GET'));

  router
    .route('/reports/:id/pdf')
    .all(reportHeaders)
    .get(async (req, res) => {
      const id = submissionIdParam(req.params.id);
      const kept = services().dossiers.reportPdfInput(id);
      if (!kept) throw new HttpError(404, 'unknown_report', `aucun rapport pour la pièce « ${id} »`);
      const pdf = await renderReportPdf(kept);
      const s = kept.submission;
      res.attachment(reportFileName(s.siret, s.kind, s.receivedAt).replace(/\.html$/, '.pdf'));
      res.type('application/pdf').send(pdf);
    })
    .all(methodNotAllowed('GET'));

  router.use(reportErrors);
  return router;
}

/**
 * A report's address is followed from a page, a mail or a printed file: a person who opens one
 * that does not exist reads a page that says so; a program still gets the API's JSON error.
 */
const reportErrors: ErrorRequestHandler = (err, req, res, next) => {
  if (err instanceof HttpError && err.status < 500 && prefersPage(req)) {
    sendErrorPage(res, err);
    return;
  }
  next(err);
};
