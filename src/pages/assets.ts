import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TEMPLATES_DIR } from '../reports/templates';

/**
 * The files a page loads besides itself, all served by the app (the service runs on an internal
 * network: no CDN): the stylesheet, fonts and icons of the Système de design de l'État, from the
 * installed `@gouvfr/dsfr`, and the app's own stylesheet. Each address carries the DSFR's version
 * or a hash of the stylesheet, so that the files can be kept a year by the browser
 * (src/http/routes/assets.ts): an upgrade or an edit changes the address, never what one serves.
 */

const DSFR_PACKAGE = require.resolve('@gouvfr/dsfr/package.json');

/** The package's built files: the stylesheets at the top, `fonts/`, `icons/`, `favicon/` beside them (the CSS names them relatively). */
export const DSFR_DIST = join(dirname(DSFR_PACKAGE), 'dist');
export const DSFR_VERSION = (JSON.parse(readFileSync(DSFR_PACKAGE, 'utf8')) as { version: string }).version;

/** Where the DSFR's files are served. */
export const DSFR_BASE = `/assets/dsfr-${DSFR_VERSION}`;

/**
 * What of the package is served: stylesheets, fonts, icons and the favicon; not its scripts (the
 * pages run none), source maps, documentation or examples.
 */
export const DSFR_SERVED = /^\/(?:[a-z0-9_-]+\/)*[A-Za-z0-9_.-]+\.(?:css|woff2?|svg|png|ico)$/;

/** The long cache of every versioned file. */
export const CACHE_FOR_A_YEAR = 'public, max-age=31536000, immutable';

/**
 * The app's own stylesheet for the pages: what the DSFR does not have — the report shown inside a
 * page, the figures — in the partials the contrast test reads (test/pages/contrast.test.ts).
 * The stored reports carry their styles inline instead (reports/report.hbs).
 */
const APP_STYLE_PARTIALS = ['styles-report', 'styles-app'];

function appStylesheet(): { path: string; text: string } {
  const text = APP_STYLE_PARTIALS.map((name) => readFileSync(join(TEMPLATES_DIR, 'partials', `${name}.hbs`), 'utf8')).join('\n');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return { path: `/assets/app-${hash}.css`, text };
}

export const APP_STYLESHEET = appStylesheet();

/** The addresses a page's <head> names. */
export const PAGE_ASSETS = {
  dsfrCss: `${DSFR_BASE}/dsfr.main.min.css`,
  dsfrPrintCss: `${DSFR_BASE}/dsfr.print.min.css`,
  appCss: APP_STYLESHEET.path,
  favicon: `${DSFR_BASE}/favicon/favicon.svg`,
  faviconIco: `${DSFR_BASE}/favicon/favicon.ico`,
  appleTouchIcon: `${DSFR_BASE}/favicon/apple-touch-icon.png`,
} as const;
