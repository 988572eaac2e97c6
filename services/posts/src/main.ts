import { createLogger, exitOnSignals, failStartup } from '@app/shared';
import { loadPostsConfig, type PostsConfig } from './config.js';
import { startServer } from './server.js';

// The composition root: the only module that reads process.env or exits.
let config: PostsConfig;
try {
  config = loadPostsConfig(process.env);
} catch (err) {
  failStartup(err);
}
const logger = createLogger({ service: 'posts', level: config.LOG_LEVEL });

try {
  const running = await startServer(config, { logger });
  logger.info({ url: running.url, port: running.port }, 'listening');
  exitOnSignals({
    server: running.server,
    health: running.health,
    logger,
    delayMs: config.SHUTDOWN_DELAY_MS,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    onClosed: running.close,
  });
} catch (err) {
  failStartup(err, logger);
}
