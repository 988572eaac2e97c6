import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './test-fixtures.js';

type TestApp = Awaited<ReturnType<typeof testApp>>;
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.stop());

const login = (body: unknown, app = t.app) => request(app).post('/api/login').send(body as object);

async function verifyWithServedJwks(token: string) {
  const jwks = await request(t.app).get('/.well-known/jwks.json').expect(200);
  return jwtVerify(token, createLocalJWKSet(JSON.parse(jwks.text)), {
    issuer: 'http://auth.test',
    audience: 'posts',
    algorithms: ['RS256'],
    typ: 'at+jwt',
  });
}

describe('POST /api/login', () => {
  it('answers the seed shape with a token the served JWKS verifies', async () => {
    const res = await login({ username: 'jack', password: 'jack_password' }).expect(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900, auth: true });
    expect(res.headers['cache-control']).toBe('no-store');
    const { payload, protectedHeader } = await verifyWithServedJwks(res.body.access_token);
    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: t.keyStore.current!.keys[0]!.kid });
    expect(payload).toEqual({
      iss: 'http://auth.test',
      sub: 'jack',
      aud: 'posts',
      iat: expect.any(Number),
      exp: payload.iat! + 900,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      client_id: 'posts-web',
      scope: 'posts:read posts:write',
      name: 'Jack',
    });
  });

  it("uses the user's scopes from the users file and the username as name when none is given", async () => {
    const res = await login({ username: 'robert', password: 'robert_password' }).expect(200);
    const { payload } = await verifyWithServedJwks(res.body.access_token);
    expect(payload).toMatchObject({ sub: 'robert', scope: 'posts:read', name: 'robert' });
  });

  it('gives each token its own jti', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => login({ username: 'jack', password: 'jack_password' })));
    expect(decodeProtectedHeader(a!.body.access_token).kid).toBeDefined();
    const jti = (tok: string) => JSON.parse(Buffer.from(tok.split('.')[1]!, 'base64url').toString()).jti;
    expect(jti(a!.body.access_token)).not.toBe(jti(b!.body.access_token));
  });

  it.each([
    [{ username: 'jack', password: 'wrong' }],
    [{ username: 'nobody', password: 'jack_password' }],
  ])('answers 401 with the seed message for %j', async (body) => {
    const res = await login(body).expect(401);
    expect(res.body).toEqual({ error: 'invalid_credentials', message: expect.any(String), msg: 'Bad username and password' });
  });

  it.each([
    [{ password: 'x' }, 'username is required'],
    [{ username: 'jack' }, 'password is required'],
    [{ username: '', password: 'x' }, 'username must not be empty'],
    [{ username: 'jack', password: '' }, 'password must not be empty'],
    [{ username: 42, password: 'x' }, 'username must be a string'],
    [{ username: 'jack', password: ['x'] }, 'password must be a string'],
    [{ username: 'a'.repeat(129), password: 'x' }, 'username must be at most 128 characters'],
    [{ username: 'jack', password: 'é'.repeat(37) }, 'password must be at most 72 bytes'],
    [['jack', 'x'], 'request body must be a JSON object with username and password'],
  ])('answers 400 naming the field for %j', async (body, message) => {
    const res = await login(body).expect(400);
    expect(res.body).toEqual({ error: 'invalid_request', message });
  });

  it('answers 400 for malformed JSON, 415 for a form body and 413 for a huge body, never 5xx', async () => {
    await request(t.app).post('/api/login').set('content-type', 'application/json').send('{"username":').expect(400);
    await request(t.app).post('/api/login').type('form').send('username=jack&password=jack_password').expect(415);
    await login({ username: 'jack', password: 'x', pad: 'x'.repeat(20_000) }).expect(413);
    await request(t.app).post('/api/login').set('content-type', 'application/json').expect(400);
  });

  it('counts failures by reason on /metrics, without user names', async () => {
    await login({ username: 'secret-looking-name', password: 'wrong' }).expect(401);
    const metrics = (await request(t.app).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^auth_login_failures_total\{reason="bad_credentials"\} [1-9]/m);
    expect(metrics).toMatch(/^auth_login_failures_total\{reason="invalid_request"\} [1-9]/m);
    expect(metrics).toMatch(/^auth_tokens_issued_total [1-9]/m);
    expect(metrics).toMatch(/^auth_signing_key_info\{kid="[0-9a-f]{16}"\} 1$/m);
    expect(metrics).toMatch(/^auth_key_reload_total\{result="loaded"\} 1$/m);
    expect(metrics).toMatch(/^auth_signing_key_age_seconds \d/m);
    expect(metrics).toMatch(/^auth_keys_published 1$/m);
    expect(metrics).not.toContain('secret-looking-name');
    expect(metrics).not.toContain('jack');
  });

  it('never logs the password', async () => {
    await login({ username: 'jack', password: 'jack_password' }).expect(200);
    await login({ username: 'jack', password: 'typo_password' }).expect(401);
    const logs = JSON.stringify(t.log.lines());
    expect(logs).not.toContain('jack_password');
    expect(logs).not.toContain('typo_password');
  });
});

