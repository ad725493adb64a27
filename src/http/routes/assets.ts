import express, { Router } from 'express';
import { join } from 'node:path';
import { APP_STYLESHEET, CACHE_FOR_A_YEAR, DSFR_BASE, DSFR_DIST, DSFR_SERVED } from '../../pages/assets';

/**
 * The pages' files, served by the app itself (src/pages/assets.ts says which and at what address):
 *   GET /assets/dsfr-<version>/…   the DSFR's stylesheets, fonts, icons and favicon
 *   GET /assets/app-<hash>.css     the app's own stylesheet
 *   GET /favicon.ico               the DSFR's, where a browser looks for it unasked
 * Versioned addresses are kept a year (`immutable`); /favicon.ico, whose address never changes, a
 * day. Anything else under /assets is the app's 404.
 */

export function assetRoutes(): Router {
  const router = Router();

  router.get(APP_STYLESHEET.path, (_req, res) => {
    res.set('Cache-Control', CACHE_FOR_A_YEAR).type('text/css; charset=utf-8').send(APP_STYLESHEET.text);
  });

  const dsfr = express.static(DSFR_DIST, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    lastModified: false,
    cacheControl: false,
    // Only on a file served: a 404 must not be kept a year.
    setHeaders: (res) => res.setHeader('Cache-Control', CACHE_FOR_A_YEAR),
  });
  router.use(DSFR_BASE, (req, res, next) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && DSFR_SERVED.test(req.path)) dsfr(req, res, next);
    else next();
  });

  router.get('/favicon.ico', (_req, res, next) => {
    res.sendFile(join(DSFR_DIST, 'favicon', 'favicon.ico'), { headers: { 'Cache-Control': 'public, max-age=86400' } }, (err) => err && next(err));
  });
  return router;
}
