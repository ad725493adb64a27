import type { Db } from './db';
import { appendEntry } from './ledger';

/**
 * The database schema as an ordered list of migrations, applied once each at start-up and
 * recorded in `schema_migrations`. A migration is never edited once released: a change of
 * schema is a new entry at the end, so that every existing file reaches the same schema.
 */
export interface Migration {
  version: number;
  /** French, for the operator reading `schema_migrations`. */
  name: string;
  sql: string;
  /**
   * Run after `sql`, in the same transaction, for what SQL alone cannot compute from the rows
   * already there (the SHA-256 chain of the submissions written before it existed).
   */
  data?: (db: Db) => void;
}

/** The message of every append-only trigger: a stored decision is evidence and stays as it was. */
const APPEND_ONLY = 'conservation intégrale : les enregistrements ne sont jamais modifiés ni supprimés';

function appendOnly(table: string): string {
  return `
    CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${table} : ${APPEND_ONLY}'); END;
    CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${table} : ${APPEND_ONLY}'); END;`;
}

/** The tables no row of which is ever changed or deleted: `verify` checks their triggers are still there. */
export const APPEND_ONLY_TABLES = ['submissions', 'reports', 'rule_set_versions', 'withdrawals', 'idempotency_keys', 'ledger', 'rule_set_history'] as const;

