/**
 * Counts failed attempts per key (a username, a client IP) in a fixed window that starts with
 * the first failure. In memory, so each replica counts on its own: with N replicas behind a
 * load balancer an attacker gets up to N times the limit. The map is bounded: expired windows
 * are swept, and when it is still full the oldest entries go first.
 */
export class FailureLimiter {
  private readonly entries = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly options: {
      /** Attempts allowed per window; 0 disables the limit. */
      maxFailures: number;
      windowMs: number;
      clock: () => number;
      maxEntries?: number;
    },
  ) {}

  /**
   * Records one attempt before its outcome is known, so concurrent attempts cannot all slip
   * under the limit. Returns the seconds to wait when the key is already over its limit.
   */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    if (this.options.maxFailures === 0) return { allowed: true };
    const now = this.options.clock();
    let entry = this.entries.get(key);
    if (entry && entry.resetAt <= now) {
      this.entries.delete(key);
      entry = undefined;
    }
    if (entry && entry.count >= this.options.maxFailures) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) };
    }
    if (entry) entry.count += 1;
    else {
      this.makeRoom(now);
      this.entries.set(key, { count: 1, resetAt: now + this.options.windowMs });
    }
    return { allowed: true };
  }

  /** Gives back one attempt taken by `take` (it turned out not to be a failure). */
  refund(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count <= 0) this.entries.delete(key);
  }

  /** Forgets the key (a successful login clears its username's failures). */
  reset(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private makeRoom(now: number): void {
    const max = this.options.maxEntries ?? 100_000;
    if (this.entries.size < max) return;
    for (const [key, entry] of this.entries) if (entry.resetAt <= now) this.entries.delete(key);
    // Map iteration is insertion order: the first entries are the oldest windows. Freeing a
    // tenth at once keeps the sweep from running on every insert while under attack.
    const target = Math.floor(max * 0.9);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= target) break;
      this.entries.delete(key);
    }
  }
}
