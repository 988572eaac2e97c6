import { Health, createMetrics, type HttpMetrics } from '@app/shared';
import type { Express } from 'express';
import { createApp } from '../app.js';
import { TokenVerifier } from '../auth/token-verifier.js';
import { JwksCache, type Clock } from '../jwks/jwks-cache.js';
import type { PostsRepository } from '../posts/posts-repository.js';
import { PostsService } from '../posts/posts-service.js';
import { SqlitePostsRepository } from '../posts/sqlite-posts-repository.js';
import { TestJwksServer } from './test-jwks-server.js';
import { testLogger } from './test-logger.js';
import { AUDIENCE, ISSUER, type TestKey } from './test-tokens.js';

/** A posts app on real parts: a JWKS server on port 0, the real cache and verifier, SQLite in memory. */
export interface TestApp {
  app: Express;
  jwksServer: TestJwksServer;
  jwks: JwksCache;
  verifier: TokenVerifier;
  service: PostsService;
  repository: PostsRepository;
  metrics: HttpMetrics;
  health: Health;
  close(): Promise<void>;
}

export async function createTestApp(
  keys: TestKey[],
  options: { clock?: Clock; tokenCacheSize?: number; repository?: PostsRepository; waitForJwks?: boolean; clockTolerance?: number } = {},
): Promise<TestApp> {
  const logger = testLogger();
  const jwksServer = await TestJwksServer.start(keys.map((k) => k.jwk));
  const metrics = createMetrics({ defaultMetrics: false });
  const health = new Health();
  const jwks = new JwksCache({
    url: jwksServer.url, timeoutMs: 2000, minTtlSeconds: 30, maxTtlSeconds: 3600, cooldownSeconds: 30,
    staleMaxSeconds: 86_400, logger, registry: metrics.registry, autoRefresh: false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const verifier = new TokenVerifier({
    jwks, issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: options.clockTolerance ?? 0,
    cacheSize: options.tokenCacheSize ?? 100, registry: metrics.registry,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const repository = options.repository ?? new SqlitePostsRepository(':memory:');
  await repository.migrate({ seedDemoData: false });
  const service = new PostsService(repository, logger);
  service.markReady();
  health.addCheck('jwks', () => jwks.ready);
  if (options.waitForJwks !== false) {
    jwks.start();
    await jwks.whenReady();
  }
  const app = createApp({ config: { BODY_LIMIT_BYTES: 16_384, TRUST_PROXY: 0 }, logger, metrics, health, verifier, service });
  return {
    app, jwksServer, jwks, verifier, service, repository, metrics, health,
    async close() {
      jwks.close();
      await jwksServer.stop();
      await repository.close();
    },
  };
}
