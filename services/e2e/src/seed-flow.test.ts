import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from './test-stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('the seed flow over real HTTP', () => {
  it('logs jack in with the original request and response shape', async () => {
    const res = await stack.login('jack', 'jack_password');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', auth: true, expires_in: 900 });
    expect(typeof body.access_token).toBe('string');
  });

  it('issues an RFC 9068 access token signed with RS256 under the published kid', async () => {
    const token = await stack.token('jack', 'jack_password');
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: stack.kid, typ: 'at+jwt' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: 'http://auth.test', sub: 'jack', aud: 'posts', scope: 'posts:read posts:write', name: 'Jack' });
    expect(typeof claims.jti).toBe('string');
    expect(typeof claims.client_id).toBe('string');
    expect(claims.exp! - claims.iat!).toBe(900);
  });

  it('answers a wrong password and an unknown user alike, with the original message', async () => {
    for (const [user, password] of [
      ['jack', 'wrong'],
      ['nobody', 'jack_password'],
    ] as const) {
      const res = await stack.login(user, password);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ msg: 'Bad username and password' });
    }
  });

  it("lists exactly the caller's posts: jack sees his two", async () => {
    const token = await stack.token('jack', 'jack_password');
    const res = await fetch(`${stack.postsUrl}/api/posts`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const posts = (await res.json()) as { title: string; author: string }[];
    expect(posts.map((p) => p.title).sort()).toEqual(['jack Second post', 'jack post']);
    expect(posts.every((p) => p.author === 'jack')).toBe(true);
  });

  it("never shows one user another's posts", async () => {
    const robert = await stack.token('robert', 'robert_password');
    const lina = await stack.token('lina', 'lina_password');
    const robertPosts = (await (await fetch(`${stack.postsUrl}/api/posts`, { headers: { authorization: `Bearer ${robert}` } })).json()) as { title: string }[];
    const linaPosts = (await (await fetch(`${stack.postsUrl}/api/posts`, { headers: { authorization: `Bearer ${lina}` } })).json()) as { title: string }[];
    expect(robertPosts.map((p) => p.title).sort()).toEqual(['robert Post', 'robert Second Post']);
    expect(linaPosts.map((p) => p.title).sort()).toEqual(['lina Post', 'lina Second Post']);
  });

  it('publishes only public key members in the JWKS, with caching headers', async () => {
    const res = await fetch(`${stack.authUrl}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(keys.length).toBeGreaterThanOrEqual(1);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(member);
    }
  });

  it('reports both services ready once posts has the key set', async () => {
    expect((await fetch(`${stack.authUrl}/readyz`)).status).toBe(200);
    expect((await fetch(`${stack.postsUrl}/readyz`)).status).toBe(200);
  });
});
