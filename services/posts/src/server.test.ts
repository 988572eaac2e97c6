import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPostsConfig } from './config.js';
import { startServer, type RunningPostsServer } from './server.js';
import { TestJwksServer } from './testing/test-jwks-server.js';
import { TestClock } from './testing/test-clock.js';
import { testLogger } from './testing/test-logger.js';
import { ISSUER, generateTestKey, signToken, type TestKey } from './testing/test-tokens.js';

let key: TestKey;
let jwks: TestJwksServer;
let running: RunningPostsServer | undefined;
let dir: string;

beforeAll(async () => {
  key = await generateTestKey('server-key');
});

afterEach(async () => {
  await running?.stop();
  running = undefined;
  await jwks?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not reached');
};

describe('startServer', () => {
  it('serves the seeded demo posts once the JWKS arrived, and stops cleanly', async () => {
    jwks = await TestJwksServer.start([key.jwk]);
    dir = mkdtempSync(join(tmpdir(), 'posts-server-'));
    const config = loadPostsConfig({
      PORT: '0', HOST: '127.0.0.1', ISSUER, JWKS_URL: jwks.url, DATA_DIR: dir, SEED_DEMO_DATA: 'true',
    });
    expect(config.DATABASE_URL).toBe(`sqlite:${dir}/posts.sqlite`);
    running = await startServer(config, { logger: testLogger() });
    await until(async () => (await fetch(`${running!.url}/readyz`)).status === 200);
    const res = await fetch(`${running.url}/api/posts`, { headers: { authorization: `Bearer ${await signToken(key, 'jack')}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { title: string }[]).map((p) => p.title)).toEqual(['jack Second post', 'jack post']);
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    for (const name of ['jwks_fetch_total', 'jwks_fetch_duration_seconds', 'jwks_keys', 'jwks_age_seconds', 'jwks_stale', 'jwt_verify_total']) {
      expect(metrics).toContain(`# TYPE ${name} `);
    }
    expect(metrics).toContain('route="/api/posts"');
  });

  it('reports not ready until the issuer answers, then becomes ready by itself', async () => {
    jwks = await TestJwksServer.start([key.jwk]);
    jwks.failWith = 503;
    running = await startServer(
      loadPostsConfig({ PORT: '0', HOST: '127.0.0.1', ISSUER, JWKS_URL: jwks.url, DATABASE_URL: 'sqlite::memory:' }),
      { logger: testLogger() },
    );
    const before = await fetch(`${running.url}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toMatchObject({ checks: { jwks: false, database: true } });
    jwks.failWith = undefined;
    await until(async () => (await fetch(`${running!.url}/readyz`)).status === 200);
  });
});

describe('startServer while the issuer is down', () => {
  it('keeps answering valid tokens from the stale set, stays ready, and reports jwks_stale', async () => {
    jwks = await TestJwksServer.start([key.jwk]);
    jwks.cacheControl = 'max-age=300';
    const clock = new TestClock(Date.now());
    running = await startServer(
      loadPostsConfig({ PORT: '0', HOST: '127.0.0.1', ISSUER, JWKS_URL: jwks.url, DATABASE_URL: 'sqlite::memory:', CLOCK_TOLERANCE_SECONDS: '0' }),
      { logger: testLogger(), clock: clock.now },
    );
    await running.jwks.whenReady();
    await until(async () => (await fetch(`${running!.url}/readyz`)).status === 200);
    await jwks.stop();
    clock.advance(3600);
    const stale = async () => /^jwks_stale 1$/m.test(await (await fetch(`${running!.url}/metrics`)).text());
    for (let i = 0; i < 20; i += 1) {
      // A fresh token each time: the verified-token cache cannot hide a failing key set.
      const token = await signToken(key, 'jack', { now: clock.nowMs });
      const res = await fetch(`${running.url}/api/posts`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
    }
    await until(stale);
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    await jwks.listen();
    clock.advance(60);
    await until(async () => {
      await fetch(`${running!.url}/api/posts`, { headers: { authorization: `Bearer ${await signToken(key, 'jack', { now: clock.nowMs })}` } });
      return !(await stale());
    });
  });
});

describe('main', () => {
  it('logs one "listening" line with url and port, and exits 0 on SIGTERM', async () => {
    jwks = await TestJwksServer.start([key.jwk]);
    const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ISSUER, JWKS_URL: jwks.url, DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let listening: { url?: string; port?: number } | undefined;
    for await (const line of createInterface({ input: child.stdout })) {
      const entry = JSON.parse(line) as { msg: string; url?: string; port?: number };
      if (entry.msg === 'listening') {
        listening = entry;
        break;
      }
    }
    expect(listening?.port).toBeGreaterThan(0);
    expect(listening?.url).toBe(`http://127.0.0.1:${listening?.port}`);
    expect((await fetch(`${listening?.url}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('exits 1 naming every bad variable', async () => {
    const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
    const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', PORT: 'nope' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('PORT:');
    expect(stderr).toContain('ISSUER: is required');
  });
});
