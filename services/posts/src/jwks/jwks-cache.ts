import type { CryptoKey } from 'jose';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { ttlSeconds } from './cache-control.js';
import { fetchJwks } from './fetch-jwks.js';
import { importKeySet, type VerificationKey } from './import-key-set.js';
import { JwksUnavailableError, UnknownKidError } from './jwks-errors.js';
import { createJwksMetrics, type JwksGaugeSource, type JwksMetrics } from './jwks-metrics.js';

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
  private keys: ReadonlyMap<string, VerificationKey> = new Map();
  private etag: string | undefined;
  private hasSet = false;
  private validatedAt = 0;
  private expiresAt = 0;
  private usableUntil = 0;
  private nextAttemptAt = 0;
  private failures = 0;
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
    return this.hasSet;
  }

  /** Key ids currently trusted. */
  get kids(): string[] {
    return [...this.keys.keys()];
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
    if (this.started && this.inflight === undefined && now >= this.nextAttemptAt && !this.closed) void this.refresh();
    return this.hasSet && now < this.usableUntil;
  }

  /**
   * The verification key for `kid`. Throws `UnknownKidError` (a bad token) or
   * `JwksUnavailableError` (no usable set: before the first fetch, or stale past the limit).
   */
  async getKey(kid: string): Promise<CryptoKey> {
    const now = this.clock();
    if (!this.poll(now)) {
      if (!this.hasSet && this.inflight) await this.inflight;
      if (!this.poll()) {
        throw new JwksUnavailableError(this.hasSet ? 'the cached JWK Set is stale past its limit' : 'no JWK Set fetched yet');
      }
    }
    let entry = this.keys.get(kid);
    if (entry === undefined) {
      if (this.inflight) {
        await this.inflight;
      } else if (now - this.lastKidRefetchAt >= this.options.cooldownSeconds * 1000) {
        this.lastKidRefetchAt = now;
        await this.refresh();
      }
      entry = this.keys.get(kid);
      if (entry === undefined) throw new UnknownKidError(kid);
    }
    return entry.key;
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
    return this.hasSet ? Math.max(0, (this.clock() - this.validatedAt) / 1000) : 0;
  }

  /** JwksGaugeSource: serving an expired set because refreshes fail. */
  isStale(): boolean {
    return this.hasSet && this.failures > 0 && this.clock() >= this.expiresAt;
  }

  private async fetchOnce(): Promise<boolean> {
    const { logger, metrics } = { logger: this.options.logger, metrics: this.metrics };
    const endTimer = metrics.fetchDuration.startTimer();
    try {
      const response = await fetchJwks(this.options.url, {
        timeoutMs: this.options.timeoutMs,
        etag: this.hasSet ? this.etag : undefined,
        signal: this.closing.signal,
      });
      if (response.kind === 'ok') {
        const imported = await importKeySet(response.body, this.keys);
        if (imported.skipped.length > 0) logger.warn({ skipped: imported.skipped }, 'JWK Set entries ignored');
        this.replaceKeys(imported.keys);
        this.etag = response.etag;
      }
      const now = this.clock();
      const ttl = ttlSeconds(response.cacheControl, this.options.minTtlSeconds, this.options.maxTtlSeconds);
      this.validatedAt = now;
      this.expiresAt = now + ttl * 1000;
      this.usableUntil = this.expiresAt + this.options.staleMaxSeconds * 1000;
      this.nextAttemptAt = this.expiresAt;
      if (this.failures > 0) logger.info({ failures: this.failures }, 'JWK Set refresh recovered');
      this.failures = 0;
      metrics.fetchTotal.inc({ result: response.kind });
      logger.debug({ result: response.kind, kids: this.kids, ttl }, 'JWK Set fetched');
      if (!this.hasSet) {
        this.hasSet = true;
        logger.info({ kids: this.kids, ttl }, 'first JWK Set fetched');
        this.resolveFirstSet();
      }
      return true;
    } catch (err) {
      this.failures += 1;
      const now = this.clock();
      this.nextAttemptAt = now + backoffDelay(this.failures, this.retry);
      metrics.fetchTotal.inc({ result: 'error' });
      const stale = this.hasSet && now >= this.expiresAt;
      logger.warn(
        { err: err instanceof Error ? err.message : String(err), failures: this.failures, hasSet: this.hasSet, stale,
          usableForSeconds: this.hasSet ? Math.max(0, Math.round((this.usableUntil - now) / 1000)) : 0 },
        this.hasSet ? 'JWK Set refresh failed; verifying with the cached set' : 'JWK Set fetch failed; retrying',
      );
      return false;
    } finally {
      endTimer();
    }
  }

  private replaceKeys(next: ReadonlyMap<string, VerificationKey>): void {
    // Identity, not kid: importKeySet reuses the entry only when the key material is unchanged.
    const removed = [...this.keys].filter(([kid, entry]) => next.get(kid) !== entry).map(([kid]) => kid);
    this.keys = next;
    this.metrics.keys.set(next.size);
    if (removed.length === 0) return;
    this.options.logger.info({ removed }, 'keys left the JWK Set');
    for (const listener of this.removalListeners) listener(removed);
  }

  private schedule(): void {
    if (this.closed || this.options.autoRefresh === false) return;
    clearTimeout(this.timer);
    const delay = Math.min(Math.max(this.nextAttemptAt - this.clock(), 10), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      if (this.clock() >= this.nextAttemptAt) void this.refresh();
      else this.schedule();
    }, delay);
    this.timer.unref();
  }
}
