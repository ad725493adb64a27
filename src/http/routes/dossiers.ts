import { Router } from 'express';
import type { Services } from '../../service/services';
import { confinedTo } from '../../auth/roles';
import { HttpError, methodNotAllowed } from '../errors';
import { requestPrincipal } from '../middleware/authenticate';
import { dossierListQuery, schoolYearParam, siretParam } from '../params';
import { dossierBody, dossierListItemBody, duesBody } from '../views';

/**
 * `GET /api/dossiers?page&pageSize&q&convention`: the dossiers, by name, a page at a time, each
 * with what it owes for the current school year (as `GET /api/dues/:schoolYear` says it); only
 * those whose convention is in force, terminated or absent when `convention` asks.
 * `GET /api/dossiers/:siret`: one dossier: submissions, state, enrolments, dues per school year.
 * `GET /api/dossiers/:siret/dues/:schoolYear`: what it owes for one school year (art. 6–6.3).
 */
export function dossierRoutes(services: () => Services): Router {
  const router = Router();

  router
    .route('/dossiers')
    .get((req, res) => {
      const query = dossierListQuery(req.query);
      // A commune's token lists its own dossier only.
      const { items, total, schoolYear } = services().dossiers.dossiers({ ...query, siret: confinedTo(requestPrincipal(res)) });
      res.json({
        items: items.map((d) => dossierListItemBody(d, schoolYear)),
        page: query.page,
        pageSize: query.pageSize,
        total,
        schoolYear,
        ...(query.convention ? { convention: query.convention } : {}),
      });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/dossiers/:siret')
    .get((req, res) => {
      const siret = siretParam(req.params.siret);
      const view = services().dossiers.dossier(siret);
      if (!view) throw new HttpError(404, 'unknown_dossier', `aucun dossier pour le SIRET ${siret}`);
      res.json(dossierBody(view));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/dossiers/:siret/dues/:schoolYear')
    .get((req, res) => {
      const siret = siretParam(req.params.siret);
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const r = services().dossiers.dues(siret, schoolYear);
      if (!r.ok && r.reason === 'unknown_dossier') throw new HttpError(404, 'unknown_dossier', `aucun dossier pour le SIRET ${siret}`);
      if (!r.ok)
        throw new HttpError(404, 'unknown_school_year', `aucun jeu de règles ne fixe la participation de l'année scolaire ${schoolYear} pour ce dossier`);
      res.json(duesBody(siret, r.dues));
    })
    .all(methodNotAllowed('GET'));

  return router;
}
