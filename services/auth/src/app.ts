import type { Express } from 'express';
import { createHttpApp, createMetrics, finishApp, Health, type HttpMetrics, type Logger } from '@app/shared';
import { createAuthMetrics } from './auth-metrics.js';
import type { AuthConfig } from './config.js';
import type { KeyStore } from './keys/key-store.js';
import { FailureLimiter } from './login/failure-limiter.js';
import { discoveryRoute } from './routes/discovery-route.js';
import { jwksRoute } from './routes/jwks-route.js';
import { loginRoute } from './routes/login-route.js';
import { TokenIssuer } from './tokens/token-issuer.js';
import type { UserDirectory } from './users/user-directory.js';

/** What the auth app is built from; `startServer` makes the real ones. */
export interface AuthAppDeps {
  config: AuthConfig;
  logger: Logger;
  keyStore: KeyStore;
  users: UserDirectory;
  /** Created when absent; pass one to share it with the lifecycle (readiness, draining). */
  health?: Health;
  /** Created when absent (a fresh registry per app, as tests build many apps). */
  metrics?: HttpMetrics;
}

/** Builds the auth express app (never listens). Readiness waits for a key set that can sign. */
export function createApp(deps: AuthAppDeps): Express {
  const { config, logger, keyStore, users } = deps;
  const health = deps.health ?? new Health();
  const metrics = deps.metrics ?? createMetrics();
  health.addCheck('keys', () => keyStore.isReady());

  const authMetrics = createAuthMetrics(metrics.registry, keyStore);
  keyStore.onReload((result) => authMetrics.keyReloads.inc({ result }));
  const windowMs = config.LOGIN_FAILURE_WINDOW_SECONDS * 1000;
  const byUsername = new FailureLimiter({ maxFailures: config.LOGIN_MAX_FAILURES, windowMs, clock: keyStore.clock });
  const byIp = new FailureLimiter({ maxFailures: config.LOGIN_IP_MAX_FAILURES, windowMs, clock: keyStore.clock });
  const issuer = new TokenIssuer({
    keyStore,
    issuer: config.ISSUER,
    audience: config.AUDIENCE,
    clientId: config.CLIENT_ID,
    ttlSeconds: config.ACCESS_TOKEN_TTL,
  });

  const app = createHttpApp({
    logger,
    metrics,
    health,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
  });
  app.use(loginRoute({ users, issuer, metrics: authMetrics, byUsername, byIp }));
  app.use(jwksRoute({ keyStore, maxAgeSeconds: config.JWKS_MAX_AGE }));
  app.use(discoveryRoute({ issuer: config.ISSUER, scopes: users.scopes(), maxAgeSeconds: config.JWKS_MAX_AGE }));
  return finishApp(app);
}
