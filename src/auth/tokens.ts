import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database';
import { siretValid } from '../identifiers/siret';
import { isRole, ROLES, type Principal, type Role } from './roles';

/**
 * API tokens: `entc_<id>_<secret>`, the id (12 hex digits) to find the row and name the token in
 * lists and logs, the secret 32 random bytes (base64url). Only the SHA-256 of the whole token is
 * stored, so that a copy of the database opens nothing; the hashes are compared in constant time.
 * A token is never deleted: it is revoked (see migration 2).
 */

const TOKEN = /^entc_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** A token's id as `token list` and the pages show it. */
export const TOKEN_ID = /^[0-9a-f]{12}$/;

/** The longest label: who holds the token, for the lists. */
export const MAX_TOKEN_LABEL = 200;

// eslint-disable-next-line no-control-regex -- control characters are exactly what a label must not hold
const CONTROL_CHARACTER = /[\u0000-\u001f]/;

export interface TokenRecord {
  id: string;
  role: Role;
  siret: string | null;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewToken {
  role: Role;
  siret?: string | null;
  label?: string;
}

/** Which field of a new token is wrong, and why, in French. */
export interface TokenProblem {
  field: 'role' | 'siret' | 'label';
  message: string;
}

/**
 * A new token's fields as typed (the CLI's options, the page's form), checked: a known role, a
 * valid SIRET for a commune and none for the other roles, a short label without control
 * characters. An empty SIRET or label counts as none.
 */
export function checkNewToken(input: { role?: string; siret?: string; label?: string }): { ok: true; token: NewToken } | { ok: false; problem: TokenProblem } {
  const fail = (field: TokenProblem['field'], message: string) => ({ ok: false as const, problem: { field, message } });
  const role = input.role ?? '';
  if (!isRole(role)) return fail('role', role ? `rôle inconnu « ${role.slice(0, 40)} » (${ROLES.join(', ')})` : `rôle à choisir : ${ROLES.join(', ')}`);
  const siret = input.siret?.trim() || undefined;
  if (role === 'commune' && siret === undefined) return fail('siret', 'le SIRET du dossier est obligatoire pour un jeton de commune');
  if (role !== 'commune' && siret !== undefined) return fail('siret', `un SIRET ne vaut que pour un jeton de commune, pas pour le rôle ${role}`);
  if (siret !== undefined && !(/^[0-9]{14}$/.test(siret) && siretValid(siret)))
    return fail('siret', `SIRET invalide « ${siret.slice(0, 40)} » : 14 chiffres, clé de Luhn juste`);
  const label = input.label ?? '';
  if (label.length > MAX_TOKEN_LABEL || CONTROL_CHARACTER.test(label))
    return fail('label', `libellé trop long ou contenant des caractères de contrôle (${MAX_TOKEN_LABEL} caractères au plus)`);
  return { ok: true, token: { role, siret: siret ?? null, label } };
}

export type Authentication = { ok: true; principal: Principal } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' };

export type Revocation = { ok: true; token: TokenRecord } | { ok: false; reason: 'unknown' } | { ok: false; reason: 'already_revoked'; token: TokenRecord };

interface TokenRow {
  id: string;
  hash: string;
  role: string;
  siret: string | null;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The id part of a well-formed token; undefined otherwise. */
export function tokenId(token: string): string | undefined {
  return TOKEN.exec(token)?.[1];
}

function record(r: TokenRow): TokenRecord {
  return { id: r.id, role: isRole(r.role) ? r.role : 'lecteur', siret: r.siret, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at };
}

export function principalOf(t: TokenRecord): Principal {
  return { tokenId: t.id, role: t.role, siret: t.siret, label: t.label };
}

/**
 * Tokens verified lately, by the SHA-256 of the whole token, while the file has not changed: every
 * API request presents its token, and reading its row cost more than asking SQLite whether
 * anything changed (`PRAGMA data_version`, which moves when another connection commits: a
 * `token revoke` from the command line). One per connection, so that every TokenStore on it
 * forgets at once what one of them created or revoked. Only tokens that were valid are kept;
 * a refusal is worked out again every time.
 */
interface Verified {
  version: unknown;
  rows: Map<string, TokenRow>;
}
const VERIFIED = new WeakMap<Db, Verified>();
const VERIFIED_KEPT = 1000;

export class TokenStore {
  // Prepared once: every authenticated request reads a token.
  private readonly selectById: Statement;
  private readonly dataVersion: Statement;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.selectById = db.prepare('SELECT * FROM api_tokens WHERE id = ?');
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  private verified(): Map<string, TokenRow> {
    const version = this.dataVersion.get();
    let v = VERIFIED.get(this.db);
    if (!v || v.version !== version) VERIFIED.set(this.db, (v = { version, rows: new Map() }));
    return v.rows;
  }

