import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createAppServer } from './app-server.js';
import type { Health } from './health.js';

/** A listening HTTP server and its address. */
export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
}

/**
 * Binds `server` on `host:port` (0 picks a free port), resolves once the socket is bound, with the
 * keep-alive timeouts every service uses. For a server whose app is attached later (auth builds
 * its app once it knows the real port); otherwise use `listen`.
 */
export async function bindServer(server: Server, port: number, host: string): Promise<RunningServer> {
  server.listen(port, host);
  await once(server, 'listening');
  // Keep-alive longer than typical proxy idle timeouts, so the proxy closes first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, port: address.port, url: `http://${shownHost}:${address.port}` };
}

/** Serves `app` on `host:port` (0 picks a free port) and resolves once the socket is bound. */
export async function listen(app: Express, port: number, host: string): Promise<RunningServer> {
  const { server, serve } = createAppServer();
  serve(app);
  return bindServer(server, port, host);
}

export interface ShutdownOptions {
  server: Server;
  health: Health;
  logger: Logger;
  /** How long readiness reports 503 before the listener closes (lets endpoints drop the pod). */
  delayMs: number;
  /** Hard limit for draining in-flight requests once the listener has closed. */
  timeoutMs: number;
  /** Closes pools, watchers and timers after the last request. */
  onClosed?: () => Promise<void> | void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Graceful shutdown: readiness 503, wait the delay, stop accepting, let in-flight requests
 * finish (idle keep-alive sockets are closed, busy ones get `Connection: close`), run
 * `onClosed`. Resolves with the exit code: 0 when everything drained, 1 on the hard timeout.
 */
export async function shutdown(options: ShutdownOptions): Promise<number> {
  const { server, health, logger } = options;
  health.startDraining();
  logger.info({ delayMs: options.delayMs }, 'shutdown started: readiness is now 503');
  if (options.delayMs > 0) await sleep(options.delayMs);

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      logger.error({ timeoutMs: options.timeoutMs }, 'shutdown timed out with requests still in flight');
      server.closeAllConnections();
      resolve(1);
    }, options.timeoutMs);
    timer.unref();
  });
  const drained = (async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Sockets that finish a response after close() are idle now and then; sweep them.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    await closed;
    clearInterval(sweep);
    await options.onClosed?.();
    return 0;
  })();
  const code = await Promise.race([drained, timedOut]);
  clearTimeout(timer);
  logger.info({ code }, 'shutdown complete');
  return code;
}

/**
 * Runs `shutdown` once on the first SIGTERM or SIGINT and exits with its code; a second signal
 * exits at once. Call from `main.ts` only.
 */
export function exitOnSignals(options: ShutdownOptions): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      options.logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    started = true;
    options.logger.info({ signal }, 'signal received');
    shutdown(options).then(
      (code) => process.exit(code),
      (err: unknown) => {
        options.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * Logs a fatal start-up error (a ConfigError lists every bad variable) and exits 1.
 * Used by each `main.ts` as the catch of its start function.
 */
export function failStartup(err: unknown, logger?: Logger): never {
  const message = err instanceof Error ? err.message : String(err);
  if (logger) logger.fatal({ err }, 'start-up failed');
  else process.stderr.write(`start-up failed: ${message}\n`);
  process.exit(1);
}
