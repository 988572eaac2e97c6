import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '@app/shared';
import { KeyStore } from '../keys/key-store.js';
import { writeKeySetFile } from '../keys/write-key-set-file.js';
import { capturingLogger, entry, keySet, manualClock, pem, tempDir } from '../test-fixtures.js';
import { TokenIssuer } from './token-issuer.js';

const clock = manualClock();
const jack = { username: 'jack', name: 'Jack', scopes: ['posts:read', 'posts:write'] };

let dir: string;
let cleanup: () => Promise<void>;
let store: KeyStore;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  store?.stop();
  await cleanup();
});

async function issuerWith(...keys: ReturnType<typeof entry>[]): Promise<TokenIssuer> {
  const file = join(dir, 'keys.json');
  await writeKeySetFile(file, keySet(...keys));
  store = new KeyStore({ file, logger: capturingLogger().logger, clock: clock.now, reloadIntervalMs: 60_000, tokenTtlSeconds: 900 });
  await store.start();
  return new TokenIssuer({ keyStore: store, issuer: 'https://auth.test', audience: 'posts', clientId: 'posts-web', ttlSeconds: 900 });
}

describe('TokenIssuer', () => {
  it('issues an RS256 at+jwt that jose verifies with the public key, with every RFC 9068 claim', async () => {
    const key = entry('issuer', { activateAt: clock.now() - 1000 });
    const issued = await (await issuerWith(key)).issue(jack);
    const { payload, protectedHeader } = await jwtVerify(issued.token, createPublicKey(pem('issuer')), {
      algorithms: ['RS256'],
      issuer: 'https://auth.test',
      audience: 'posts',
      typ: 'at+jwt',
      currentDate: new Date(clock.now()),
    });
    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: key.kid });
    const iat = Math.floor(clock.now() / 1000);
    expect(payload).toEqual({
      client_id: 'posts-web',
      scope: 'posts:read posts:write',
      name: 'Jack',
      iss: 'https://auth.test',
      sub: 'jack',
      aud: 'posts',
      iat,
      exp: iat + 900,
      jti: issued.jti,
    });
    expect(issued).toMatchObject({ expiresIn: 900, kid: key.kid });
  });

  it('gives every token its own jti and a signature no other key verifies', async () => {
    const issuer = await issuerWith(entry('issuer', { activateAt: clock.now() - 1000 }));
    const [a, b] = [await issuer.issue(jack), await issuer.issue(jack)];
    expect(a.jti).not.toBe(b.jti);
    await expect(jwtVerify(a.token, createPublicKey(pem('other')), { currentDate: new Date(clock.now()) })).rejects.toThrow(/signature/);
  });

  it('signs with the newest active key and refuses (503) when no key may sign', async () => {
    const old = entry('old', { activateAt: clock.now() - 10_000 });
    const next = entry('next', { activateAt: clock.now() - 1000 });
    expect(decodeProtectedHeader((await (await issuerWith(old, next)).issue(jack)).token).kid).toBe(next.kid);
    store.stop();
    const future = await issuerWith(entry('future', { activateAt: clock.now() + 60_000 }));
    await expect(future.issue(jack)).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});
