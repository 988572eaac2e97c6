import type { Logger } from 'pino';
import { PgPostsRepository } from './pg-posts-repository.js';
import type { PostsRepository } from './posts-repository.js';
import { SqlitePostsRepository } from './sqlite-posts-repository.js';

/** What the factory needs: the DATABASE_* settings. */
export interface RepositorySettings {
  databaseUrl: string;
  poolMax: number;
  timeoutMs: number;
  logger: Logger;
  /** PostgreSQL only: a schema other than the search_path default. */
  schema?: string;
}

/** The adapter for a `DATABASE_URL`: `sqlite:<path>`, `sqlite::memory:` or `postgres(ql)://`. */
export function createPostsRepository(settings: RepositorySettings): PostsRepository {
  const { databaseUrl } = settings;
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    if (path.length === 0) throw new Error('DATABASE_URL sqlite: needs a path or :memory:');
    return new SqlitePostsRepository(path);
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return new PgPostsRepository({
      connectionString: databaseUrl,
      poolMax: settings.poolMax,
      timeoutMs: settings.timeoutMs,
      logger: settings.logger,
      ...(settings.schema ? { schema: settings.schema } : {}),
    });
  }
  throw new Error('DATABASE_URL must start with sqlite: or postgres:// or postgresql://');
}
