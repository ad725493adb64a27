import type { Permission } from './roles';

/**
 * Every route of the app and what it takes to use it, in one table, checked before any route runs
 * (src/http/middleware/authorize.ts). A route's dossier, when its path names one, is checked
 * there too: by the SIRET in the path, or by the submission whose id is in the path. What the
 * path does not say — the SIRET inside a document sent, the dossiers a list shows — the route
 * narrows itself, with `confinedTo` (src/auth/roles.ts); the `narrowed` column says which.
 *
 * A route missing from the table is refused to communes, and to anyone but a juriste unless
 * it is a GET: a route added without a row here is closed rather than open.
 */

export type Access = 'public' | Permission;

/** Where the path names the dossier it touches. */
export type Owner = { param: string; by: 'siret' | 'submission' };

export interface RouteAccess {
  /** GET stands for HEAD too. */
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  /** Express-like: `:name` is one segment; a last segment `*` is any path below. */
  path: string;
  access: Access;
  owner?: Owner;
  /** What the route itself confines to a commune's dossier. */
  narrowed?: string;
}

const siret: Owner = { param: 'siret', by: 'siret' };
const submission: Owner = { param: 'id', by: 'submission' };

export const ROUTE_ACCESS: readonly RouteAccess[] = [
  { method: 'GET', path: '/health', access: 'public' },
  { method: 'GET', path: '/connexion', access: 'public' },
  { method: 'POST', path: '/connexion', access: 'public' },
  { method: 'POST', path: '/deconnexion', access: 'public' },
  // What every page loads, the login page first among them; and the accessibility statement,
  // which anyone must be able to read (RGAA).
  { method: 'GET', path: '/assets/*', access: 'public' },
  { method: 'GET', path: '/favicon.ico', access: 'public' },
  { method: 'GET', path: '/accessibilite', access: 'public' },

  // Pages
  { method: 'GET', path: '/', access: 'read', narrowed: 'latest submissions: its own' },
  { method: 'GET', path: '/dossiers', access: 'read', narrowed: 'list: its own dossier' },
  { method: 'GET', path: '/dossiers/:siret', access: 'read', owner: siret },
  { method: 'GET', path: '/sommes-dues', access: 'read', narrowed: 'list: its own dossier' },
  { method: 'GET', path: '/echeances', access: 'read', narrowed: 'list: its own dossier' },
  { method: 'GET', path: '/a-traiter', access: 'read', narrowed: 'list: its own dossier' },
  { method: 'GET', path: '/regles', access: 'read' },
  // Before /regles/:schoolYear, which « preparer » would otherwise match. Drafts, their versions and
  // tests are read by the académie's staff (review), never by a commune; only a juriste changes them.
  { method: 'GET', path: '/regles/preparer', access: 'edit_rules' },
  { method: 'POST', path: '/regles/preparer', access: 'edit_rules' },
  { method: 'GET', path: '/regles/:schoolYear/brouillon', access: 'review' },
  { method: 'POST', path: '/regles/:schoolYear/brouillon', access: 'edit_rules' },
  { method: 'GET', path: '/regles/:schoolYear/brouillon/fichiers/*', access: 'review' },
  { method: 'POST', path: '/regles/:schoolYear/brouillon/fichiers/*', access: 'edit_rules' },
  { method: 'GET', path: '/regles/:schoolYear/verification', access: 'review' },
  { method: 'GET', path: '/regles/:schoolYear/publication', access: 'edit_rules' },
  { method: 'POST', path: '/regles/:schoolYear/publication', access: 'edit_rules' },
  { method: 'POST', path: '/regles/recharger', access: 'reload' },
  { method: 'POST', path: '/regles/:schoolYear/correction', access: 'edit_rules' },
  { method: 'GET', path: '/regles/:schoolYear', access: 'read' },
  { method: 'GET', path: '/regles/:schoolYear/comparer/:other', access: 'review' },
  { method: 'GET', path: '/regles/:schoolYear/impact', access: 'review' },
  { method: 'GET', path: '/controle', access: 'check' },
  { method: 'POST', path: '/controle', access: 'check', narrowed: "document's SIRET; filing needs `file`" },
  { method: 'GET', path: '/pieces/:id', access: 'read', owner: submission },
  { method: 'GET', path: '/pieces/:id/retrait', access: 'withdraw', owner: submission },
  { method: 'POST', path: '/pieces/:id/retrait', access: 'withdraw', owner: submission },
  { method: 'GET', path: '/jetons', access: 'tokens' },
  { method: 'POST', path: '/jetons', access: 'tokens' },
  { method: 'GET', path: '/jetons/:id/revocation', access: 'tokens' },
  { method: 'POST', path: '/jetons/:id/revocation', access: 'tokens' },
  { method: 'GET', path: '/reports/:id', access: 'read', owner: submission },
  { method: 'GET', path: '/reports/:id/download', access: 'read', owner: submission },
  { method: 'GET', path: '/reports/:id/pdf', access: 'read', owner: submission },

  // API
  { method: 'POST', path: '/api/validate', access: 'check' },
  { method: 'POST', path: '/api/check', access: 'check', narrowed: "document's SIRET" },
  { method: 'POST', path: '/api/submissions', access: 'file', narrowed: "document's SIRET" },
  { method: 'GET', path: '/api/submissions', access: 'read', narrowed: 'list: its own dossier' },
  { method: 'GET', path: '/api/submissions/:id', access: 'read', owner: submission },
  { method: 'GET', path: '/api/submissions/:id/raw', access: 'read', owner: submission },
  { method: 'POST', path: '/api/submissions/:id/withdrawal', access: 'withdraw', owner: submission },
  { method: 'GET', path: '/api/dossiers', access: 'read', narrowed: 'list: its own dossier' },
  { method: 'GET', path: '/api/dossiers/:siret', access: 'read', owner: siret },
  { method: 'GET', path: '/api/dossiers/:siret/dues/:schoolYear', access: 'read', owner: siret },
  { method: 'GET', path: '/api/dues/:schoolYear', access: 'read', narrowed: 'list: its own dossier' },
  { method: 'GET', path: '/api/dues/:schoolYear/export.csv', access: 'read', narrowed: 'list: its own dossier' },
  { method: 'GET', path: '/api/deadlines', access: 'read', narrowed: 'list: its own dossier' },
  { method: 'GET', path: '/api/deadlines/calendar.ics', access: 'read', narrowed: 'list: its own dossier' },
  { method: 'GET', path: '/api/rules', access: 'read' },
  { method: 'POST', path: '/api/rules/reload', access: 'reload' },
  { method: 'GET', path: '/api/rules/versions/:version', access: 'read' },
  { method: 'GET', path: '/api/rules/:schoolYear', access: 'read' },
  { method: 'GET', path: '/api/rules/:schoolYear/versions', access: 'review' },
  { method: 'GET', path: '/api/rules/:schoolYear/draft', access: 'review' },
  { method: 'GET', path: '/api/rules/:schoolYear/check', access: 'review' },
  { method: 'POST', path: '/api/rules/:schoolYear/drafts', access: 'edit_rules' },
  { method: 'PATCH', path: '/api/rules/:schoolYear/parameters', access: 'edit_rules' },
  { method: 'PATCH', path: '/api/rules/:schoolYear/articles', access: 'edit_rules' },
  { method: 'PUT', path: '/api/rules/:schoolYear/files/*', access: 'edit_rules' },
  { method: 'POST', path: '/api/rules/:schoolYear/corrections', access: 'edit_rules' },
  { method: 'POST', path: '/api/rules/:schoolYear/publication', access: 'edit_rules' },
];

