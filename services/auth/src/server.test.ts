import { join } from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadAuthConfig } from './config.js';
import { rotateKeySet } from './keys/rotate-key-set.js';
import { readKeySetFile, writeKeySetFile } from './keys/write-key-set-file.js';
import { startServer, type AuthServer } from './server.js';
import { entry, keySet, silentLogger, tempDir, writeDemoUsers } from './test-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
let servers: AuthServer[] = [];
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
  await cleanup();
});

async function start(env: Record<string, string> = {}) {
  const config = loadAuthConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    KEYS_FILE: join(dir, 'keys.json'),
    USERS_FILE: join(dir, 'users.yaml'),
    KEYS_RELOAD_INTERVAL_MS: '100',
    ...env,
  });
  const server = await startServer(config, { logger: silentLogger });
  servers.push(server);
  return server;
}

async function login(server: AuthServer, username = 'jack', password = 'jack_password') {
  const res = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: (await res.json()) as { access_token: string } };
}

describe('startServer', () => {
  beforeEach(async () => {
    await writeDemoUsers(dir);
    await writeKeySetFile(join(dir, 'keys.json'), keySet(entry('one', { activateAt: Date.now() - 1000 })));
  });

  it('derives the issuer from the real port when PORT=0 and ISSUER is unset', async () => {
    const server = await start();
    expect(server.issuer).toBe(`http://localhost:${server.port}`);
    const doc = (await (await fetch(`${server.url}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(doc.issuer).toBe(server.issuer);
    const { body } = await login(server);
    const jwks = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`));
    await expect(jwtVerify(body.access_token, jwks, { issuer: server.issuer, audience: 'posts' })).resolves.toBeTruthy();
  });

  it('runs two instances on one key file whose tokens verify against either one’s JWKS', async () => {
    const a = await start({ ISSUER: 'http://auth.shared' });
    const b = await start({ ISSUER: 'http://auth.shared' });
    const tokens = [(await login(a)).body.access_token, (await login(b)).body.access_token];
    for (const server of [a, b]) {
      const jwks = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`));
      for (const token of tokens) {
        await expect(jwtVerify(token, jwks, { issuer: 'http://auth.shared', audience: 'posts', typ: 'at+jwt' })).resolves.toBeTruthy();
      }
    }
    const etag = async (s: AuthServer) => (await fetch(`${s.url}/.well-known/jwks.json`)).headers.get('etag');
    expect(await etag(a)).toBe(await etag(b));
  });

  it('rotates under load: no request fails, new tokens carry the new kid, old tokens keep verifying', async () => {
    const server = await start({ ISSUER: 'http://auth.rot' });
    const before = (await login(server)).body.access_token;
    const oldKid = decodeProtectedHeader(before).kid;

    let running = true;
    const statuses: number[] = [];
    const load = (async () => {
      // Bounded: stops once the rotation is in force or after 300 rounds.
      for (let i = 0; i < 300 && running; i++) {
        const rounds = await Promise.all([
          login(server).then((r) => r.status, () => -1),
          fetch(`${server.url}/.well-known/jwks.json`).then((r) => r.status, () => -1),
        ]);
        statuses.push(...rounds);
      }
    })();

    const file = join(dir, 'keys.json');
    const rotated = await rotateKeySet(await readKeySetFile(file), {
      now: new Date(),
      activateInSeconds: 0,
      tokenTtlSeconds: 900,
      clockSkewSeconds: 60,
      newKey: async (activateAt) => entry('two', { createdAt: Date.now(), activateAt: activateAt.getTime() }),
    });
    const newKid = rotated.added!.kid;
    try {
      await writeKeySetFile(file, rotated.set);
      await vi.waitFor(() => expect(server.keyStore.current?.signingKey(Date.now())?.kid).toBe(newKid), { timeout: 15_000, interval: 50 });
      // Let a few requests run on the new set too.
      const seen = statuses.length;
      await vi.waitFor(() => expect(statuses.length).toBeGreaterThan(seen + 2), { timeout: 15_000, interval: 50 });
    } finally {
      running = false;
      await load;
    }
    expect(decodeProtectedHeader((await login(server)).body.access_token).kid).toBe(newKid);

    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(newKid).not.toBe(oldKid);
    const jwks = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`));
    await expect(jwtVerify(before, jwks, { issuer: 'http://auth.rot', audience: 'posts' })).resolves.toBeTruthy();
  });

  it('keeps serving the last good keys when the file is corrupted, and counts the rejection', async () => {
    const { writeFile } = await import('node:fs/promises');
    const server = await start();
    const before = await fetch(`${server.url}/.well-known/jwks.json`);
    await writeFile(join(dir, 'keys.json'), '{"keys": [{"kid": "half-written"');
    await vi.waitFor(
      async () => expect(await (await fetch(`${server.url}/metrics`)).text()).toMatch(/^auth_key_reload_total\{result="rejected"\} 1$/m),
      { timeout: 10_000, interval: 100 },
    );
    expect((await fetch(`${server.url}/.well-known/jwks.json`)).headers.get('etag')).toBe(before.headers.get('etag'));
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await login(server)).status).toBe(200);
  });

  it('starts unready without a key file and becomes ready when one is written', async () => {
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, 'keys.json'));
    const server = await start();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    await writeKeySetFile(join(dir, 'keys.json'), keySet(entry('one', { activateAt: Date.now() - 1000 })));
    await vi.waitFor(async () => expect((await fetch(`${server.url}/readyz`)).status).toBe(200), { timeout: 10_000, interval: 100 });
  });

  it('refuses to start with a broken users file, naming it', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'users.yaml'), 'users:\n  - username: jack\n    hash: plain\n');
    await expect(start()).rejects.toThrow(/USERS_FILE .*users\.yaml: users\[0\] \(jack\)\.hash must be a bcrypt hash/);
  });

  it('turns readiness 503 on stop and closes the listener', async () => {
    const server = await start();
    await server.stop();
    expect(server.health.isDraining).toBe(true);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
