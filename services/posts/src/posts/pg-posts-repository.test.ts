import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testLogger } from '../testing/test-logger.js';
import { PgPostsRepository } from './pg-posts-repository.js';
import { repositoryContract } from './test-repository-contract.js';

const url = process.env.TEST_DATABASE_URL;

async function reachable(connectionString: string): Promise<boolean> {
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

const available = url ? await reachable(url) : false;

describe('PostgreSQL test database', () => {
  // In CI a configured but unreachable database is a failure, never a silent skip.
  it.runIf(Boolean(url) && process.env.CI === 'true')('is reachable at TEST_DATABASE_URL', () => {
    expect(available, `TEST_DATABASE_URL is set but unreachable`).toBe(true);
  });
});

/** A throw-away schema per target, dropped afterwards. */
export function pgTarget(connectionString: string) {
  return async () => {
    const schema = `posts_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const open = () => new PgPostsRepository({ connectionString, poolMax: 4, timeoutMs: 5000, logger: testLogger(), schema });
    return {
      open,
      cleanup: async () => {
        const repo = open();
        await repo.dropSchema();
        await repo.close();
      },
    };
  };
}

if (url && available) {
  repositoryContract('PostgreSQL', pgTarget(url));
} else {
  describe.skip('PostgreSQL repository contract (set TEST_DATABASE_URL to run)', () => {
    it('needs a database', () => undefined);
  });
}
