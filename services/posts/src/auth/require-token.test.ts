import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { claimsFor, generateTestKey, hs256WithPublicKey, signRaw, signToken, tamper, unsignedToken, type TestKey } from '../testing/test-tokens.js';
import { bearerToken } from './require-token.js';

let key: TestKey;
let other: TestKey;
let t: TestApp;
const bad: [string, string][] = [];

beforeAll(async () => {
  [key, other] = await Promise.all([generateTestKey('key-1'), generateTestKey('key-other')]);
  t = await createTestApp([key]);
  const good = await signToken(key, 'jack');
  const sign = (o: Parameters<typeof signToken>[2]) => signToken(key, 'jack', o);
  bad.push(
    ['alg none', unsignedToken(claimsFor('jack'), 'key-1')],
    ['HS256 signed with the public key', await hs256WithPublicKey(key, claimsFor('jack'))],
    ['a tampered payload', tamper(good, { sub: 'robert' })],
    ['a tampered scope', tamper(await sign({ claims: { scope: 'posts:read' } }), { scope: 'posts:read posts:write' })],
    ['an expired token', await sign({ now: Date.now() - 3_600_000 })],
    ['a wrong issuer', await sign({ claims: { iss: 'http://evil.test' } })],
    ['a wrong audience', await sign({ claims: { aud: 'billing' } })],
    ['a header jwk', await sign({ header: { jwk: other.jwk } as never })],
    ['a header jku', await sign({ header: { jku: 'http://127.0.0.1:1/jwks.json' } as never })],
    ['a header x5u', await sign({ header: { x5u: 'http://127.0.0.1:1/cert.pem' } as never })],
    ['a header x5c', await sign({ header: { x5c: ['MIIB'] } as never })],
    ['a crit header', await signRaw(key, { alg: 'RS256', kid: 'key-1', typ: 'at+jwt', crit: ['ext'], ext: 1 }, claimsFor('jack'))],
    ['typ JWT instead of at+jwt', await sign({ header: { typ: 'JWT' } })],
    ['an unknown kid', await signToken(other, 'jack')],
    ['a key not in the set under a known kid', await signToken({ ...other, kid: 'key-1' }, 'jack')],
    ['garbage', 'not.a.jwt'],
    ['random bytes', Buffer.from('\u0000\u0001ÿ').toString('base64url')],
    ['a JSON body as the token', '{"sub":"jack"}'],
    ['a 10 kB token', 'a'.repeat(10_000)],
  );
});

afterAll(async () => {
  await t.close();
});

describe('bearer authentication', () => {
  it('answers a missing token with 401 and a bare Bearer challenge', async () => {
    const res = await request(t.app).get('/api/posts');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body.error).toBe('unauthorized');
  });

  it('treats another auth scheme as no token', async () => {
    const res = await request(t.app).get('/api/posts').set('Authorization', 'Basic amFjazpqYWNr');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('accepts the scheme in any case', async () => {
    const res = await request(t.app).get('/api/posts').set('Authorization', `bEaReR ${await signToken(key, 'jack')}`);
    expect(res.status).toBe(200);
  });

  it('rejects every bad token with 401 invalid_token, never 200, never 5xx', async () => {
    expect(bad.length).toBeGreaterThan(15);
    for (const [label, token] of bad) {
      for (const req of [
        request(t.app).get('/api/posts'),
        request(t.app).post('/api/posts').send({ title: 'x' }),
        request(t.app).delete('/api/posts/5f0c8a43-2f58-4c1e-9d55-3d4f1b0c2a11'),
      ]) {
        const res = await req.set('Authorization', `Bearer ${token}`);
        expect(res.status, label).toBe(401);
        expect(res.headers['www-authenticate'], label).toMatch(/^Bearer error="invalid_token"/);
        expect(res.body.error, label).toBe('invalid_token');
      }
    }
  });

  it('answers an empty bearer token with 401 invalid_token', async () => {
    const res = await request(t.app).get('/api/posts').set('Authorization', 'Bearer ');
    expect(res.status).toBe(401);
  });

  it('answers 503, not 401, while no key set has been fetched', async () => {
    const cold = await createTestApp([key], { waitForJwks: false });
    try {
      const res = await request(cold.app).get('/api/posts').set('Authorization', `Bearer ${await signToken(key, 'jack')}`);
      expect(res.status).toBe(503);
      expect(res.body.error).toBe('service_unavailable');
      expect((await request(cold.app).get('/readyz')).status).toBe(503);
    } finally {
      await cold.close();
    }
  });
});

describe('bearerToken', () => {
  it('extracts the token of a Bearer header only', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Bearerabc')).toBeUndefined();
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
  });
});
