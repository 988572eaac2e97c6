/**
 * The built entry points as real child processes (run `npx tsc -b` first; `npm test` does).
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, writeDemoUsers } from './test-fixtures.js';

const dist = join(import.meta.dirname, '..', 'dist');
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('built entry points', () => {
  it('have been built', () => {
    expect(existsSync(join(dist, 'main.js')), 'run `npx tsc -b` before the tests').toBe(true);
  });

  it('auth-cli generates a key file and main.js serves it, logging one "listening" line with url and port', async () => {
    const keysFile = join(dir, 'keys.json');
    const gen = spawnSync(process.execPath, [join(dist, 'cli.js'), 'keys', 'generate', '--file', keysFile], { encoding: 'utf8' });
    expect(gen.status, gen.stderr).toBe(0);
    const hash = spawnSync(process.execPath, [join(dist, 'cli.js'), 'users', 'hash-password'], { input: 'pw\n', encoding: 'utf8' });
    expect(hash.stdout).toMatch(/^\$2b\$10\$/);

    const child = spawn(process.execPath, [join(dist, 'main.js')], {
      env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', KEYS_FILE: keysFile, USERS_FILE: await writeDemoUsers(dir) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let listening: { url: string; port: number } | undefined;
      for await (const line of createInterface({ input: child.stdout })) {
        const entry = JSON.parse(line) as { msg: string; url: string; port: number };
        if (entry.msg === 'listening') {
          listening = entry;
          break;
        }
      }
      expect(listening?.port).toBeGreaterThan(0);
      const res = await fetch(`${listening!.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'jack', password: 'jack_password' }),
      });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    }
  });

  it('main.js exits 1 naming each bad variable', () => {
    const run = spawnSync(process.execPath, [join(dist, 'main.js')], { env: { PATH: process.env.PATH, PORT: 'x' }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/PORT: must be an integer/);
    expect(run.stderr).toMatch(/KEYS_FILE: is required/);
    expect(run.stderr).toMatch(/USERS_FILE: is required/);
  });

  it('auth-cli exits 2 on a usage error', () => {
    expect(spawnSync(process.execPath, [join(dist, 'cli.js'), 'keys', 'nope']).status).toBe(2);
  });
});
