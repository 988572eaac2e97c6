import { createLogger, type Logger } from '@app/shared';

/** A silent logger (LOG_LEVEL=debug TEST_LOGS=1 shows the lines while debugging a test). */
export function testLogger(): Logger {
  return createLogger({ service: 'posts-test', level: process.env.TEST_LOGS ? 'debug' : 'silent' });
}
