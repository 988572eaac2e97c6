import type { Logger } from 'pino';
import { backoffDelay, type BackoffOptions } from '../jwks/backoff.js';
import type { PostsRepository } from './posts-repository.js';

/** A running start-up migration loop. */
export interface MigrationRun {
  /** Resolves true once migrated, false when stopped first. */
  readonly done: Promise<boolean>;
  /** Stops retrying (shutdown). */
  stop(): void;
}

/**
 * Runs migrations in the background, retrying with backoff, so a database that is down at
 * start-up delays readiness instead of crash-looping the pod; `onReady` fires once.
 */
export function startMigrations(
  repository: PostsRepository,
  options: { seedDemoData: boolean; logger: Logger; onReady: () => void; retry?: BackoffOptions },
): MigrationRun {
  const retry = options.retry ?? { initialMs: 250, maxMs: 10_000 };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const done = (async () => {
    for (let failures = 0; !stopped; ) {
      try {
        const { created } = await repository.migrate({ seedDemoData: options.seedDemoData });
        options.logger.info({ created, seeded: created && options.seedDemoData }, 'database migrated');
        options.onReady();
        return true;
      } catch (err) {
        failures += 1;
        const delay = backoffDelay(failures, retry);
        options.logger.warn({ err: err instanceof Error ? err.message : String(err), failures, retryInMs: delay }, 'database migration failed');
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, delay);
        });
      }
    }
    return false;
  })();
  return {
    done,
    stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
    },
  };
}
