import { Router } from 'express';
import type { Services } from '../../service/services';
import { HttpError, methodNotAllowed } from '../errors';
import { requestPrincipal } from '../middleware/authenticate';
import { assertMayFileFor } from '../middleware/authorize';
import { links } from '../links';
import { submissionIdParam } from '../params';
import { submissionOf } from '../document-body';
import { rulesVerdictBody, schemaVerdictBody, submissionBody } from '../views';
import { documentBody } from '../document-body';

/**
 * `POST /api/submissions`: judge a document and keep it in its dossier.
 *   201 accepted (Location: the stored submission), 422 rejected by the rules (kept, with its
 *   report, the dossier unchanged), 422 rejected by the schema (nothing kept), 400 unreadable.
 * `GET /api/submissions/:id`: the stored submission; `GET /api/submissions/:id/raw`: its text as received.
 */
export function submissionRoutes(services: () => Services, bodyLimit: string | number): Router {
  const router = Router();

  router
    .route('/submissions')
    .post(...documentBody(bodyLimit), async (req, res) => {
      const incoming = submissionOf(req);
      if (!incoming.ok) {
        res.status(422).json(schemaVerdictBody(incoming.errors));
        return;
      }
      assertMayFileFor(requestPrincipal(res), incoming.submission.party.siret);
      const { result, stored } = await services().dossiers.submit(incoming);
      if (result.status === 'accepted') res.status(201).location(links.submission(stored.id));
      else res.status(422);
      res.json(rulesVerdictBody(result, stored.siret, stored));
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/submissions/:id')
    .get((req, res) => {
      const stored = services().dossiers.submission(submissionIdParam(req.params.id));
      if (!stored) throw new HttpError(404, 'unknown_submission', `aucune pièce « ${req.params.id} »`);
      res.json(submissionBody(stored));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/submissions/:id/raw')
    .get((req, res) => {
      const stored = services().dossiers.submission(submissionIdParam(req.params.id));
      if (!stored) throw new HttpError(404, 'unknown_submission', `aucune pièce « ${req.params.id} »`);
      // Sent back as text of its own type: a browser shows it, never runs it.
      res.set('X-Content-Type-Options', 'nosniff');
      res.type(`${stored.contentType}; charset=utf-8`).send(stored.rawText);
    })
    .all(methodNotAllowed('GET'));

  return router;
}
