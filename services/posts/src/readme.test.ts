import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERIFY_RESULTS } from './auth/access-token.js';
import { Registry } from 'prom-client';
import { TokenVerifier } from './auth/token-verifier.js';
import { postsConfigSchema } from './config.js';
import { JwksCache } from './jwks/jwks-cache.js';
import { testLogger } from './testing/test-logger.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every environment variable posts reads', () => {
    for (const name of Object.keys(postsConfigSchema)) expect(readme, name).toContain(`| \`${name}\` |`);
  });

  it('lists every jwt_verify_total result', () => {
    for (const result of VERIFY_RESULTS) expect(readme, result).toContain(`\`${result}\``);
  });

  it('lists every metric the JWKS cache and the verifier register', async () => {
    const registry = new Registry();
    const jwks = new JwksCache({
      url: 'http://127.0.0.1:1/jwks.json', timeoutMs: 100, minTtlSeconds: 1, maxTtlSeconds: 2, cooldownSeconds: 1,
      staleMaxSeconds: 1, logger: testLogger(), registry, autoRefresh: false,
    });
    new TokenVerifier({ jwks, issuer: 'http://a', audience: 'b', clockToleranceSeconds: 0, cacheSize: 1, registry });
    const names = (await registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names.length).toBe(6);
    for (const name of names) expect(readme, name).toContain(`| \`${name}`);
  });
});
