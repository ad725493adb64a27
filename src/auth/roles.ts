/**
 * Who may do what, as data. A token has one role; a `commune` token also names the SIRET of its
 * dossier, and everything it reads or sends is confined to that dossier.
 *
 * | permission | what it allows                                                        |
 * |------------|-----------------------------------------------------------------------|
 * | `read`     | read dossiers, submissions, reports, rule sets                       |
 * | `check`    | have a document checked (format or rules) without keeping anything    |
 * | `file`     | file a document into its dossier                                      |
 * | `reload`   | reload the rule sets from RULES_DIR                                   |
 * | `withdraw` | take a submission filed by mistake out of its dossier's state        |
 * | `review`   | compare years' rules and measure a year's impact on every dossier     |
 * |            | read the drafts of a year's rules, their versions and their tests     |
 * | `edit_rules` | prepare, edit and publish a school year's rules                     |
 * | `tokens`   | create, list and revoke the access tokens (pages /jetons)             |
 */

export const ROLES = ['juriste', 'lecteur', 'commune'] as const;
export type Role = (typeof ROLES)[number];

export type Permission = 'read' | 'check' | 'file' | 'reload' | 'withdraw' | 'review' | 'edit_rules' | 'tokens';

export const PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  juriste: ['read', 'check', 'file', 'reload', 'withdraw', 'review', 'edit_rules', 'tokens'],
  // Checking keeps nothing: a reader may see what the rules would say of a document, and what a
  // year's rules would change.
  lecteur: ['read', 'check', 'review'],
  // Confined to its own dossier (see `mayAccessDossier`): the impact of a year's rules reads every
  // dossier's, and is not for a commune.
  commune: ['read', 'check', 'file'],
};

/** French, for the pages and the CLI. */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  juriste: 'juriste (tous les droits)',
  lecteur: 'lecteur (lecture seule)',
  commune: 'commune (son dossier seulement)',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The one making a request: from a token, directly or through a session; or nobody in particular when AUTH=off. */
export interface Principal {
  /** Null when authentication is off. */
  tokenId: string | null;
  role: Role;
  /** The dossier a `commune` is confined to; null for the other roles. */
  siret: string | null;
  label: string;
}

/** Who acts when AUTH=off: every right, for a trial on one's own machine. */
export const NOBODY_IN_PARTICULAR: Principal = Object.freeze({ tokenId: null, role: 'juriste', siret: null, label: 'accès libre (AUTH=off)' });

export function can(principal: Principal, permission: Permission): boolean {
  return PERMISSIONS[principal.role].includes(permission);
}

/**
 * The SIRET a principal's reads and writes are confined to; undefined when it sees every dossier.
 * A commune without a SIRET (the database forbids it) would be confined to nothing, not freed.
 */
export function confinedTo(principal: Principal): string | undefined {
  return principal.role === 'commune' ? (principal.siret ?? '') : undefined;
}

export function mayAccessDossier(principal: Principal, siret: string): boolean {
  const own = confinedTo(principal);
  return own === undefined || own === siret;
}

/**
 * The rule sets a principal may see: a draft is the académie's work in progress, read by its staff
 * (`review`) and never by a commune, which sees only the rules in force.
 */
export function ruleSetsSeenBy<T extends { status: string }>(principal: Principal, ruleSets: readonly T[]): T[] {
  return can(principal, 'review') ? [...ruleSets] : ruleSets.filter((r) => r.status !== 'draft');
}
