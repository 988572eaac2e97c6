import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/** Paths that never reach a log line, whatever logs them. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
  'body.password',
  'access_token',
  '*.access_token',
  'privateKey',
  '*.privateKey',
];

let stdout: ReturnType<typeof pino.destination> | undefined;

/**
 * stdout written asynchronously: lines logged while a write is in flight go out together, so a
 * busy service does not make one blocking syscall per access line. Flushed synchronously on exit,
 * so the last lines (the shutdown's) are never lost.
 */
function asyncStdout(): DestinationStream {
  if (!stdout) {
    const destination = pino.destination({ dest: 1, sync: false });
    process.once('exit', () => destination.flushSync());
    stdout = destination;
  }
  return stdout;
}

/** A pino JSON logger on stdout (or `destination`), with secrets redacted. */
export function createLogger(options: { service: string; level: LevelWithSilent; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? asyncStdout(),
  );
}
