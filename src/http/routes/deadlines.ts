import { Router, type Request } from 'express';
import type { Services } from '../../service/services';
import type { Deadline } from '../../dossier/deadlines';
import { confinedTo } from '../../auth/roles';
import { deadlinesIcs } from '../../reports/deadlines-ics';
import { methodNotAllowed } from '../errors';
import { links } from '../links';
import { requestPrincipal } from '../middleware/authenticate';
import { dateRangeQuery } from '../params';

/**
 * `GET /api/deadlines?from=&to=`: the legal deadlines of every dossier (art. 3, 6.2, 9, 10),
 * coming first, each coming or past as of today (the service's clock).
 * `GET /api/deadlines/calendar.ics`: the same as an iCalendar file to subscribe to.
 * A commune's token sees its own dossier's deadlines only.
 */
export function deadlineRoutes(services: () => Services, options: { baseUrl?: string } = {}): Router {
  const router = Router();

  router
    .route('/deadlines')
    .get((req, res) => {
      const { today, deadlines } = services().dossiers.deadlines(dateRangeQuery(req.query), confinedTo(requestPrincipal(res)));
      res.json({ today, deadlines: deadlines.map(deadlineBody) });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/deadlines/calendar.ics')
    .get((req: Request, res) => {
      const { dossiers } = services();
      const { deadlines } = dossiers.deadlines(dateRangeQuery(req.query), confinedTo(requestPrincipal(res)));
      const baseUrl = options.baseUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
      res.type('text/calendar; charset=utf-8').send(deadlinesIcs(deadlines, { baseUrl, now: dossiers.now() }));
    })
    .all(methodNotAllowed('GET'));

  return router;
}

function deadlineBody(d: Deadline) {
  return {
    kind: d.kind,
    siret: d.siret,
    dossierName: d.dossierName,
    article: d.article,
    date: d.date,
    opensOn: d.opensOn,
    schoolYear: d.schoolYear,
    state: d.state,
    label: d.label,
    url: links.dossier(d.siret),
  };
}
