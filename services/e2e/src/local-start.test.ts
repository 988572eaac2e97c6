import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForReady } from '@app/local';
import { freePort } from '@app/shared';

// `npm start` runs `node services/local/dist/start.js` after the build; this is that process.
const launcher = fileURLToPath(new URL('../../local/dist/start.js', import.meta.url));

interface Started {
  child: ChildProcess;
  auth: string;
  posts: string;
  output: () => string;
}

async function startLocal(dataDir: string): Promise<Started> {
  const [authPort, postsPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [launcher], {
    env: { ...process.env, DATA_DIR: dataDir, AUTH_PORT: String(authPort), POSTS_PORT: String(postsPort), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const auth = `http://127.0.0.1:${authPort}`;
  const posts = `http://127.0.0.1:${postsPort}`;
  await waitForReady([`${auth}/readyz`, `${posts}/readyz`], 20_000);
  return { child, auth, posts, output: () => output };
}

async function stop(started: Started, signal: NodeJS.Signals): Promise<number | null> {
  const exited = once(started.child, 'exit');
  started.child.kill(signal);
  const [code] = (await exited) as [number | null];
  return code;
}

async function jackPosts(started: Started): Promise<string[]> {
  const login = await fetch(`${started.auth}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'jack', password: 'jack_password' }),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  const res = await fetch(`${started.posts}/api/posts`, { headers: { Authorization: `Bearer ${access_token}` } });
  return ((await res.json()) as { title: string }[]).map((p) => p.title).sort();
}

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'local-start-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start (the local launcher)', () => {
  it('creates DATA_DIR, runs both services, and serves the README flow; SIGTERM stops both with 0', async () => {
    const started = await startLocal(dataDir);
    expect(await jackPosts(started)).toEqual(['jack Second post', 'jack post']);
    expect(started.output()).toContain('ready: auth');
    expect(await stop(started, 'SIGTERM')).toBe(0);
    await expect(fetch(`${started.auth}/healthz`)).rejects.toThrow();
    await expect(fetch(`${started.posts}/healthz`)).rejects.toThrow();
  });

  it('reuses the key set and data on the next start, and stops cleanly on SIGINT (Ctrl-C)', async () => {
    const keysBefore = await readFile(join(dataDir, 'keys.json'), 'utf8');
    const started = await startLocal(dataDir);
    expect(await readFile(join(dataDir, 'keys.json'), 'utf8')).toBe(keysBefore);
    expect(await jackPosts(started)).toEqual(['jack Second post', 'jack post']);
    expect(started.output()).not.toContain('created');
    expect(await stop(started, 'SIGINT')).toBe(0);
  });
});
