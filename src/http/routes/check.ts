import type { IRoute } from 'express';
import { sendJson } from '../answer';
import type { Services } from '../../service/services';
import { methodNotAllowed } from '../errors';
import { requestPrincipal } from '../middleware/authenticate';
import { assertMayFileFor } from '../middleware/authorize';
import { submissionOf } from '../document-body';
import { rulesVerdictBody, schemaVerdictBody } from '../views';
import { documentBody } from '../document-body';

/**
 * `POST /api/check`: what `POST /api/submissions` would decide now, against the stored dossier,
 * keeping nothing. The check itself succeeded whatever the verdict, so it answers 200 with the
 * verdict's body (`stage` `schema` or `rules`); 400 only when the text cannot be read.
 */
export const CHECK_PATH = '/api/check';

/**
 * Registered on the app itself, ahead of the `/api` router (see app.ts): the busiest route of the
 * API reached through one layer rather than a prefix router and a router of its own.
 */
export function checkRoute(target: { route(path: string): IRoute }, services: () => Services, bodyLimit: string | number): void {
  target
    .route(CHECK_PATH)
    .post(...documentBody(bodyLimit), async (req, res) => {
      const incoming = submissionOf(req);
      if (!incoming.ok) {
        sendJson(res, 200, schemaVerdictBody(incoming.errors));
        return;
      }
      // A commune checks against its own dossier only: the check reads the dossier's history.
      assertMayFileFor(requestPrincipal(res), incoming.submission.party.siret);
      const result = await services().dossiers.check(incoming.submission);
      sendJson(res, 200, rulesVerdictBody(result, incoming.submission.party.siret));
    })
    .all(methodNotAllowed('POST'));
}
