import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgPostsRepository } from '../posts/pg-posts-repository.js';
import { testLogger } from './test-logger.js';

/** TEST_DATABASE_URL, when the run should also cover PostgreSQL. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** True when a connection and `SELECT 1` succeed within a few seconds. */
export async function pgReachable(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh throw-away schema name, unique per process and call. */
export function throwAwaySchema(): string {
  return `posts_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Drops `schema` (and everything in it). */
export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  const repo = new PgPostsRepository({ connectionString, poolMax: 1, timeoutMs: 5000, logger: testLogger(), schema });
  try {
    await repo.dropSchema();
  } finally {
    await repo.close();
  }
}
