import { Router } from 'express';
import { checkDocumentText } from '../../validation/validator';
import { HttpError, methodNotAllowed } from '../errors';
import { DOCUMENT_LIMIT, documentBody, documentFormat } from '../document-body';

/**
 * `POST /api/validate`: is this text a submission of the interchange format? The body is read as
 * text, not parsed by Express, so that errors point at lines and columns of what was sent.
 */

export function validateRoutes(limit: string | number = DOCUMENT_LIMIT): Router {
  const router = Router();
  router
    .route('/validate')
    .post(...documentBody(limit), (req, res) => {
      const text = typeof req.body === 'string' ? req.body : '';
      const result = checkDocumentText(text, documentFormat(req.get('content-type')));
      if (result.ok) {
        res.json({ valid: true });
        return;
      }
      if (result.stage === 'syntax') {
        throw new HttpError(400, 'malformed_document', `document illisible : ${result.errors[0]?.message ?? 'syntaxe invalide'}`, result.errors);
      }
      res.status(422).json({ valid: false, errors: result.errors });
    })
    .all(methodNotAllowed('POST'));
  return router;
}
