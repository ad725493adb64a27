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
];
