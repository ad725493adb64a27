import { randomBytes } from 'node:crypto';

/**
 * The sessions of the web pages, in memory: a person signs in once with a token (`/connexion`) and
 * the browser then carries a random session id in a cookie, never the token. A session names the
 * token it was opened with, so that revoking the token ends it (the token is read again on every
 * request). A restart signs everybody out, which is acceptable for a back-office tool and keeps
 * secrets out of the database.
 */

export const SESSION_COOKIE = 'ent_session';

export interface Session {
  tokenId: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionOptions {
  /** Inactivity after which a session ends. Default 2 hours. */
  idleMs?: number;
  /** Lifetime of a session, active or not. Default 12 hours: a working day. */
  maxAgeMs?: number;
  /** Sessions kept at most; the oldest go first. Bounds the memory a flood of sign-ins can take. */
  maxSessions?: number;
  now?: () => number;
}

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: number;
  private readonly maxAgeMs: number;
  private readonly maxSessions: number;
  private readonly now: () => number;

  constructor(options: SessionOptions = {}) {
    this.idleMs = options.idleMs ?? 2 * 3600_000;
    this.maxAgeMs = options.maxAgeMs ?? 12 * 3600_000;
    this.maxSessions = options.maxSessions ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Opens a session for a token; returns its id, to be sent in the cookie. */
  open(tokenId: string): string {
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    if (this.sessions.size >= this.maxSessions) this.sweep();
    // Still full: the oldest goes (a Map iterates in insertion order).
    while (this.sessions.size >= this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!);
    this.sessions.set(id, { tokenId, createdAt: now, lastSeenAt: now });
    return id;
  }

  /** The live session of that id, its inactivity clock restarted; undefined when none or expired. */
  touch(id: string): Session | undefined {
    if (!SESSION_ID.test(id)) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    const now = this.now();
    if (this.expired(s, now)) {
      this.sessions.delete(id);
      return undefined;
    }
    s.lastSeenAt = now;
    return s;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private expired(s: Session, now: number): boolean {
    return now - s.lastSeenAt > this.idleMs || now - s.createdAt > this.maxAgeMs;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (this.expired(s, now)) this.sessions.delete(id);
  }
}