export function appendOnlyTriggers(): string[] {
  return APPEND_ONLY_TABLES.flatMap((t) => [`${t}_no_update`, `${t}_no_delete`]);
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'pièces, rapports et versions des jeux de règles',
    sql: `
      CREATE TABLE rule_set_versions (
        version     TEXT PRIMARY KEY,
        school_year TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('in_force', 'draft')),
        files       TEXT NOT NULL,
        stored_at   TEXT NOT NULL
      ) STRICT;

      -- seq orders a dossier's pieces as they were written, which is the order the evaluator saw
      -- them in; id is the public, unguessable name.
      CREATE TABLE submissions (
        seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
        id                   TEXT NOT NULL UNIQUE,
        siret                TEXT NOT NULL,
        party_name           TEXT NOT NULL,
        kind                 TEXT NOT NULL,
        school_year          TEXT NOT NULL,
        raw_text             TEXT NOT NULL,
        content_type         TEXT NOT NULL,
        sha256               TEXT NOT NULL CHECK (length(sha256) = 64),
        received_at          TEXT NOT NULL,
        status               TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
        stage                TEXT NOT NULL CHECK (stage IN ('rules')),
        rule_set_school_year TEXT,
        rule_set_version     TEXT REFERENCES rule_set_versions (version),
        findings             TEXT NOT NULL,
        document             TEXT NOT NULL
      ) STRICT;
      CREATE INDEX submissions_by_dossier ON submissions (siret, seq);
      CREATE INDEX submissions_accepted_by_dossier ON submissions (siret, seq) WHERE status = 'accepted';

      CREATE TABLE reports (
        submission_id TEXT PRIMARY KEY REFERENCES submissions (id),
        html          TEXT NOT NULL,
        created_at    TEXT NOT NULL
      ) STRICT;
      ${appendOnly('submissions')}
      ${appendOnly('reports')}
      ${appendOnly('rule_set_versions')}
    `,
  },
  {
    version: 2,
    name: "jetons d'accès à l'API et aux pages",
    sql: `
      -- Only the SHA-256 of a token is kept: a copy of the file gives no access. A token names who
      -- filed what, so it is never deleted; the one change allowed is its revocation, once.
      CREATE TABLE api_tokens (
        id          TEXT PRIMARY KEY CHECK (length(id) = 12),
        hash        TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
        role        TEXT NOT NULL CHECK (role IN ('juriste', 'lecteur', 'commune')),
        siret       TEXT CHECK ((role = 'commune') = (siret IS NOT NULL)),
        label       TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        revoked_at  TEXT
      ) STRICT;
      CREATE TRIGGER api_tokens_no_delete BEFORE DELETE ON api_tokens
      BEGIN SELECT RAISE(ABORT, 'api_tokens : un jeton n''est jamais supprimé, il est révoqué'); END;
      CREATE TRIGGER api_tokens_revoke_only BEFORE UPDATE ON api_tokens
      WHEN OLD.revoked_at IS NOT NULL OR NEW.revoked_at IS NULL
        OR NEW.id IS NOT OLD.id OR NEW.hash IS NOT OLD.hash OR NEW.role IS NOT OLD.role
        OR NEW.siret IS NOT OLD.siret OR NEW.label IS NOT OLD.label OR NEW.created_at IS NOT OLD.created_at
      BEGIN SELECT RAISE(ABORT, 'api_tokens : seule la révocation d''un jeton est permise, une fois'); END;
    `,
  },
  {
    version: 3,
    name: 'retraits, clés d’idempotence et registre chaîné',
    sql: `
      -- A withdrawal takes a submission out of its dossier's state; the submission and its report
      -- stay. One per submission: the key says so.
      CREATE TABLE withdrawals (
        submission_id TEXT PRIMARY KEY REFERENCES submissions (id),
        reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        withdrawn_at  TEXT NOT NULL,
        author        TEXT NOT NULL,
        token_id      TEXT REFERENCES api_tokens (id)
      ) STRICT;

      -- A client's retry of a deposit (same Idempotency-Key, same body) gets the first answer:
      -- the submission it named and whether it was stored then or found already there. The scope
      -- is the token, so that one client's keys never meet another's.
      CREATE TABLE idempotency_keys (
        scope          TEXT NOT NULL,
        key            TEXT NOT NULL,
        request_sha256 TEXT NOT NULL CHECK (length(request_sha256) = 64),
        submission_id  TEXT NOT NULL REFERENCES submissions (id),
        outcome        TEXT NOT NULL CHECK (outcome IN ('stored', 'duplicate')),
        created_at     TEXT NOT NULL,
        PRIMARY KEY (scope, key)
      ) STRICT;

      -- The chain of every submission and withdrawal, in the order written (src/store/ledger.ts).
      -- AUTOINCREMENT: a number is never given twice, so that a last entry removed by hand still
      -- shows in sqlite_sequence.
      CREATE TABLE ledger (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        entry_type      TEXT NOT NULL CHECK (entry_type IN ('submission', 'withdrawal')),
        entry_id        TEXT NOT NULL,
        previous_sha256 TEXT NOT NULL CHECK (length(previous_sha256) = 64),
        sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
        UNIQUE (entry_type, entry_id)
      ) STRICT;

      -- A deposit identical to one of its dossier's is found without reading the others.
      CREATE INDEX submissions_by_fingerprint ON submissions (siret, sha256);
      ${appendOnly('withdrawals')}
      ${appendOnly('idempotency_keys')}
      ${appendOnly('ledger')}
    `,
    // The submissions already kept are chained in the order they were written (seq), as if the
    // chain had existed from the first: what this proves of them starts today.
    data(db) {
      const ids = db.prepare('SELECT id FROM submissions ORDER BY seq').pluck().all() as string[];
      for (const id of ids) appendEntry(db, 'submission', id);
    },
  },
  {
    version: 4,
    name: 'historique des versions des jeux de règles (brouillons et publications)',
    sql: `
      -- Every version of a school year's rules that the service saw: prepared, edited, published
      -- from the pages or the API, or found in RULES_DIR. A publication is a row of its own (the
      -- status written in ruleset.yaml is part of the version), never a change to the draft's row.
      -- files: the resolved texts (what a decision keeps); sources: the folder's files as written.
      CREATE TABLE rule_set_history (
        seq              INTEGER PRIMARY KEY AUTOINCREMENT,
        school_year      TEXT NOT NULL,
        version          TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('draft', 'in_force')),
        created_at       TEXT NOT NULL,
        created_by       TEXT NOT NULL,
        published_at     TEXT,
        reason           TEXT,
        previous_version TEXT,
        files            TEXT NOT NULL,
        sources          TEXT NOT NULL,
        CHECK ((status = 'in_force') = (published_at IS NOT NULL)),
        CHECK (published_at IS NULL OR length(trim(reason)) > 0),
        UNIQUE (school_year, version)
      ) STRICT;
      ${appendOnly('rule_set_history')}
    `,
  },
];
