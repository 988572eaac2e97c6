import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { DEMO_POSTS } from './demo-posts.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import type { MigrateOptions } from './posts-repository.js';

/** Arbitrary but fixed: every replica contends for the same advisory lock. */
const MIGRATION_LOCK = 727_004_001;

/**
 * Applies the missing PostgreSQL migrations in one transaction holding a transaction-scoped
 * advisory lock, so replicas starting together apply each version once (the lock goes with
 * the transaction, even when the connection dies), and seeds the demo posts when this run
 * created the schema and seeding is on. `schema` is created first when given (tests).
 */
export async function migratePostgres(
  client: pg.PoolClient,
  options: MigrateOptions & { schema?: string },
): Promise<{ created: boolean }> {
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    if (options.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    await client.query(MIGRATIONS_TABLE);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM posts_schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const created = applied.size === 0;
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.postgres);
      await client.query('INSERT INTO posts_schema_migrations (version, applied_at) VALUES ($1, $2)', [
        migration.version,
        new Date().toISOString(),
      ]);
    }
    if (created && options.seedDemoData) {
      const now = new Date().toISOString();
      for (const post of DEMO_POSTS) {
        await client.query('INSERT INTO posts (id, author, title, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)', [
          randomUUID(),
          post.author,
          post.title,
          '',
          now,
        ]);
      }
    }
    await client.query('COMMIT');
    return { created };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
