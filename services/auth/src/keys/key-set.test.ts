import { describe, expect, it } from 'vitest';
import { entry, keySet } from '../test-fixtures.js';
import { KeySet } from './key-set.js';

const T0 = Date.parse('2026-12-04T09:00:00Z');
const MIN = 60_000;
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

describe('KeySet state machine', () => {
  // old signs from T0 and is superseded; new is published at T0+10m and signs from T0+20m;
  // old is retired at T0+20m + 15m TTL + 1m skew.
  const oldKey = entry('old', { activateAt: T0, retireAt: T0 + 36 * MIN });
  const newKey = entry('new', { createdAt: T0 + 10 * MIN, activateAt: T0 + 20 * MIN });
  const set = KeySet.fromFile(keySet(oldKey, newKey), { tokenTtlSeconds: 15 * 60 });
  const state = (kid: string, at: number) => set.stateOf(set.keys.find((k) => k.kid === kid)!, at);

  it('moves each key through next -> current -> retiring -> gone as the injected clock advances', () => {
    const timeline = [T0 + 15 * MIN, T0 + 20 * MIN, T0 + 30 * MIN, T0 + 36 * MIN].map((at) => [state(oldKey.kid, at), state(newKey.kid, at)]);
    expect(timeline).toEqual([
      ['current', 'next'],
      ['retiring', 'current'],
      ['retiring', 'current'],
      ['gone', 'current'],
    ]);
  });

  it('signs with the newest key whose activateAt has passed', () => {
    expect(set.signingKey(T0 + 19 * MIN)?.kid).toBe(oldKey.kid);
    expect(set.signingKey(T0 + 20 * MIN)?.kid).toBe(newKey.kid);
  });

  it('has no signing key before any key activates', () => {
    expect(set.signingKey(T0 - 1)).toBeUndefined();
  });

  it('stops signing with a key once a token it signs would outlive its retireAt', () => {
    const only = KeySet.fromFile(keySet(entry('old', { activateAt: T0, retireAt: T0 + 30 * MIN })), { tokenTtlSeconds: 15 * 60 });
    expect(only.signingKey(T0 + 15 * MIN)?.kid).toBe(oldKey.kid);
    expect(only.signingKey(T0 + 15 * MIN + 1)).toBeUndefined();
  });

  it('picks the same signing key whatever order the file lists the keys in', () => {
    const twin = entry('twin', { activateAt: T0 });
    const a = KeySet.fromFile(keySet(entry('old', { activateAt: T0 }), twin));
    const b = KeySet.fromFile(keySet(twin, entry('old', { activateAt: T0 })));
    expect(a.signingKey(T0)?.kid).toBe(b.signingKey(T0)?.kid);
    expect(a.jwks(T0).etag).toBe(b.jwks(T0).etag);
  });

  it('publishes next, current and retiring keys but not gone ones', () => {
    const kids = (at: number) => (JSON.parse(set.jwks(at).body) as { keys: { kid: string }[] }).keys.map((k) => k.kid).sort();
    expect(kids(T0 + 10 * MIN)).toEqual([newKey.kid, oldKey.kid].sort());
    expect(kids(T0 + 36 * MIN)).toEqual([newKey.kid]);
  });

  it('publishes only public members with kid, alg and use', () => {
    const { keys } = JSON.parse(set.jwks(T0).body) as { keys: Record<string, unknown>[] };
    for (const jwk of keys) {
      expect(Object.keys(jwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      for (const member of PRIVATE_MEMBERS) expect(jwk).not.toHaveProperty(member);
    }
  });

  it('changes the ETag exactly when the published keys change', () => {
    expect(set.jwks(T0).etag).toBe(set.jwks(T0 + 5 * MIN).etag);
    expect(set.jwks(T0).etag).not.toBe(set.jwks(T0 + 36 * MIN).etag);
  });
});
