import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LruCache } from '../lru-cache.js';
import { migrateSqlite } from './migrate-sqlite.js';
import type { MigrateOptions, NewPost, Post, PostChanges, PostPage, PostsRepository } from './posts-repository.js';

interface Row {
  seq: number;
  id: string;
  author: string;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'seq, id, author, title, body, created_at, updated_at';
const PAGE_CACHE_SIZE = 1000;

interface CachedPage {
  readonly limit: number;
  readonly dataVersion: number;
  readonly localWrites: number;
  readonly page: PostPage;
}

function toPost(row: Row): Post {
  return Object.freeze({
    id: row.id,
    title: row.title,
    body: row.body,
    author: row.author,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/**
 * The embedded adapter: one better-sqlite3 connection, statements prepared once. WAL lets
 * readers run beside the writer; `synchronous = FULL` because a 2xx must survive a crash;
 * `BEGIN IMMEDIATE` serialises migrations of two processes sharing the file.
 *
 * List pages are cached (the hot read of the API): an entry is valid while this connection
 * has written nothing since and `PRAGMA data_version` (which changes when any *other*
 * connection commits) is unchanged, so a read never returns data older than the database.
 */
export class SqlitePostsRepository implements PostsRepository {
  private readonly db: Database.Database;
  private statements: ReturnType<SqlitePostsRepository['prepare']> | undefined;
  private readonly pages = new LruCache<string, CachedPage>(PAGE_CACHE_SIZE);
  private localWrites = 0;

  /** `path` is a file (its directory is created) or `:memory:`. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
  }

  async migrate(options: MigrateOptions): Promise<{ created: boolean }> {
    const result = migrateSqlite(this.db, options);
    this.localWrites += 1;
    this.statements = this.prepare();
    return result;
  }

  private prepare() {
    return {
      first: this.db.prepare<[string, number], Row>(`SELECT ${COLUMNS} FROM posts WHERE author = ? ORDER BY seq DESC LIMIT ?`),
      after: this.db.prepare<[string, number, number], Row>(
        `SELECT ${COLUMNS} FROM posts WHERE author = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
      ),
      get: this.db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM posts WHERE author = ? AND id = ?`),
      insert: this.db.prepare<[string, string, string, string, string, string], Row>(
        `INSERT INTO posts (id, author, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
      ),
      update: this.db.prepare<[string | null, string | null, string, string, string], Row>(
        `UPDATE posts SET title = coalesce(?, title), body = coalesce(?, body), updated_at = ?
         WHERE author = ? AND id = ? RETURNING ${COLUMNS}`,
      ),
      delete: this.db.prepare<[string, string]>('DELETE FROM posts WHERE author = ? AND id = ?'),
      dataVersion: this.db.prepare<[], number>('PRAGMA data_version').pluck(),
    };
  }

  private get sql(): NonNullable<SqlitePostsRepository['statements']> {
    if (!this.statements) throw new Error('migrate() must run before the repository is used');
    return this.statements;
  }

  async list(author: string, options: { limit: number; after?: number | undefined }): Promise<PostPage> {
    const sql = this.sql;
    // The first page is keyed by the author alone, so the hot read builds no key string.
    const key = options.after === undefined ? author : `${author}\u0000${options.after}`;
    const dataVersion = sql.dataVersion.get() as number;
    const cached = this.pages.get(key);
    if (cached && cached.limit === options.limit && cached.dataVersion === dataVersion && cached.localWrites === this.localWrites) {
      return cached.page;
    }
    const page = this.query(author, options);
    this.pages.set(key, { limit: options.limit, dataVersion, localWrites: this.localWrites, page });
    return page;
  }

  private query(author: string, options: { limit: number; after?: number | undefined }): PostPage {
    // One extra row tells whether another page exists without a COUNT.
    const rows =
      options.after === undefined ? this.sql.first.all(author, options.limit + 1) : this.sql.after.all(author, options.after, options.limit + 1);
    const more = rows.length > options.limit;
    const page = more ? rows.slice(0, options.limit) : rows;
    return Object.freeze({ posts: Object.freeze(page.map(toPost)) as Post[], next: more ? page[page.length - 1]?.seq : undefined });
  }

  async get(author: string, id: string): Promise<Post | undefined> {
    const row = this.sql.get.get(author, id);
    return row ? toPost(row) : undefined;
  }

  async create(post: NewPost): Promise<Post> {
    this.localWrites += 1;
    const row = this.sql.insert.get(post.id, post.author, post.title, post.body, post.createdAt, post.createdAt);
    if (!row) throw new Error('INSERT returned no row');
    return toPost(row);
  }

  async update(author: string, id: string, changes: PostChanges, updatedAt: string): Promise<Post | undefined> {
    this.localWrites += 1;
    const row = this.sql.update.get(changes.title ?? null, changes.body ?? null, updatedAt, author, id);
    return row ? toPost(row) : undefined;
  }

  async delete(author: string, id: string): Promise<boolean> {
    this.localWrites += 1;
    return this.sql.delete.run(author, id).changes > 0;
  }

  async ping(): Promise<boolean> {
    return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
