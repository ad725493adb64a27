import { Router } from 'express';
import { reloadRules, type Services } from '../../service/services';
import { ruleSetFor } from '../../rules/registry';
import { HttpError, methodNotAllowed } from '../errors';
import { ruleSetVersionParam, schoolYearParam } from '../params';
import { reloadBody, reloadStatus, ruleSetBody, ruleSetsBody, ruleSetVersionBody } from '../views';
import { ruleSetsSeenBy } from '../../auth/roles';
import { requestPrincipal } from '../middleware/authenticate';

/**
 * `GET /api/rules`: the rule sets and the folders that failed lint.
 * `GET /api/rules/:schoolYear`: one rule set as data.
 * `POST /api/rules/reload` (juriste): reads RULES_DIR again; 200 all reloaded, 422 some refused at
 *   lint (their previous version keeps serving; the errors, with file:line:column, in `failures`),
 *   503 RULES_DIR unreadable (nothing changed).
 * `GET /api/rules/versions/:version`: the texts of a version, loaded now or kept because it judged
 * a submission, so that an old decision can be read with the rules that made it.
 */
export function ruleRoutes(services: () => Services): Router {
  const router = Router();

  router
    .route('/rules')
    .get((_req, res) => {
      const { registry } = services();
      res.json(ruleSetsBody({ ...registry, ruleSets: ruleSetsSeenBy(requestPrincipal(res), registry.ruleSets) }));
    })
    .all(methodNotAllowed('GET'));

  // Before `/rules/:schoolYear`, whose 405 would otherwise answer a POST here.
  router
    .route('/rules/reload')
    .post((_req, res) => {
      const outcome = reloadRules(services());
      res.status(reloadStatus(outcome)).json(reloadBody(outcome, services().registry));
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/rules/versions/:version')
    .get((req, res) => {
      const version = ruleSetVersionParam(req.params.version);
      const found = services().dossiers.ruleSetVersion(version);
      if (found) res.json(ruleSetVersionBody(found));
      else throw new HttpError(404, 'unknown_rule_set_version', `aucune version de jeu de règles « ${version} »`);
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/rules/:schoolYear')
    .get((req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const found = ruleSetFor(services().registry, schoolYear);
      // A draft is not for a commune: its year is unknown to it, as if there were no rules.
      const ruleSet = found && ruleSetsSeenBy(requestPrincipal(res), [found])[0];
      if (!ruleSet) throw new HttpError(404, 'unknown_school_year', `aucun jeu de règles pour l'année scolaire ${schoolYear}`);
      res.json(ruleSetBody(ruleSet));
    })
    .all(methodNotAllowed('GET'));

  return router;
}