describe('GET /.well-known/jwks.json', () => {
  it('serves public members only with ETag and Cache-Control', async () => {
    const res = await request(t.app).get('/.well-known/jwks.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/jwk-set\+json/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
    const { keys } = JSON.parse(res.text) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });

  it('answers a conditional request with 304 and no body', async () => {
    const first = await request(t.app).get('/.well-known/jwks.json').expect(200);
    const again = await request(t.app).get('/.well-known/jwks.json').set('If-None-Match', `"other", W/${first.headers.etag}`).expect(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe('public, max-age=300');
    await request(t.app).get('/.well-known/jwks.json').set('If-None-Match', '"stale"').expect(200);
  });
});

describe('GET /.well-known/openid-configuration', () => {
  it('names the issuer of the tokens and the endpoints that exist', async () => {
    const res = await request(t.app).get('/.well-known/openid-configuration').expect(200);
    expect(res.body).toEqual({
      issuer: 'http://auth.test',
      jwks_uri: 'http://auth.test/.well-known/jwks.json',
      token_endpoint: 'http://auth.test/api/login',
      grant_types_supported: ['password'],
      response_types_supported: [],
      token_endpoint_auth_methods_supported: ['none'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['posts:read', 'posts:write'],
      claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'client_id', 'scope', 'name'],
    });
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });
});

describe('health', () => {
  it('is ready with a loaded key set', async () => {
    expect((await request(t.app).get('/readyz').expect(200)).body).toEqual({ status: 'ok', checks: { keys: true } });
  });

  it('is not ready, and login and JWKS answer 503, while no valid key set is loaded', async () => {
    const broken = await testApp();
    try {
      const { writeFile } = await import('node:fs/promises');
      const { KeyStore } = await import('./keys/key-store.js');
      // A store that never saw a valid file.
      await writeFile(broken.keysFile, '{"keys": []}');
      const fresh = new KeyStore({ file: broken.keysFile, logger: broken.log.logger, reloadIntervalMs: 1000, tokenTtlSeconds: 900 });
      const { createApp } = await import('./app.js');
      const { UserDirectory } = await import('./users/user-directory.js');
      const app = createApp({ config: broken.config, logger: broken.log.logger, keyStore: fresh, users: await UserDirectory.fromFile(broken.config.USERS_FILE) });
      await fresh.reload();
      expect((await request(app).get('/readyz').expect(503)).body).toEqual({ status: 'unavailable', checks: { keys: false } });
      await request(app).get('/.well-known/jwks.json').expect(503);
      expect((await login({ username: 'jack', password: 'jack_password' }, app).expect(503)).headers['retry-after']).toBe('5');
      await request(app).get('/healthz').expect(200);
    } finally {
      await broken.stop();
    }
  });

  it('answers 404 JSON for an unknown route', async () => {
    expect((await request(t.app).get('/api/nope').expect(404)).body.error).toBe('not_found');
  });
});
