import type { VerificationKey } from './import-key-set.js';

/**
 * The bookkeeping of a cached JWK Set: the keys, when the issuer last confirmed them, until
 * when they are fresh, until when they may still verify (stale-if-error), and when the next
 * fetch attempt is due. Pure state over a caller-supplied clock, so every rule is testable.
 */
export class KeySetState {
  keys: ReadonlyMap<string, VerificationKey> = new Map();
  etag: string | undefined;
  hasSet = false;
  failures = 0;
  private validatedAt = 0;
  private expiresAt = 0;
  private usableUntil = 0;
  nextAttemptAt = 0;

  constructor(private readonly staleMaxMs: number) {}

  /** A 200 or 304 arrived at `now`, fresh for `ttlSeconds`. Returns the kids that left the set. */
  confirmed(now: number, ttlSeconds: number, fetched?: { keys: ReadonlyMap<string, VerificationKey>; etag: string | undefined }): string[] {
    let removed: string[] = [];
    if (fetched) {
      // Identity, not kid: importKeySet reuses the entry only when the key material is unchanged.
      removed = [...this.keys].filter(([kid, entry]) => fetched.keys.get(kid) !== entry).map(([kid]) => kid);
      this.keys = fetched.keys;
      this.etag = fetched.etag;
    }
    this.validatedAt = now;
    this.expiresAt = now + ttlSeconds * 1000;
    this.usableUntil = this.expiresAt + this.staleMaxMs;
    this.nextAttemptAt = this.expiresAt;
    this.failures = 0;
    this.hasSet = true;
    return removed;
  }

  /** A fetch failed at `now`; the next attempt waits `retryInMs`. */
  failed(now: number, retryInMs: number): void {
    this.failures += 1;
    this.nextAttemptAt = now + retryInMs;
  }

  /** The set may verify tokens at `now`. */
  usable(now: number): boolean {
    return this.hasSet && now < this.usableUntil;
  }

  /** Past freshness at `now`. */
  expired(now: number): boolean {
    return now >= this.expiresAt;
  }

  /** Serving an expired set because refreshes fail. */
  stale(now: number): boolean {
    return this.hasSet && this.failures > 0 && now >= this.expiresAt;
  }

  /** Seconds since the issuer last confirmed the set (0 before the first). */
  ageSeconds(now: number): number {
    return this.hasSet ? Math.max(0, (now - this.validatedAt) / 1000) : 0;
  }

  /** Whole seconds the set may still verify (for logs). */
  usableForSeconds(now: number): number {
    return this.hasSet ? Math.max(0, Math.round((this.usableUntil - now) / 1000)) : 0;
  }
}
