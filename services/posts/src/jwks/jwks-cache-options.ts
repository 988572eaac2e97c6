import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { BackoffOptions } from './backoff.js';

/** Milliseconds since the epoch; injectable so tests move time without sleeping. */
export type Clock = () => number;

/** Settings of a `JwksCache` (the JWKS_* variables, in their units). */
export interface JwksCacheOptions {
  url: string;
  timeoutMs: number;
  minTtlSeconds: number;
  maxTtlSeconds: number;
  cooldownSeconds: number;
  staleMaxSeconds: number;
  logger: Logger;
  registry: Registry;
  clock?: Clock;
  /** Retry schedule after failed fetches (start-up and refreshes). */
  retry?: BackoffOptions;
  /** Timers that refresh without traffic; unit tests with a fake clock turn them off. */
  autoRefresh?: boolean;
}
