import type { Server } from 'node:http';
import { bindServer, createAppServer, createMetrics, Health, shutdown, type Logger } from '@app/shared';
import { createApp } from './app.js';
import type { AuthConfig } from './config.js';
import { KeyStore } from './keys/key-store.js';
import { UserDirectory } from './users/user-directory.js';

/** A running auth server. */
export interface AuthServer {
  readonly url: string;
  readonly port: number;
  /** The issuer in force (the derived default follows the real port when PORT=0). */
  readonly issuer: string;
  readonly server: Server;
  readonly health: Health;
  readonly keyStore: KeyStore;
  /** Graceful shutdown (readiness 503, delay, drain); never exits the process. */
  stop(): Promise<void>;
}

/**
 * Builds the real dependencies and listens on HOST:PORT. The users file must be valid (start-up
 * fails otherwise); the key set may be missing or broken at first: readiness stays 503 and the
 * store keeps polling until a valid one appears, as when a Secret is mounted late.
 */
export async function startServer(config: AuthConfig, { logger, clock }: { logger: Logger; clock?: () => number }): Promise<AuthServer> {
  const users = await UserDirectory.fromFile(config.USERS_FILE);
  const keyStore = new KeyStore({
    file: config.KEYS_FILE,
    logger,
    reloadIntervalMs: config.KEYS_RELOAD_INTERVAL_MS,
    tokenTtlSeconds: config.ACCESS_TOKEN_TTL,
    ...(clock ? { clock } : {}),
  });
  const health = new Health();
  const metrics = createMetrics();

  // Listen before building the app: with PORT=0 and the derived issuer, the issuer must name the real port.
  const { server, serve } = createAppServer();
  const { url, port } = await bindServer(server, config.PORT, config.HOST);
  const issuer = config.PORT === 0 && config.ISSUER === 'http://localhost:0' ? `http://localhost:${port}` : config.ISSUER;

  const app = createApp({ config: Object.freeze({ ...config, ISSUER: issuer }), logger, keyStore, users, health, metrics });
  serve(app);
  await keyStore.start();

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    issuer,
    server,
    health,
    keyStore,
    stop() {
      stopping ??= shutdown({
        server,
        health,
        logger,
        delayMs: config.SHUTDOWN_DELAY_MS,
        timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
        onClosed: () => keyStore.stop(),
      }).then((code) => {
        if (code !== 0) throw new Error('shutdown timed out with requests still in flight');
      });
      return stopping;
    },
  };
}
