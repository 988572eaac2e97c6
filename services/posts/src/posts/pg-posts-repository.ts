import pg from 'pg';
import type { Logger } from 'pino';
import { migratePostgres } from './migrate-postgres.js';
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
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The repository's statements, named: `pg` prepares each once per connection and then only binds
 * and executes it, and PostgreSQL may settle on a generic plan, so a request no longer pays for
 * parsing and planning its SQL (the database shares the cores with the service).
 */
const SQL = {
  list: `SELECT ${COLUMNS} FROM posts WHERE author = $1 ORDER BY seq DESC LIMIT $2`,
  listAfter: `SELECT ${COLUMNS} FROM posts WHERE author = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
  get: `SELECT ${COLUMNS} FROM posts WHERE author = $1 AND id = $2`,
  create: `INSERT INTO posts (id, author, title, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING ${COLUMNS}`,
  update: `UPDATE posts SET title = coalesce($1, title), body = coalesce($2, body), updated_at = $3
       WHERE author = $4 AND id = $5 RETURNING ${COLUMNS}`,
  delete: 'DELETE FROM posts WHERE author = $1 AND id = $2',
} as const;

/** A named statement with its values, as `pool.query` takes it. */
function statement(name: keyof typeof SQL, values: unknown[]): pg.QueryConfig {
  return { name: `posts_${name}`, text: SQL[name], values };
}

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
      return await migratePostgres(client, { ...options, ...(this.schema ? { schema: this.schema } : {}) });
    } finally {
      client.release();
    }
  }

  async list(author: string, options: { limit: number; after?: number | undefined }): Promise<PostPage> {
    const { rows } = await this.pool.query<Row>(
      options.after === undefined
        ? statement('list', [author, options.limit + 1])
        : statement('listAfter', [author, options.after, options.limit + 1]),
    );
    const more = rows.length > options.limit;
    const page = more ? rows.slice(0, options.limit) : rows;
    const last = page[page.length - 1];
    return { posts: page.map(toPost), next: more && last ? Number(last.seq) : undefined };
  }

  async get(author: string, id: string): Promise<Post | undefined> {
    const { rows } = await this.pool.query<Row>(statement('get', [author, id]));
    return rows[0] ? toPost(rows[0]) : undefined;
  }

  async create(post: NewPost): Promise<Post> {
    const { rows } = await this.pool.query<Row>(statement('create', [post.id, post.author, post.title, post.body, post.createdAt]));
    if (!rows[0]) throw new Error('INSERT returned no row');
    return toPost(rows[0]);
  }

  async update(author: string, id: string, changes: PostChanges, updatedAt: string): Promise<Post | undefined> {
    const { rows } = await this.pool.query<Row>(statement('update', [changes.title ?? null, changes.body ?? null, updatedAt, author, id]));
    return rows[0] ? toPost(rows[0]) : undefined;
  }

  async delete(author: string, id: string): Promise<boolean> {
    const result = await this.pool.query(statement('delete', [author, id]));
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
