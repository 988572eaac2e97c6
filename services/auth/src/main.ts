import { createLogger, exitOnSignals, failStartup } from '@app/shared';
import { loadAuthConfig } from './config.js';
import { startServer } from './server.js';

/** The composition root: the only place that reads process.env. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadAuthConfig(process.env);
  } catch (err) {
    failStartup(err);
  }
  const logger = createLogger({ service: 'auth', level: config.LOG_LEVEL });
  try {
    const running = await startServer(config, { logger });
    logger.info({ url: running.url, port: running.port, issuer: running.issuer }, 'listening');
    exitOnSignals({
      server: running.server,
      health: running.health,
      logger,
      delayMs: config.SHUTDOWN_DELAY_MS,
      timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      onClosed: () => running.keyStore.stop(),
    });
  } catch (err) {
    failStartup(err, logger);
  }
}

void main();
