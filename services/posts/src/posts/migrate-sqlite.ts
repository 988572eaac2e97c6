import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { DEMO_POSTS } from './demo-posts.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import type { MigrateOptions } from './posts-repository.js';

/**
 * Applies the missing SQLite migrations in one `BEGIN IMMEDIATE` transaction (which takes the
 * write lock first, so two processes on one file serialise) and seeds the demo posts when
 * this run created the schema and seeding is on.
 */
export function migrateSqlite(db: Database.Database, options: MigrateOptions): { created: boolean } {
  const run = db.transaction(() => {
    db.exec(MIGRATIONS_TABLE);
    const rows = db.prepare('SELECT version FROM posts_schema_migrations').all() as { version: number }[];
    const applied = new Set(rows.map((r) => r.version));
    const created = applied.size === 0;
    const record = db.prepare('INSERT INTO posts_schema_migrations (version, applied_at) VALUES (?, ?)');
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sqlite);
      record.run(migration.version, new Date().toISOString());
    }
    if (created && options.seedDemoData) {
      const insert = db.prepare('INSERT INTO posts (id, author, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
      const now = new Date().toISOString();
      for (const post of DEMO_POSTS) insert.run(randomUUID(), post.author, post.title, '', now, now);
    }
    return { created };
  });
  return run.immediate();
}
