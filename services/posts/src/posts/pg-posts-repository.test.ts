import { describe, expect, it } from 'vitest';
import { testLogger } from '../testing/test-logger.js';
import { TEST_DATABASE_URL, dropSchema, pgReachable, throwAwaySchema } from '../testing/test-pg.js';
import { PgPostsRepository } from './pg-posts-repository.js';
import { repositoryContract } from './test-repository-contract.js';

const url = TEST_DATABASE_URL;
const available = url ? await pgReachable(url) : false;

describe('PostgreSQL test database', () => {
  // In CI a configured but unreachable database is a failure, never a silent skip.
  it.runIf(Boolean(url) && process.env.CI === 'true')('is reachable at TEST_DATABASE_URL', () => {
    expect(available, 'TEST_DATABASE_URL is set but unreachable').toBe(true);
  });
});

if (url && available) {
  repositoryContract('PostgreSQL', async () => {
    const schema = throwAwaySchema();
    return {
      open: () => new PgPostsRepository({ connectionString: url, poolMax: 4, timeoutMs: 5000, logger: testLogger(), schema }),
      cleanup: () => dropSchema(url, schema),
    };
  });
} else {
  describe.skip('PostgreSQL repository contract (set TEST_DATABASE_URL to run)', () => {
    it('needs a database', () => undefined);
  });
}