interface Compiled {
  route: RouteAccess;
  pattern: RegExp;
  params: string[];
}

function compile(route: RouteAccess): Compiled {
  const params: string[] = [];
  const source = route.path
    .split('/')
    .map((seg) => {
      // A last segment `*`: any path below (the files of /assets).
      if (seg === '*') return '.+';
      if (!seg.startsWith(':')) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(seg.slice(1));
      return '([^/]+)';
    })
    .join('/');
  // As Express routes: case-insensitive, a trailing slash allowed.
  return { route, pattern: new RegExp(`^${source}/?$`, 'i'), params };
}

const COMPILED = ROUTE_ACCESS.map(compile);

export interface MatchedRoute {
  route: RouteAccess;
  /** Decoded; a parameter that does not decode is kept as sent. */
  params: Record<string, string>;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The row of the table for a request, or undefined when the table has none. */
export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  for (const c of COMPILED) {
    if (c.route.method !== m) continue;
    const found = c.pattern.exec(path);
    if (!found) continue;
    const params: Record<string, string> = {};
    c.params.forEach((name, i) => (params[name] = decode(found[i + 1])));
    return { route: c.route, params };
  }
  return undefined;
}

/** Whether a path is the API's (answered in JSON) rather than a page's (answered in HTML). */
export function isApiPath(path: string): boolean {
  return /^\/api(\/|$)/i.test(path);
}
