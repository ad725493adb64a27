import { Router } from 'express';
import type { Services } from '../../services';
import { HttpError, methodNotAllowed } from '../errors';
import { submissionIdParam } from '../params';

/** `GET /reports/:id`: the report kept with a submission, as the HTML page it was rendered to. */
export function reportRoutes(services: () => Services): Router {
  const router = Router();
  router
    .route('/reports/:id')
    .get((req, res) => {
      const id = submissionIdParam(req.params.id);
      const html = services().store.report(id);
      if (html === undefined) throw new HttpError(404, 'unknown_report', `aucun rapport pour la pièce « ${id} »`);
      res.type('text/html; charset=utf-8').send(html);
    })
    .all(methodNotAllowed('GET'));
  return router;
}
