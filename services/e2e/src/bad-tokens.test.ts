import { createHmac, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from './test-stack.js';

let stack: TestStack;
let realKey: KeyObject;
let valid: string;

beforeAll(async () => {
  stack = await startStack();
  realKey = createPrivateKey(stack.privateKeyPem);
  valid = await stack.token('jack', 'jack_password');
});
afterAll(async () => {
  await stack?.stop();
});

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: 'http://auth.test',
    sub: 'jack',
    aud: 'posts',
    iat: now(),
    exp: now() + 600,
    jti: 'test',
    client_id: 'test',
    scope: 'posts:read posts:write',
    ...overrides,
  };
}

function sign(payload: JWTPayload, header: Record<string, unknown> = {}, key: KeyObject | CryptoKey = realKey): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: stack.kid, typ: 'at+jwt', ...header }).sign(key);
}

async function getPosts(authorization?: string) {
  const res = await fetch(`${stack.postsUrl}/api/posts`, authorization ? { headers: { authorization } } : {});
  return { status: res.status, challenge: res.headers.get('www-authenticate') ?? '', body: (await res.json()) as Record<string, unknown> };
}

describe('posts rejects every bad token with 401 and a Bearer challenge', () => {
  it('accepts the genuine token (control)', async () => {
    expect((await getPosts(`Bearer ${valid}`)).status).toBe(200);
  });

  it('asks for a token when none is sent, without an error code', async () => {
    const res = await getPosts();
    expect(res.status).toBe(401);
    expect(res.challenge).toMatch(/^Bearer/);
    expect(res.challenge).not.toContain('error=');
  });

  it('treats a non-Bearer scheme as no token', async () => {
    const res = await getPosts('Basic amFjazpqYWNrX3Bhc3N3b3Jk');
    expect(res.status).toBe(401);
    expect(res.challenge).toMatch(/^Bearer/);
  });

  const cases: [string, () => Promise<string>][] = [
    ['garbage', async () => 'not-a-jwt'],
    ['three garbage segments', async () => 'a.b.c'],
    ['alg none', async () => `${b64url({ alg: 'none', typ: 'at+jwt', kid: stack.kid })}.${b64url(claims())}.`],
    [
      'HS256 signed with the public key',
      async () => {
        const publicPem = createPublicKey(realKey).export({ type: 'spki', format: 'pem' }) as string;
        const head = `${b64url({ alg: 'HS256', typ: 'at+jwt', kid: stack.kid })}.${b64url(claims())}`;
        return `${head}.${createHmac('sha256', publicPem).update(head).digest('base64url')}`;
      },
    ],
    [
      'a tampered payload',
      async () => {
        const [head, , sig] = valid.split('.');
        return `${head}.${b64url(claims({ sub: 'robert' }))}.${sig}`;
      },
    ],
    ['an expired token', () => sign(claims({ iat: now() - 7200, exp: now() - 3600 }))],
    ['a token not valid yet', () => sign(claims({ nbf: now() + 3600 }))],
    ['a wrong issuer', () => sign(claims({ iss: 'http://evil.test' }))],
    ['a wrong audience', () => sign(claims({ aud: 'billing' }))],
    ['a plain JWT typ instead of at+jwt', () => sign(claims(), { typ: 'JWT' })],
    ['an unknown kid', () => sign(claims(), { kid: 'no-such-key' })],
    [
      "an attacker's key under the real kid",
      async () => sign(claims(), {}, (await generateKeyPair('RS256')).privateKey),
    ],
    [
      'an embedded jwk header of the attacker',
      async () => {
        const attacker = await generateKeyPair('RS256', { extractable: true });
        return sign(claims(), { jwk: await exportJWK(attacker.publicKey), kid: undefined }, attacker.privateKey);
      },
    ],
    ['a jku header', () => sign(claims(), { jku: 'http://evil.test/jwks.json' })],
    ['an x5u header', () => sign(claims(), { x5u: 'http://evil.test/cert.pem' })],
  ];

  for (const [name, make] of cases) {
    it(`rejects ${name}`, async () => {
      const res = await getPosts(`Bearer ${await make()}`);
      expect(res.status).toBe(401);
      expect(res.challenge).toMatch(/^Bearer .*error="invalid_token"/);
      expect(res.body).toMatchObject({ error: 'invalid_token' });
    });
  }
});
