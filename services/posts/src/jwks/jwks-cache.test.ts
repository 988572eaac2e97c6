import { Registry } from 'prom-client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../testing/test-clock.js';
import { TestJwksServer } from '../testing/test-jwks-server.js';
import { testLogger } from '../testing/test-logger.js';
import { metricValue } from '../testing/test-metrics.js';
import { generateTestKey, type TestKey } from '../testing/test-tokens.js';
import { JwksCache, type JwksCacheOptions } from './jwks-cache.js';
import { JwksUnavailableError, UnknownKidError } from './jwks-errors.js';

let keyA: TestKey;
let keyB: TestKey;
let server: TestJwksServer;
let clock: TestClock;
let registry: Registry;
let cache: JwksCache;

beforeAll(async () => {
  [keyA, keyB] = await Promise.all([generateTestKey('key-a'), generateTestKey('key-b')]);
});

afterEach(async () => {
  cache?.close();
  await server?.stop();
});

async function setUp(options: Partial<JwksCacheOptions> = {}, cacheControl = 'public, max-age=300'): Promise<void> {
  server = await TestJwksServer.start([keyA.jwk]);
  server.cacheControl = cacheControl;
  clock = new TestClock();
  registry = new Registry();
  cache = new JwksCache({
    url: server.url,
    timeoutMs: 2000,
    minTtlSeconds: 30,
    maxTtlSeconds: 3600,
    cooldownSeconds: 30,
    staleMaxSeconds: 86_400,
    logger: testLogger(),
    registry,
    clock: clock.now,
    autoRefresh: false,
    retry: { initialMs: 1000, maxMs: 1000, random: () => 0.5 },
    ...options,
  });
  cache.start();
  await cache.whenReady();
}

describe('JwksCache freshness', () => {
  it('refuses keys with 503-class errors before the first set arrives', async () => {
    server = await TestJwksServer.start([keyA.jwk]);
    registry = new Registry();
    cache = new JwksCache({
      url: server.url, timeoutMs: 1000, minTtlSeconds: 30, maxTtlSeconds: 3600, cooldownSeconds: 30,
      staleMaxSeconds: 60, logger: testLogger(), registry, autoRefresh: false,
    });
    expect(cache.ready).toBe(false);
    await expect(cache.getKey('key-a')).rejects.toBeInstanceOf(JwksUnavailableError);
    expect(server.requests).toBe(0);
  });

  it('does not refetch while the set is fresh per Cache-Control max-age', async () => {
    await setUp({}, 'public, max-age=120');
    clock.advance(119);
    await cache.getKey('key-a');
    expect(server.requests).toBe(1);
    clock.advance(2);
    await cache.getKey('key-a');
    await cache.refresh();
    expect(server.requests).toBe(2);
  });

  it('clamps a tiny max-age up to JWKS_MIN_TTL_SECONDS', async () => {
    await setUp({}, 'max-age=1');
    clock.advance(29);
    await cache.getKey('key-a');
    expect(server.requests).toBe(1);
    clock.advance(1);
    cache.poll();
    await cache.refresh();
    expect(server.requests).toBe(2);
  });

  it('clamps a huge max-age down to JWKS_MAX_TTL_SECONDS', async () => {
    await setUp({}, 'max-age=31536000');
    clock.advance(3599);
    cache.poll();
    expect(server.requests).toBe(1);
    clock.advance(1);
    cache.poll();
    await cache.refresh();
    expect(server.requests).toBe(2);
  });

  it('answers from the aged set while the background refresh is still in flight', async () => {
    await setUp();
    clock.advance(301);
    const release = server.hold();
    const key = await cache.getKey('key-a');
    expect(key).toBeDefined();
    // The refresh started but could not have finished: the issuer is holding it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests).toBe(2);
    release();
    await cache.refresh();
  });

  it('revalidates with If-None-Match and keeps the set on 304', async () => {
    await setUp();
    clock.advance(301);
    expect(await cache.refresh()).toBe(true);
    expect(server.conditionalRequests).toBe(1);
    expect(await metricValue(registry, 'jwks_fetch_total', { result: 'not_modified' })).toBe(1);
    expect(await cache.getKey('key-a')).toBeDefined();
    // The 304 renewed freshness: no further fetch until the next max-age is over.
    clock.advance(299);
    cache.poll();
    expect(server.requests).toBe(2);
  });
});

describe('JwksCache unknown kid', () => {
  it('makes exactly one fetch for 500 concurrent requests carrying unknown kids', async () => {
    await setUp();
    const results = await Promise.allSettled(Array.from({ length: 500 }, (_, i) => cache.getKey(`random-${i}`)));
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof UnknownKidError)).toBe(true);
    expect(server.requests).toBe(2);
  });

  it('refetches for an unknown kid at most once per cooldown', async () => {
    await setUp();
    await expect(cache.getKey('nope-1')).rejects.toBeInstanceOf(UnknownKidError);
    await expect(cache.getKey('nope-2')).rejects.toBeInstanceOf(UnknownKidError);
    expect(server.requests).toBe(2);
    clock.advance(30);
    await expect(cache.getKey('nope-3')).rejects.toBeInstanceOf(UnknownKidError);
    expect(server.requests).toBe(3);
  });

  it('says which kids are sure to fail without a fetch: unknown, none in flight, cooldown running', async () => {
    await setUp();
    expect(cache.refusesKid('key-a')).toBe(false);
    // No unknown-kid refetch yet: the first unknown kid deserves one.
    expect(cache.refusesKid('nope-1')).toBe(false);
    await expect(cache.getKey('nope-1')).rejects.toBeInstanceOf(UnknownKidError);
    expect(cache.refusesKid('nope-2')).toBe(true);
    expect(cache.refusesKid('key-a')).toBe(false);
    // A fetch in flight may bring the kid: join it instead of refusing.
    const inflight = cache.refresh();
    expect(cache.refusesKid('nope-2')).toBe(false);
    await inflight;
    clock.advance(30);
    expect(cache.refusesKid('nope-2')).toBe(false);
    expect(server.requests).toBe(3);
  });

  it('picks up a rotated key on the first request with its kid', async () => {
    await setUp();
    server.keys = [keyA.jwk, keyB.jwk];
    expect(await cache.getKey('key-b')).toBeDefined();
    expect(server.requests).toBe(2);
    expect(cache.kids.sort()).toEqual(['key-a', 'key-b']);
  });
});

