import { Router, type Request, type RequestHandler } from 'express';
import { sendJson } from '../answer';
import type { Services } from '../../service/services';
import type { Filed } from '../../service/dossier-service';
import type { Principal } from '../../auth/roles';
import type { IdempotencyKey } from '../../store/types';
import { checkReason } from '../../dossier/withdrawal';
import { formatInstant } from '../../wording/format';
import { HttpError, methodNotAllowed } from '../errors';
import { requestPrincipal } from '../middleware/authenticate';
import { assertMayFileFor } from '../middleware/authorize';
import { utf8TextBody } from '../middleware/utf8-body';
import { dossierRef, links } from '../links';
import { submissionIdParam, verdictQuery } from '../params';
import { confinedTo } from '../../auth/roles';
import type { SubmissionSummary } from '../../store/types';
import { submissionOf } from '../document-body';
import { changesBody, rulesVerdictBody, schemaVerdictBody, submissionBody, submissionSummaryBody } from '../views';
import { documentBody } from '../document-body';

/**
 * `POST /api/submissions`: judge a document and keep it in its dossier.
 *   201 accepted (Location: the stored submission), 422 rejected by the rules (kept, with its
 *   report, the dossier unchanged), 200 already in the dossier (byte for byte: nothing kept,
 *   the existing submission and `duplicateOf`), 422 rejected by the schema (nothing kept),
 *   400 unreadable. With `Idempotency-Key`, a retry gets the first answer (and
 *   `Idempotent-Replayed: true`); the key with another body is 409. 503 `rules_unavailable`
 *   (the rules that would judge it failed to load) and 422 `no_rule_set_in_force` (none, or only
 *   a draft): nothing kept.
 * `GET /api/submissions?verdict=&schoolYear=&kind=&siret=&page=&pageSize=`: what waits for a
 *   decision — every verdict but « Conforme » (or the one asked), not withdrawn, newest first, a
 *   page at a time; a commune's token sees its own dossier's.
 * `GET /api/submissions/:id`: the stored submission; `GET /api/submissions/:id/raw`: its text as received.
 * `POST /api/submissions/:id/withdrawal` `{"reason"}`: a juriste takes it out of its dossier's state.
 */

/** Keys are the client's (a UUID, typically): printable ASCII, bounded, as the header's draft standard has them. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The key of a request, scoped to the token that sent it (a client's keys never meet another's). */
export function idempotencyKeyOf(req: Request, principal: Principal): IdempotencyKey | undefined {
  const value = req.get('idempotency-key');
  if (value === undefined) return undefined;
  const key = value.trim().replace(/^"(.*)"$/, '$1');
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new HttpError(400, 'invalid_idempotency_key', 'en-tête Idempotency-Key invalide : de 1 à 255 caractères ASCII visibles (un UUID, par exemple)');
  }
  return { scope: principal.tokenId ?? '', key };
}

/** Who did it, as the record says it: the token's label and id, or the open access of AUTH=off. */
export function authorOf(principal: Principal): string {
  if (principal.tokenId === null) return principal.label;
  return principal.label ? `${principal.label} (jeton ${principal.tokenId})` : `jeton ${principal.tokenId}`;
}

/** The answer to a deposit: its status and body. */
export function filedAnswer(filed: Filed): { status: number; body: Record<string, unknown> } {
  const { result, stored } = filed;
  const body: Record<string, unknown> = rulesVerdictBody(result, stored.siret, stored);
  if (filed.outcome === 'duplicate') {
    body.duplicateOf = { id: stored.id, url: links.submission(stored.id), receivedAt: stored.receivedAt };
    return { status: 200, body };
  }
  return { status: result.status === 'accepted' ? 201 : 422, body };
}

/** The body of a withdrawal request: `{"reason": "…"}` in JSON, a few kilobytes at most. */
const WITHDRAWAL_LIMIT = '16kb';

const requireJson: RequestHandler = (req, _res, next) => {
  if (req.is('application/json')) next();
  else next(new HttpError(415, 'unsupported_media_type', 'envoyez le motif en JSON : Content-Type: application/json et {"reason": "…"}'));
};

function reasonOf(req: Request): string {
  let body: unknown;
  try {
    body = JSON.parse(typeof req.body === 'string' ? req.body : '');
  } catch {
    throw new HttpError(400, 'invalid_reason', 'corps illisible : attendu {"reason": "motif du retrait"} en JSON');
  }
  const checked = checkReason(body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).reason : undefined);
  if (!checked.ok) throw new HttpError(400, 'invalid_reason', checked.message);
  return checked.reason;
}

export function submissionRoutes(services: () => Services, bodyLimit: string | number): Router {
  const router = Router();

  router
    .route('/submissions')
    .get((req, res) => {
      const query = verdictQuery(req.query, confinedTo(requestPrincipal(res)));
      const { items, total } = services().dossiers.byVerdict(query);
      res.json({ items: items.map(attentionBody), page: query.page, pageSize: query.pageSize, total });
    })
    .post(...documentBody(bodyLimit), async (req, res) => {
      const incoming = submissionOf(req);
      if (!incoming.ok) {
        sendJson(res, 422, schemaVerdictBody(incoming.errors));
        return;
      }
      const principal = requestPrincipal(res);
      assertMayFileFor(principal, incoming.submission.party.siret);
      const key = idempotencyKeyOf(req, principal);
      const filed = await services().dossiers.submit(incoming, key);
      // No rules in force to judge it by, or those that would failed to load: nothing kept (503 or 422, errors.ts).
      if (filed.outcome === 'refused') throw filed.error;
      if (filed.outcome === 'key_conflict') {
        throw new HttpError(
          409,
          'idempotency_key_reused',
          `la clé Idempotency-Key « ${filed.key} » a déjà servi pour un autre document (pièce ${filed.submissionId}) : une nouvelle clé pour chaque nouveau document`,
        );
      }
      const { status, body } = filedAnswer(filed);
      if (filed.replayed) res.set('Idempotent-Replayed', 'true');
      if (status === 201) res.location(links.submission(filed.stored.id));
      sendJson(res, status, body);
    })
    .all(methodNotAllowed('GET', 'POST'));

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

  router
    .route('/submissions/:id/withdrawal')
    .post(requireJson, ...utf8TextBody(['application/json'], WITHDRAWAL_LIMIT), async (req, res) => {
      const id = submissionIdParam(req.params.id);
      const reason = reasonOf(req);
      const principal = requestPrincipal(res);
      const r = await services().dossiers.withdraw({ submissionId: id, reason, author: authorOf(principal), tokenId: principal.tokenId });
      if (!r.ok && r.reason === 'unknown_submission') throw new HttpError(404, 'unknown_submission', `aucune pièce « ${id} »`);
      if (!r.ok) {
        const w = r.withdrawal;
        throw new HttpError(409, 'already_withdrawn', `pièce déjà retirée le ${formatInstant(w.withdrawnAt)} par ${w.author} : ${w.reason}`);
      }
      res
        .status(201)
        .location(links.submission(id))
        .json({ ...submissionBody(r.submission), changes: changesBody(r.changes) });
    })
    .all(methodNotAllowed('POST'));

  return router;
}

function attentionBody(s: SubmissionSummary) {
  return { ...submissionSummaryBody(s), dossier: dossierRef(s.siret) };
}
