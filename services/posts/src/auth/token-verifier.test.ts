import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { TestClock } from '../testing/test-clock.js';
import { metricValue } from '../testing/test-metrics.js';
import { claimsFor, generateTestKey, hs256WithPublicKey, signToken, tamper, unsignedToken, type TestKey } from '../testing/test-tokens.js';
import { InvalidTokenError } from './invalid-token-error.js';

let keyA: TestKey;
let keyB: TestKey;
let stranger: TestKey;
let t: TestApp;
let clock: TestClock;

beforeAll(async () => {
  [keyA, keyB, stranger] = await Promise.all([generateTestKey('key-a'), generateTestKey('key-b'), generateTestKey('key-a')]);
});

afterEach(async () => {
  await t?.close();
});

async function setUp(keys = [keyA]): Promise<void> {
  clock = new TestClock(Date.now());
  t = await createTestApp(keys, { clock: clock.now });
}

async function reason(token: string): Promise<string> {
  try {
    await t.verifier.verify(token);
  } catch (err) {
    if (err instanceof InvalidTokenError) return err.reason;
    throw err;
  }
  return 'ok';
}

describe('TokenVerifier', () => {
  it('accepts a valid token and answers the repeat from the cache', async () => {
    await setUp();
    const token = await signToken(keyA, 'jack', { now: clock.nowMs });
    const first = await t.verifier.verify(token);
    expect(first.sub).toBe('jack');
    expect([...first.scopes]).toEqual(['posts:read', 'posts:write']);
    expect(t.verifier.cached(token)).toBe(first);
    expect(await metricValue(t.metrics.registry, 'jwt_verify_total', { result: 'ok' })).toBe(1);
    expect(await metricValue(t.metrics.registry, 'jwt_verify_total', { result: 'cached' })).toBe(1);
  });

  it('accepts typ application/at+jwt', async () => {
    await setUp();
    expect(await reason(await signToken(keyA, 'jack', { now: clock.nowMs, header: { typ: 'application/at+jwt' } }))).toBe('ok');
  });

  it('never serves an expired token from the cache', async () => {
    await setUp();
    const token = await signToken(keyA, 'jack', { now: clock.nowMs, ttlSeconds: 60 });
    await t.verifier.verify(token);
    clock.advance(59);
    expect(t.verifier.cached(token)).toBeDefined();
    clock.advance(1);
    expect(t.verifier.cached(token)).toBeUndefined();
    expect(await reason(token)).toBe('expired');
  });

  it('never serves a token whose key left the set', async () => {
    await setUp([keyA, keyB]);
    const token = await signToken(keyB, 'jack', { now: clock.nowMs });
    await t.verifier.verify(token);
    t.jwksServer.keys = [keyA.jwk];
    await t.jwks.refresh();
    expect(t.verifier.cached(token)).toBeUndefined();
    expect(await reason(token)).toBe('unknown_kid');
  });

  it('stops serving cached tokens once the key set is stale past its limit', async () => {
    await setUp();
    const token = await signToken(keyA, 'jack', { now: clock.nowMs, ttlSeconds: 3 * 86_400 });
    await t.verifier.verify(token);
    await t.jwksServer.stop();
    clock.advance(300 + 86_400 + 1);
    expect(t.verifier.cached(token)).toBeUndefined();
    await expect(t.verifier.verify(token)).rejects.toMatchObject({ status: 503 });
  });

  it('classifies every bad token with a fixed reason', async () => {
    await setUp([keyA, keyB]);
    const now = clock.nowMs;
    const good = await signToken(keyA, 'jack', { now });
    const cases: [string, string][] = [
      [unsignedToken(claimsFor('jack', now), 'key-a'), 'bad_signature'],
      [await hs256WithPublicKey(keyA, claimsFor('jack', now)), 'bad_signature'],
      [tamper(good, { sub: 'robert' }), 'bad_signature'],
      [await signToken(stranger, 'jack', { now }), 'bad_signature'],
      [await signToken(keyA, 'jack', { now: now - 3600_000 }), 'expired'],
      [await signToken(keyA, 'jack', { now, claims: { iss: 'http://evil.test' } }), 'bad_claims'],
      [await signToken(keyA, 'jack', { now, claims: { aud: 'other' } }), 'bad_claims'],
      [await signToken(keyA, 'jack', { now, header: { typ: 'JWT' } }), 'bad_claims'],
      [await signToken(keyA, 'jack', { now, claims: { sub: undefined } }), 'bad_claims'],
      [await signToken(keyA, 'jack', { now, claims: { nbf: Math.floor(now / 1000) + 600 } }), 'bad_claims'],
      [await signToken(keyA, 'jack', { now, header: { jwk: keyA.jwk } as never }), 'malformed'],
      [await signToken(keyA, 'jack', { now, header: { jku: 'http://evil.test/jwks' } as never }), 'malformed'],
      [await signToken(keyA, 'jack', { now, header: { x5u: 'http://evil.test/cert' } as never }), 'malformed'],
      [await signToken(keyA, 'jack', { now, header: { kid: 'nobody' } }), 'unknown_kid'],
      ['garbage', 'malformed'],
      ['a.b.c', 'malformed'],
      ['', 'malformed'],
    ];
    for (const [token, expected] of cases) expect(await reason(token), token.slice(0, 60)).toBe(expected);
    expect(await metricValue(t.metrics.registry, 'jwt_verify_total', { result: 'ok' })).toBe(0);
  });
});
