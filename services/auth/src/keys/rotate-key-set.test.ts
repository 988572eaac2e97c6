import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { entry, keySet } from '../test-fixtures.js';
import { KeySet } from './key-set.js';
import type { KeyEntry, KeySetFile } from './key-set-file.js';
import { rotateKeySet, type RotateOptions } from './rotate-key-set.js';

const T0 = Date.parse('2026-12-04T09:00:00Z');
const MIN = 60_000;
const TTL_S = 900;
const SKEW_S = 60;
const MAX_AGE_S = 300;

/** New keys come from a small pool of pre-made PEMs, named in order. */
function keyMaker() {
  let n = 0;
  return (now: number) => async (activateAt: Date): Promise<KeyEntry> =>
    entry(`pool-${n++}`, { createdAt: now, activateAt: activateAt.getTime() });
}

function options(now: number, activateInSeconds: number, make: ReturnType<typeof keyMaker>): RotateOptions {
  return { now: new Date(now), activateInSeconds, tokenTtlSeconds: TTL_S, clockSkewSeconds: SKEW_S, newKey: make(now) };
}

describe('rotateKeySet', () => {
  it('adds a published-now key that signs later and retires the current one after its last token expires', async () => {
    const first = entry('first', { activateAt: T0 });
    const report = await rotateKeySet(keySet(first), options(T0 + 60 * MIN, 480, keyMaker()));
    const signsFrom = T0 + 60 * MIN + 480_000;
    expect(report.added?.activateAt).toBe(new Date(signsFrom).toISOString().replace('.000Z', 'Z'));
    expect(report.retired).toEqual([{ kid: first.kid, retireAt: new Date(signsFrom + (TTL_S + SKEW_S) * 1000).toISOString().replace('.000Z', 'Z') }]);
    const set = KeySet.fromFile(report.set, { tokenTtlSeconds: TTL_S });
    expect(set.signingKey(signsFrom - 1000)?.kid).toBe(first.kid);
    expect(set.signingKey(signsFrom)?.kid).toBe(report.added?.kid);
  });

  it('does not add a second key while one is pending, and says so', async () => {
    const make = keyMaker();
    const once = await rotateKeySet(keySet(entry('first', { activateAt: T0 })), options(T0, 480, make));
    const twice = await rotateKeySet(once.set, options(T0 + MIN, 480, make));
    expect(twice.changed).toBe(false);
    expect(twice.skipped).toMatch(/already pending/);
    expect(twice.set).toEqual(once.set);
  });

  it('prunes keys past their retireAt', async () => {
    const old = entry('old', { activateAt: T0 - 120 * MIN, retireAt: T0 - MIN });
    const report = await rotateKeySet(keySet(old, entry('first', { activateAt: T0 - 60 * MIN })), options(T0, 480, keyMaker()));
    expect(report.pruned).toEqual([old.kid]);
    expect(report.set.keys.map((k) => k.kid)).not.toContain(old.kid);
  });

  it('skips when the current key is younger than --min-age', async () => {
    const report = await rotateKeySet(keySet(entry('first', { activateAt: T0 })), { ...options(T0 + 30 * MIN, 480, keyMaker()), minAgeSeconds: 3600 });
    expect(report.changed).toBe(false);
    expect(report.skipped).toMatch(/younger than 3600 s/);
  });

  it('activates at once when nothing signs now, since waiting would only prolong the outage', async () => {
    const gone = entry('old', { activateAt: T0 - 120 * MIN, retireAt: T0 - MIN });
    const report = await rotateKeySet(keySet(gone), options(T0, 480, keyMaker()));
    expect(KeySet.fromFile(report.set).signingKey(T0)?.kid).toBe(report.added?.kid);
  });

  it('makes the new key current even when rotating in the same second the current key activated', async () => {
    const make = keyMaker();
    const first = entry('first', { activateAt: T0 });
    const report = await rotateKeySet(keySet(first), options(T0 + 400, 0, make));
    const set = KeySet.fromFile(report.set, { tokenTtlSeconds: TTL_S });
    expect(set.signingKey(T0 + 1000)?.kid).toBe(report.added?.kid);
  });

  it.each([
    ['the default delay', MAX_AGE_S + SKEW_S + 120],
    ['--activate-in 0', 0],
  ])('keeps every unexpired token verifiable through the published JWKS at every instant (%s)', async (_name, activateIn) => {
    const make = keyMaker();
    let file: KeySetFile = keySet(entry('first', { activateAt: T0 }));
    const tokens: { token: string; exp: number }[] = [];
    const firstPublished = new Map<string, number>();
    const firstSigned = new Map<string, number>();
    for (let now = T0; now <= T0 + 200 * MIN; now += MIN) {
      if (now > T0 && (now - T0) % (45 * MIN) === 0) file = (await rotateKeySet(file, options(now, activateIn, make))).set;
      const set = KeySet.fromFile(file, { tokenTtlSeconds: TTL_S });
      const jwks = JSON.parse(set.jwks(now).body) as { keys: { kid: string }[] };
      for (const k of jwks.keys) if (!firstPublished.has(k.kid)) firstPublished.set(k.kid, now);

      const key = set.signingKey(now);
      expect(key, `a key signs at ${new Date(now).toISOString()}`).toBeDefined();
      if (!firstSigned.has(key!.kid)) firstSigned.set(key!.kid, now);
      const iat = Math.floor(now / 1000);
      const token = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: key!.kid }).setIssuedAt(iat).setExpirationTime(iat + TTL_S).sign(key!.privateKey);
      tokens.push({ token, exp: now + TTL_S * 1000 });

      const verifier = createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);
      for (const t of tokens.filter((x) => x.exp > now)) {
        await expect(
          jwtVerify(t.token, verifier, { currentDate: new Date(now), algorithms: ['RS256'] }),
          `token with kid ${decodeProtectedHeader(t.token).kid} at ${new Date(now).toISOString()}`,
        ).resolves.toBeTruthy();
      }
    }
    expect(firstSigned.size).toBeGreaterThanOrEqual(4);
    if (activateIn > 0) {
      // Publish before sign: every rotated-in key was in the JWKS for at least max-age before it signed.
      for (const [kid, signedAt] of [...firstSigned].slice(1)) {
        expect(signedAt - firstPublished.get(kid)!).toBeGreaterThanOrEqual(MAX_AGE_S * 1000);
      }
    }
  });
});
