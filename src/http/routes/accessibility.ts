import { Router } from 'express';
import { renderAccessibilityPage } from '../../pages/accessibility';
import { methodNotAllowed } from '../errors';
import { pageHeaders } from '../page-headers';

/** GET /accessibilite: the accessibility statement, public like the RGAA wants it, linked from every page's footer. */
export function accessibilityRoutes(): Router {
  const router = Router();
  const html = renderAccessibilityPage();
  router
    .route('/accessibilite')
    .all(pageHeaders)
    .get((_req, res) => {
      res.type('html').send(html);
    })
    .all(methodNotAllowed('GET'));
  return router;
}
