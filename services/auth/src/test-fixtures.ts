/** Shared set-up for the tests (excluded from the build). */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import bcrypt from 'bcryptjs';
import { createLogger, type Logger } from '@app/shared';
import { kidOf, isoSeconds } from './keys/generate-key-set.js';
import type { KeyEntry, KeySetFile } from './keys/key-set-file.js';
import { formatUsersFile } from './users/users-file.js';

/** RSA generation is the slow part of most tests: make each PEM once per file. */
const pemCache = new Map<string, string>();
export function pem(name: string, type: 'pkcs1' | 'pkcs8' = 'pkcs8', bits = 2048): string {
  const cacheKey = `${name}/${type}/${bits}`;
  let value = pemCache.get(cacheKey);
  if (!value) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
    value = privateKey.export({ type, format: 'pem' }) as string;
    pemCache.set(cacheKey, value);
  }
  return value;
}

/** A key entry with times given as epoch ms. */
export function entry(name: string, times: { createdAt?: number; activateAt: number; retireAt?: number }): KeyEntry {
  const privateKey = pem(name);
  return {
    kid: kidOf(privateKey),
    alg: 'RS256',
    createdAt: isoSeconds(times.createdAt ?? times.activateAt),
    activateAt: isoSeconds(times.activateAt),
    ...(times.retireAt !== undefined ? { retireAt: isoSeconds(times.retireAt, 'ceil') } : {}),
    privateKey,
  };
}

export function keySet(...keys: KeyEntry[]): KeySetFile {
  return { keys };
}

/** A temp directory removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'auth-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The demo users' hashes, made once per test file (cost 10). */
let demoUsersFile: string | undefined;
export async function demoUsersYaml(): Promise<string> {
  demoUsersFile ??= formatUsersFile([
    { username: 'jack', hash: await bcrypt.hash('jack_password', 10), name: 'Jack' },
    { username: 'robert', hash: await bcrypt.hash('robert_password', 10), scopes: ['posts:read'] },
  ]);
  return demoUsersFile;
}

export async function writeDemoUsers(dir: string): Promise<string> {
  const path = join(dir, 'users.yaml');
  await writeFile(path, await demoUsersYaml());
  return path;
}

/** A logger whose lines the test can read. */
export function capturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ service: 'auth-test', level: 'debug', destination });
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

export const silentLogger = createLogger({ service: 'auth-test', level: 'silent' });

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2026-12-04T09:00:00Z')): { now: () => number; advance: (ms: number) => void; set: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms), set: (ms) => void (t = ms) };
}


/** A createApp built on real files in a temp dir; `stop` cleans up. */
export async function testApp(options: { env?: Record<string, string>; clock?: () => number; keys?: KeySetFile } = {}) {
  const { createApp } = await import('./app.js');
  const { loadAuthConfig } = await import('./config.js');
  const { KeyStore } = await import('./keys/key-store.js');
  const { UserDirectory } = await import('./users/user-directory.js');
  const { writeKeySetFile } = await import('./keys/write-key-set-file.js');
  const { dir, cleanup } = await tempDir();
  const keysFile = join(dir, 'keys.json');
  const clock = options.clock ?? Date.now;
  await writeKeySetFile(keysFile, options.keys ?? keySet(entry('app', { activateAt: clock() - 1000 })));
  const usersFile = await writeDemoUsers(dir);
  const config = loadAuthConfig({ KEYS_FILE: keysFile, USERS_FILE: usersFile, ISSUER: 'http://auth.test', LOG_LEVEL: 'silent', ...options.env });
  const log = capturingLogger();
  const keyStore = new KeyStore({ file: keysFile, logger: log.logger, clock, reloadIntervalMs: config.KEYS_RELOAD_INTERVAL_MS, tokenTtlSeconds: config.ACCESS_TOKEN_TTL });
  const app = createApp({ config, logger: log.logger, keyStore, users: await UserDirectory.fromFile(usersFile) });
  await keyStore.reload();
  return { app, config, keyStore, keysFile, dir, log, stop: async () => { keyStore.stop(); await cleanup(); } };
}
