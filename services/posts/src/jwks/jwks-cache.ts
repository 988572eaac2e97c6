import type { CryptoKey } from 'jose';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import type { Clock, JwksCacheOptions } from './jwks-cache-options.js';
import { JwksUnavailableError, UnknownKidError } from './jwks-errors.js';
import { KeySetState } from './key-set-state.js';
import { loadKeySet } from './load-key-set.js';
import { createJwksMetrics, type JwksGaugeSource, type JwksMetrics } from './jwks-metrics.js';

export type { Clock, JwksCacheOptions } from './jwks-cache-options.js';

const DEFAULT_RETRY: BackoffOptions = { initialMs: 250, maxMs: 30_000 };

/**
 * The issuer's JWK Set, cached as a whole. Freshness follows the issuer's Cache-Control
 * within bounds; an aged set is refreshed in the background (requests never wait); an
 * unknown kid refetches at once, single flight and at most once per cooldown; failed
 * refreshes keep the last good set for `staleMaxSeconds` past its expiry, then fail closed.
 */
export class JwksCache implements JwksGaugeSource {
  readonly metrics: JwksMetrics;
  private readonly clock: Clock;
  private readonly retry: BackoffOptions;
  private readonly state: KeySetState;
  private lastKidRefetchAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<boolean> | undefined;
  private started = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly closing = new AbortController();
  private readonly removalListeners = new Set<(kids: readonly string[]) => void>();
  private readonly firstSet: Promise<void>;
  private resolveFirstSet!: () => void;

  constructor(private readonly options: JwksCacheOptions) {
    this.clock = options.clock ?? Date.now;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.state = new KeySetState(options.staleMaxSeconds * 1000);
    this.metrics = createJwksMetrics(options.registry, () => this);
    this.firstSet = new Promise((resolve) => (this.resolveFirstSet = resolve));
  }

  /** Starts the first fetch (retried with backoff in the background) and the refresh timer. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.refresh();
  }

  /** Resolves once the first key set has arrived. */
  whenReady(): Promise<void> {
    return this.firstSet;
  }

  /** True once a key set has been fetched (readiness). */
  get ready(): boolean {
    return this.state.hasSet;
  }

  /** Key ids currently trusted. */
  get kids(): string[] {
    return [...this.state.keys.keys()];
  }

  /** Calls `listener` with the kids that left the set (or changed material) after a fetch. */
  onKeysRemoved(listener: (kids: readonly string[]) => void): () => void {
    this.removalListeners.add(listener);
    return () => this.removalListeners.delete(listener);
  }

  /**
   * Cheap check for the hot path: true while the held set may verify tokens. Starts a
   * background refresh when one is due; never waits for it.
   */
  poll(now: number = this.clock()): boolean {
    if (this.started && this.inflight === undefined && now >= this.state.nextAttemptAt && !this.closed) void this.refresh();
    return this.state.usable(now);
  }

  /**
   * The verification key for `kid`. Throws `UnknownKidError` (a bad token) or
   * `JwksUnavailableError` (no usable set: before the first fetch, or stale past the limit).
   */
  async getKey(kid: string): Promise<CryptoKey> {
    const now = this.clock();
    if (!this.poll(now)) {
      if (!this.state.hasSet && this.inflight) await this.inflight;
      if (!this.poll()) {
        throw new JwksUnavailableError(this.state.hasSet ? 'the cached JWK Set is stale past its limit' : 'no JWK Set fetched yet');
      }
    }
    let entry = this.state.keys.get(kid);
    if (entry === undefined) {
      // Single flight: join a fetch in flight; otherwise refetch at most once per cooldown.
      if (this.inflight) {
        await this.inflight;
      } else if (!this.inKidCooldown(now)) {
        this.lastKidRefetchAt = now;
        await this.refresh();
      }
      entry = this.state.keys.get(kid);
      if (entry === undefined) throw new UnknownKidError(kid);
    }
    return entry.key;
  }