describe('JwksCache failures', () => {
  it('keeps verifying with the last good set while the issuer is down, then fails closed', async () => {
    await setUp({ staleMaxSeconds: 600 });
    await server.stop();
    clock.advance(301);
    expect(await cache.getKey('key-a')).toBeDefined();
    expect(await cache.refresh()).toBe(false);
    expect(cache.isStale()).toBe(true);
    expect(await metricValue(registry, 'jwks_stale')).toBe(1);
    expect(await metricValue(registry, 'jwks_fetch_total', { result: 'error' })).toBeGreaterThanOrEqual(1);
    clock.advance(598);
    expect(await cache.getKey('key-a')).toBeDefined();
    clock.advance(2);
    await expect(cache.getKey('key-a')).rejects.toBeInstanceOf(JwksUnavailableError);
    expect(cache.poll()).toBe(false);
  });

  it('recovers by itself once the issuer is back', async () => {
    await setUp({ staleMaxSeconds: 600 });
    await server.stop();
    clock.advance(301);
    expect(await cache.refresh()).toBe(false);
    await server.listen();
    // The failed attempt scheduled a retry after the backoff; it is due now.
    clock.advance(1);
    cache.poll();
    expect(await cache.refresh()).toBe(true);
    expect(cache.isStale()).toBe(false);
    expect(await metricValue(registry, 'jwks_stale')).toBe(0);
    expect(await cache.getKey('key-a')).toBeDefined();
  });

  it('stops trusting a key as soon as a successful fetch no longer lists it', async () => {
    await setUp();
    server.keys = [keyA.jwk, keyB.jwk];
    await cache.refresh();
    expect(cache.kids.sort()).toEqual(['key-a', 'key-b']);
    const removed: string[][] = [];
    cache.onKeysRemoved((kids) => removed.push([...kids]));
    server.keys = [keyA.jwk];
    await cache.refresh();
    expect(removed).toEqual([['key-b']]);
    await expect(cache.getKey('key-b')).rejects.toBeInstanceOf(UnknownKidError);
    expect(await metricValue(registry, 'jwks_keys')).toBe(1);
  });

  it('retries the first fetch with backoff until the issuer answers', async () => {
    server = await TestJwksServer.start([keyA.jwk]);
    server.failWith = 500;
    registry = new Registry();
    cache = new JwksCache({
      url: server.url, timeoutMs: 1000, minTtlSeconds: 30, maxTtlSeconds: 3600, cooldownSeconds: 30,
      staleMaxSeconds: 60, logger: testLogger(), registry, retry: { initialMs: 5, maxMs: 20 },
    });
    cache.start();
    for (let i = 0; i < 200 && server.requests < 3; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(server.requests).toBeGreaterThanOrEqual(3);
    expect(cache.ready).toBe(false);
    server.failWith = undefined;
    await cache.whenReady();
    expect(cache.ready).toBe(true);
    expect(await cache.getKey('key-a')).toBeDefined();
  });

  it('gives up on a fetch that exceeds JWKS_TIMEOUT_MS', async () => {
    server = await TestJwksServer.start([keyA.jwk]);
    const release = server.hold();
    registry = new Registry();
    cache = new JwksCache({
      url: server.url, timeoutMs: 150, minTtlSeconds: 30, maxTtlSeconds: 3600, cooldownSeconds: 30,
      staleMaxSeconds: 60, logger: testLogger(), registry, autoRefresh: false,
    });
    expect(await cache.refresh()).toBe(false);
    expect(await metricValue(registry, 'jwks_fetch_total', { result: 'error' })).toBe(1);
    release();
  });

  it('treats a document without a keys array as a failed fetch and keeps the old set', async () => {
    await setUp();
    server.keys = 'nonsense' as never;
    clock.advance(301);
    expect(await cache.refresh()).toBe(false);
    expect(await cache.getKey('key-a')).toBeDefined();
  });
});

describe('JwksCache key filtering', () => {
  it('keeps only RSA RS256 signing keys of at least 2048 bits', async () => {
    await setUp();
    server.keys = [
      keyA.jwk,
      { ...keyB.jwk, kid: 'enc', use: 'enc' },
      { ...keyB.jwk, kid: 'rs512', alg: 'RS512' },
      { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA', kid: 'ec', alg: 'ES256' },
      { ...keyB.jwk, kid: 'short', n: Buffer.alloc(128, 1).toString('base64url') },
      { ...keyB.jwk, kid: undefined },
    ];
    await cache.refresh();
    expect(cache.kids).toEqual(['key-a']);
  });

  it('trusts neither of two keys published under one kid', async () => {
    await setUp();
    server.keys = [keyA.jwk, { ...keyB.jwk, kid: 'key-a' }];
    await cache.refresh();
    expect(cache.kids).toEqual([]);
  });
});
