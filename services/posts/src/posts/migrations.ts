/**
 * Schema versions, in order, for both dialects. A migration is applied once and recorded in
 * `posts_schema_migrations`; never edit an applied one, append a new version instead.
 * `seq` is the storage order (newest first = highest seq) and the page-cursor position; `id`
 * is the public UUID.
 */
export interface Migration {
  readonly version: number;
  readonly sqlite: string;
  readonly postgres: string;
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sqlite: `
      CREATE TABLE posts (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        author TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX posts_author_seq ON posts (author, seq DESC);`,
    postgres: `
      CREATE TABLE posts (
        seq BIGSERIAL PRIMARY KEY,
        id UUID NOT NULL UNIQUE,
        author TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX posts_author_seq ON posts (author, seq DESC);`,
  },
];

/** The bookkeeping table, created before anything else. */
export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS posts_schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
)`;
