import { createPublicKey } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { JwksClient } from 'jwks-rsa';
import * as oidc from 'openid-client';
import { freePort } from '@app/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from './test-stack.js';

let stack: TestStack;
let issuer: string;
beforeAll(async () => {
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  stack = await startStack({ env: { ISSUER: issuer }, authPort: port });
});
afterAll(async () => {
  await stack?.stop();
});

describe('standard clients discover auth and verify its tokens', () => {
  it('serves a discovery document whose issuer is the tokens iss', async () => {
    const doc = (await (await fetch(`${stack.authUrl}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(issuer);
    expect(doc.jwks_uri).toBe(`${issuer}/.well-known/jwks.json`);
    expect(doc.token_endpoint).toBe(`${issuer}/api/login`);
    expect(doc.id_token_signing_alg_values_supported ?? doc.token_endpoint_auth_signing_alg_values_supported).toBeDefined();
  });

  it('is discovered by openid-client', async () => {
    const config = await oidc.discovery(new URL(issuer), 'posts-web', undefined, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(issuer);
    expect(metadata.jwks_uri).toBe(`${issuer}/.well-known/jwks.json`);
  });

  it('lets jwks-rsa find the signing key of a fresh token', async () => {
    const token = await stack.token('lina', 'lina_password');
    const { kid } = decodeProtectedHeader(token);
    const client = new JwksClient({ jwksUri: `${issuer}/.well-known/jwks.json` });
    const key = await client.getSigningKey(kid);
    const { payload } = await jwtVerify(token, createPublicKey(key.getPublicKey()), {
      issuer,
      audience: 'posts',
      algorithms: ['RS256'],
      typ: 'at+jwt',
    });
    expect(payload.sub).toBe('lina');
  });
});
