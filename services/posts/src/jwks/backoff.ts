/**
 * Exponential backoff with jitter for retrying the JWKS fetch: quick recovery after a
 * blip, bounded load on an issuer that is down, and replicas that do not retry in lockstep.
 */
export interface BackoffOptions {
  /** Delay after the first failure. */
  initialMs: number;
  /** Largest delay. */
  maxMs: number;
  /** Source of randomness in [0, 1) (tests pass a constant). */
  random?: () => number;
}

/** Delay before retry number `failures` (1 = after the first failure). */
export function backoffDelay(failures: number, options: BackoffOptions): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const base = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  const random = options.random ?? Math.random;
  // +-20 % jitter keeps the mean delay where the exponent puts it.
  return Math.max(1, Math.round(base * (0.8 + 0.4 * random())));
}
