import { createHttpApp, finishApp, type Health, type HttpMetrics } from '@app/shared';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { TokenVerifier } from './auth/token-verifier.js';
import type { PostsConfig } from './config.js';
import { postsRouter } from './posts/posts-routes.js';
import type { PostsService } from './posts/posts-service.js';

/** Everything the posts app is built from; `startServer` makes the real ones. */
export interface PostsAppDeps {
  config: Pick<PostsConfig, 'BODY_LIMIT_BYTES' | 'TRUST_PROXY'>;
  logger: Logger;
  metrics: HttpMetrics;
  health: Health;
  verifier: TokenVerifier;
  service: PostsService;
}

/** The posts express app (health, metrics, `/api/posts`, errors). Never listens. */
export function createApp(deps: PostsAppDeps): Express {
  const app = createHttpApp({
    logger: deps.logger,
    metrics: deps.metrics,
    health: deps.health,
    bodyLimitBytes: deps.config.BODY_LIMIT_BYTES,
    trustProxy: deps.config.TRUST_PROXY,
  });
  app.use(postsRouter({ service: deps.service, verifier: deps.verifier }));
  return finishApp(app);
}