  private forgetVerified(): void {
    VERIFIED.delete(this.db);
  }

  /** Makes a token and keeps its hash; the token itself is returned once, here, and nowhere else. */
  create(input: NewToken): { token: string; record: TokenRecord } {
    const siret = input.role === 'commune' ? (input.siret ?? null) : null;
    if (input.role === 'commune' && !siret) throw new Error('TokenStore: a commune token needs a SIRET');
    const insert = this.db.prepare('INSERT INTO api_tokens (id, hash, role, siret, label, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    // A clash of 48 random bits is unlikely; the primary key would refuse it, so draw again.
    for (let attempt = 0; ; attempt++) {
      const id = randomBytes(6).toString('hex');
      const token = `entc_${id}_${randomBytes(32).toString('base64url')}`;
      const createdAt = this.now().toISOString();
      try {
        insert.run(id, hashToken(token), input.role, siret, input.label ?? '', createdAt);
      } catch (e) {
        if (attempt < 3 && /UNIQUE|PRIMARY KEY/i.test((e as Error).message)) continue;
        throw e;
      }
      return { token, record: { id, role: input.role, siret, label: input.label ?? '', createdAt, revokedAt: null } };
    }
  }

  list(): TokenRecord[] {
    return (this.db.prepare('SELECT * FROM api_tokens ORDER BY created_at, id').all() as TokenRow[]).map(record);
  }

  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM api_tokens').pluck().get() as number;
  }

  /** The tokens of a role not revoked: with no juriste among them, nobody may file for the service juridique nor reload the rules. */
  activeCount(role: Role): number {
    return this.db.prepare('SELECT COUNT(*) FROM api_tokens WHERE role = ? AND revoked_at IS NULL').pluck().get(role) as number;
  }

  byId(id: string): TokenRecord | undefined {
    const r = this.selectById.get(id) as TokenRow | undefined;
    return r && record(r);
  }

  /** The principal a presented token stands for, or why it stands for none. */
  authenticate(token: string): Authentication {
    const id = tokenId(token);
    if (!id) return { ok: false, reason: 'malformed' };
    const hash = hashToken(token);
    const verified = this.verified();
    const known = verified.get(hash);
    if (known) return { ok: true, principal: principalOf(record(known)) };
    const r = this.selectById.get(id) as TokenRow | undefined;
    // A hash is compared even when there is no row, so that the time taken says nothing of the ids that exist.
    const expected = Buffer.from(r?.hash ?? '0'.repeat(64), 'hex');
    const matches = timingSafeEqual(Buffer.from(hash, 'hex'), expected);
    if (!r || !matches) return { ok: false, reason: 'unknown' };
    if (r.revoked_at !== null) return { ok: false, reason: 'revoked' };
    if (verified.size >= VERIFIED_KEPT) verified.clear();
    verified.set(hash, r);
    return { ok: true, principal: principalOf(record(r)) };
  }

  revoke(id: string): Revocation {
    return this.db
      .transaction((): Revocation => {
        const existing = this.byId(id);
        if (!existing) return { ok: false, reason: 'unknown' };
        if (existing.revokedAt !== null) return { ok: false, reason: 'already_revoked', token: existing };
        const revokedAt = this.now().toISOString();
        this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').run(revokedAt, id);
        // Written through this connection: data_version does not move for it.
        this.forgetVerified();
        return { ok: true, token: { ...existing, revokedAt } };
      })
      .immediate();
  }
}
