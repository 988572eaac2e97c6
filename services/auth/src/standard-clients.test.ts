/**
 * The issue asks that standard clients can discover and verify with what auth serves: these
 * run openid-client's discovery, oauth4webapi's RFC 9068 access-token validation and jwks-rsa
 * against a real server on port 0.
 */
import { createPublicKey, verify } from 'node:crypto';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { JwksClient } from 'jwks-rsa';
import * as oauth from 'oauth4webapi';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthConfig } from './config.js';
import { writeKeySetFile } from './keys/write-key-set-file.js';
import { startServer, type AuthServer } from './server.js';
import { entry, keySet, silentLogger, tempDir, writeDemoUsers } from './test-fixtures.js';

let server: AuthServer;
let cleanup: () => Promise<void>;
let token: string;

beforeAll(async () => {
  const tmp = await tempDir();
  cleanup = tmp.cleanup;
  const keysFile = join(tmp.dir, 'keys.json');
  await writeKeySetFile(keysFile, keySet(entry('std', { activateAt: Date.now() - 1000 })));
  const config = loadAuthConfig({ PORT: '0', HOST: '127.0.0.1', KEYS_FILE: keysFile, USERS_FILE: await writeDemoUsers(tmp.dir) });
  server = await startServer(config, { logger: silentLogger });
  const res = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'jack', password: 'jack_password' }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await server.stop();
  await cleanup();
});

describe('standard clients', () => {
  it('openid-client discovers the issuer and its endpoints', async () => {
    const config = await client.discovery(new URL(server.issuer), 'posts-web', undefined, client.None(), {
      execute: [client.allowInsecureRequests],
    });
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(server.issuer);
    expect(metadata.token_endpoint).toBe(`${server.issuer}/api/login`);
    expect(metadata.jwks_uri).toBe(`${server.issuer}/.well-known/jwks.json`);
  });

  it('oauth4webapi validates the token as an RFC 9068 JWT access token', async () => {
    const issuer = new URL(server.issuer);
    const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { [oauth.allowInsecureRequests]: true }));
    const request = new Request('http://posts.test/api/posts', { headers: { authorization: `Bearer ${token}` } });
    const claims = await oauth.validateJwtAccessToken(as, request, 'posts', { [oauth.allowInsecureRequests]: true });
    expect(claims).toMatchObject({ iss: server.issuer, sub: 'jack', aud: 'posts', client_id: 'posts-web', scope: 'posts:read posts:write' });
  });

  it('jwks-rsa finds the signing key by kid and its public key verifies the signature', async () => {
    const jwks = new JwksClient({ jwksUri: `${server.url}/.well-known/jwks.json` });
    const { kid } = decodeProtectedHeader(token);
    const key = await jwks.getSigningKey(kid);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const ok = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPublicKey(key.getPublicKey()), Buffer.from(signature, 'base64url'));
    expect(ok).toBe(true);
  });
});
