import type { Server } from 'node:http';
import { Health, createMetrics, listen, shutdown } from '@app/shared';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { TokenVerifier } from './auth/token-verifier.js';
import type { PostsConfig } from './config.js';
import { JwksCache, type Clock } from './jwks/jwks-cache.js';
import { createPostsRepository } from './posts/create-posts-repository.js';
import { startMigrations } from './posts/migration-runner.js';
import type { PostsRepository } from './posts/posts-repository.js';
import { PostsService } from './posts/posts-service.js';

/** A started posts server and the parts tests and the launcher may want to look at. */
export interface RunningPostsServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  readonly health: Health;
  readonly jwks: JwksCache;
  readonly verifier: TokenVerifier;
  readonly repository: PostsRepository;
  /** Releases timers and connections (the `onClosed` step of a shutdown). */
  close(): Promise<void>;
  /** The graceful shutdown (readiness 503, delay, drain, close); never exits the process. */
  stop(): Promise<void>;
}

/**
 * Builds the real dependencies (JWKS cache, verifier, repository), starts the background
 * JWKS fetch and migrations (readiness waits for both), and listens on HOST:PORT.
 */
export async function startServer(
  config: PostsConfig,
  options: { logger: Logger; clock?: Clock; databaseSchema?: string },
): Promise<RunningPostsServer> {
  const { logger } = options;
  const metrics = createMetrics();
  const health = new Health();
  const jwks = new JwksCache({
    url: config.JWKS_URL,
    timeoutMs: config.JWKS_TIMEOUT_MS,
    minTtlSeconds: config.JWKS_MIN_TTL_SECONDS,
    maxTtlSeconds: config.JWKS_MAX_TTL_SECONDS,
    cooldownSeconds: config.JWKS_COOLDOWN_SECONDS,
    staleMaxSeconds: config.JWKS_STALE_MAX_SECONDS,
    logger: logger.child({ component: 'jwks' }),
    registry: metrics.registry,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const verifier = new TokenVerifier({
    jwks,
    issuer: config.ISSUER,
    audience: config.AUDIENCE,
    clockToleranceSeconds: config.CLOCK_TOLERANCE_SECONDS,
    cacheSize: config.TOKEN_CACHE_SIZE,
    registry: metrics.registry,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const repository = createPostsRepository({
    databaseUrl: config.DATABASE_URL,
    poolMax: config.DATABASE_POOL_MAX,
    timeoutMs: config.DATABASE_TIMEOUT_MS,
    logger: logger.child({ component: 'database' }),
    ...(options.databaseSchema ? { schema: options.databaseSchema } : {}),
  });
  const service = new PostsService(repository, logger.child({ component: 'posts' }));
  const migrations = startMigrations(repository, {
    seedDemoData: config.SEED_DEMO_DATA,
    logger: logger.child({ component: 'database' }),
    onReady: () => service.markReady(),
  });
  health.addCheck('jwks', () => jwks.ready);
  health.addCheck('database', async () => service.ready && (await repository.ping()));
  jwks.start();

  const close = async () => {
    migrations.stop();
    jwks.close();
    await repository.close();
  };
  let running;
  try {
    running = await listen(createApp({ config, logger, metrics, health, verifier, service }), config.PORT, config.HOST);
  } catch (err) {
    await close();
    throw err;
  }
  const { server, url, port } = running;
  return {
    url,
    port,
    server,
    health,
    jwks,
    verifier,
    repository,
    close,
    async stop() {
      await shutdown({
        server,
        health,
        logger,
        delayMs: config.SHUTDOWN_DELAY_MS,
        timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
        onClosed: close,
      });
    },
  };
}
