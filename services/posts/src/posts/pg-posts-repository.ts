import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { DEMO_POSTS } from './demo-posts.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import type { MigrateOptions, NewPost, Post, PostChanges, PostPage, PostsRepository } from './posts-repository.js';

/** Settings of the PostgreSQL adapter. */
export interface PgPostsRepositoryOptions {
  connectionString: string;
  poolMax: number;
  /** Connect and query timeout: a database that hangs becomes a quick 503. */
  timeoutMs: number;
  logger: Logger;
  /** Schema to use instead of the search_path default (tests use a throw-away one). */
  schema?: string;
}

interface Row {
  seq: string;
  id: string;
  author: string;
  title: string;
  body: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'seq, id, author, title, body, created_at, updated_at';
/** Arbitrary but fixed: every replica contends for the same advisory lock. */
const MIGRATION_LOCK = 727_004_001;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function toPost(row: Row): Post {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    author: row.author,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * The PostgreSQL adapter on a `pg` pool. Migrations hold a transaction-scoped advisory lock,
 * so replicas starting together apply each version once. A pool whose server went away
 * reconnects on the next query; errors surface to the service, which answers 503.
 */
export class PgPostsRepository implements PostsRepository {
  private readonly pool: pg.Pool;
  private readonly schema: string | undefined;

  constructor(options: PgPostsRepositoryOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
    this.schema = options.schema;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolMax,
      connectionTimeoutMillis: options.timeoutMs,
      query_timeout: options.timeoutMs,
      idleTimeoutMillis: 30_000,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle client losing its server emits here; without a listener the process would crash.
    this.pool.on('error', (err) => options.logger.warn({ err: err.message }, 'idle PostgreSQL connection failed'));
  }

  async migrate(options: MigrateOptions): Promise<{ created: boolean }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      if (this.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
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
    } finally {
      client.release();
    }
  }

  async list(author: string, options: { limit: number; after?: number | undefined }): Promise<PostPage> {
    const { rows } =
      options.after === undefined
        ? await this.pool.query<Row>(`SELECT ${COLUMNS} FROM posts WHERE author = $1 ORDER BY seq DESC LIMIT $2`, [author, options.limit + 1])
        : await this.pool.query<Row>(`SELECT ${COLUMNS} FROM posts WHERE author = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`, [
            author,
            options.after,
            options.limit + 1,
          ]);
    const more = rows.length > options.limit;
    const page = more ? rows.slice(0, options.limit) : rows;
    const last = page[page.length - 1];
    return { posts: page.map(toPost), next: more && last ? Number(last.seq) : undefined };
  }

  async get(author: string, id: string): Promise<Post | undefined> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM posts WHERE author = $1 AND id = $2`, [author, id]);
    return rows[0] ? toPost(rows[0]) : undefined;
  }

  async create(post: NewPost): Promise<Post> {
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO posts (id, author, title, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING ${COLUMNS}`,
      [post.id, post.author, post.title, post.body, post.createdAt],
    );
    if (!rows[0]) throw new Error('INSERT returned no row');
    return toPost(rows[0]);
  }

  async update(author: string, id: string, changes: PostChanges, updatedAt: string): Promise<Post | undefined> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE posts SET title = coalesce($1, title), body = coalesce($2, body), updated_at = $3
       WHERE author = $4 AND id = $5 RETURNING ${COLUMNS}`,
      [changes.title ?? null, changes.body ?? null, updatedAt, author, id],
    );
    return rows[0] ? toPost(rows[0]) : undefined;
  }

  async delete(author: string, id: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM posts WHERE author = $1 AND id = $2', [author, id]);
    return (result.rowCount ?? 0) > 0;
  }

  async ping(): Promise<boolean> {
    await this.pool.query('SELECT 1');
    return true;
  }

  /** Drops the adapter's schema (tests' throw-away schemas only). */
  async dropSchema(): Promise<void> {
    if (!this.schema) throw new Error('dropSchema needs an explicit schema');
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