  /**
   * True when a token naming `kid` is sure to fail right now: the held set is usable, does not
   * hold `kid`, no fetch is in flight and the unknown-kid cooldown has not passed, so `getKey`
   * would throw `UnknownKidError` without asking the issuer. Lets the verifier refuse a flood of
   * made-up kids before any signature work.
   */
  refusesKid(kid: string, now: number = this.clock()): boolean {
    return (
      this.inflight === undefined &&
      !this.state.keys.has(kid) &&
      this.inKidCooldown(now) &&
      this.state.usable(now)
    );
  }

  /** Whether an unknown kid refetched less than a cooldown ago, so the next one may not refetch. */
  private inKidCooldown(now: number): boolean {
    return now - this.lastKidRefetchAt < this.options.cooldownSeconds * 1000;
  }

  /** Fetches now unless a fetch is in flight (then joins it). Resolves true on success; never rejects. */
  refresh(): Promise<boolean> {
    if (this.inflight) return this.inflight;
    this.inflight = this.fetchOnce().finally(() => {
      this.inflight = undefined;
      this.schedule();
    });
    return this.inflight;
  }

  /** Stops timers and aborts a fetch in flight. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.closing.abort();
  }

  /** JwksGaugeSource: seconds since the issuer last confirmed the set. */
  ageSeconds(): number {
    return this.state.ageSeconds(this.clock());
  }

  /** JwksGaugeSource: serving an expired set because refreshes fail. */
  isStale(): boolean {
    return this.state.stale(this.clock());
  }

  private async fetchOnce(): Promise<boolean> {
    const { logger } = this.options;
    const endTimer = this.metrics.fetchDuration.startTimer();
    const first = !this.state.hasSet;
    try {
      const loaded = await loadKeySet(this.options.url, {
        timeoutMs: this.options.timeoutMs,
        minTtlSeconds: this.options.minTtlSeconds,
        maxTtlSeconds: this.options.maxTtlSeconds,
        ...(this.state.hasSet ? { held: { keys: this.state.keys, etag: this.state.etag } } : {}),
        signal: this.closing.signal,
      });
      if (loaded.skipped.length > 0) logger.warn({ skipped: loaded.skipped }, 'JWK Set entries ignored');
      const ttl = loaded.ttlSeconds;
      if (this.state.failures > 0) logger.info({ failures: this.state.failures }, 'JWK Set refresh recovered');
      const removed = this.state.confirmed(this.clock(), ttl, loaded.fetched);
      this.metrics.fetchTotal.inc({ result: loaded.kind });
      this.metrics.keys.set(this.state.keys.size);
      logger.debug({ result: loaded.kind, kids: this.kids, ttl }, 'JWK Set fetched');
      if (removed.length > 0) {
        logger.info({ removed }, 'keys left the JWK Set');
        for (const listener of this.removalListeners) listener(removed);
      }
      if (first) {
        logger.info({ kids: this.kids, ttl }, 'first JWK Set fetched');
        this.resolveFirstSet();
      }
      return true;
    } catch (err) {
      const now = this.clock();
      this.state.failed(now, backoffDelay(this.state.failures + 1, this.retry));
      this.metrics.fetchTotal.inc({ result: 'error' });
      logger.warn(
        {
          err: err instanceof Error ? err.message : String(err),
          failures: this.state.failures,
          stale: this.state.stale(now),
          usableForSeconds: this.state.usableForSeconds(now),
        },
        first ? 'JWK Set fetch failed; retrying' : 'JWK Set refresh failed; verifying with the cached set',
      );
      return false;
    } finally {
      endTimer();
    }
  }

  private schedule(): void {
    if (this.closed || this.options.autoRefresh === false) return;
    clearTimeout(this.timer);
    // Timers only wake the cache; the (injectable) clock decides whether a fetch is due.
    const delay = Math.min(Math.max(this.state.nextAttemptAt - this.clock(), 10), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      if (this.clock() >= this.state.nextAttemptAt) void this.refresh();
      else this.schedule();
    }, delay);
    this.timer.unref();
  }
}
