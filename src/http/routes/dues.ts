import { Router } from 'express';
import type { Services } from '../../service/services';
import type { DuesLine } from '../../dossier/dues-list';
import { confinedTo } from '../../auth/roles';
import { duesCsv, duesCsvFileName } from '../../reports/dues-csv';
import { HttpError, methodNotAllowed } from '../errors';
import { links } from '../links';
import { requestPrincipal } from '../middleware/authenticate';
import { duesFilterQuery, schoolYearParam } from '../params';

/**
 * `GET /api/dues/:schoolYear?convention=&titre=`: what every dossier owes for a school year, with
 * its basis, the titre accepted and the difference, and the totals.
 * `GET /api/dues/:schoolYear/export.csv`: the same for a French spreadsheet.
 * A commune's token sees its own dossier's line only.
 */
export function duesRoutes(services: () => Services): Router {
  const router = Router();

  function list(req: { params: Record<string, string | undefined>; query: Record<string, unknown> }, res: Parameters<typeof requestPrincipal>[0]) {
    const schoolYear = schoolYearParam(req.params.schoolYear);
    const filter = duesFilterQuery(req.query);
    const r = services().dossiers.yearDuesList(schoolYear, filter, confinedTo(requestPrincipal(res)));
    if (!r.ok) throw new HttpError(404, 'unknown_school_year', `aucun jeu de règles ne fixe la participation de l'année scolaire ${schoolYear}`);
    return { schoolYear, ...r };
  }

  router
    .route('/dues/:schoolYear')
    .get((req, res) => {
      const { schoolYear, lines, total } = list(req, res);
      res.json({ schoolYear, total, dossiers: lines.map(duesLineBody) });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/dues/:schoolYear/export.csv')
    .get((req, res) => {
      const { schoolYear, lines, total } = list(req, res);
      res.attachment(duesCsvFileName(schoolYear));
      res.type('text/csv; charset=utf-8').send(duesCsv(lines, total));
    })
    .all(methodNotAllowed('GET'));

  return router;
}

function duesLineBody(l: DuesLine) {
  return {
    siret: l.siret,
    name: l.name,
    type: l.type,
    schoolCount: l.schoolCount,
    amount: l.amount,
    basis: l.basis,
    explanation: l.explanation,
    convention: l.convention,
    invoiced: l.invoiced,
    invoicedAmount: l.invoicedAmount,
    difference: l.difference,
    url: links.dossier(l.siret),
  };
}
