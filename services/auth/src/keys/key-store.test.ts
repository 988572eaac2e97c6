import { mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { capturingLogger, entry, keySet, manualClock, tempDir } from '../test-fixtures.js';
import { KeyStore, type ReloadResult } from './key-store.js';
import { formatKeySetFile } from './key-set-file.js';
import { writeKeySetFile } from './write-key-set-file.js';

const clock = manualClock();
const first = entry('first', { activateAt: clock.now() });
const second = entry('second', { activateAt: clock.now() + 1000 });

let dir: string;
let cleanup: () => Promise<void>;
let stores: KeyStore[] = [];
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  for (const s of stores) s.stop();
  stores = [];
  await cleanup();
});

function store(file: string, logger = capturingLogger().logger) {
  const s = new KeyStore({ file, logger, clock: clock.now, reloadIntervalMs: 25, tokenTtlSeconds: 900 });
  const results: ReloadResult[] = [];
  s.onReload((r) => results.push(r));
  stores.push(s);
  return { s, results };
}

const signingKid = (s: KeyStore) => s.current?.signingKey(clock.now() + 1000)?.kid;

describe('KeyStore', () => {
  it('is not ready until a valid key set file appears, then loads it without a restart', async () => {
    const file = join(dir, 'keys.json');
    const { s } = store(file);
    await s.start();
    expect(s.isReady()).toBe(false);
    await writeKeySetFile(file, keySet(first));
    await vi.waitFor(() => expect(s.isReady()).toBe(true), { timeout: 5000 });
  });

  it('picks up a rewritten file by polling', async () => {
    const file = join(dir, 'keys.json');
    await writeKeySetFile(file, keySet(first));
    const { s, results } = store(file);
    await s.start();
    expect(signingKid(s)).toBe(first.kid);
    await writeKeySetFile(file, keySet(first, second));
    await vi.waitFor(() => expect(signingKid(s)).toBe(second.kid), { timeout: 5000 });
    expect(results).toEqual(['loaded', 'loaded']);
  });

  it.each([
    ['an empty file', ''],
    ['truncated JSON', formatKeySetFile(keySet(first)).slice(0, 200)],
    ['a set with no keys', '{"keys": []}'],
    ['a key that does not import', JSON.stringify({ keys: [{ ...second, privateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' }] })],
  ])('refuses %s with an error log and a metric, and keeps the last good keys', async (_name, text) => {
    const file = join(dir, 'keys.json');
    await writeKeySetFile(file, keySet(first));
    const log = capturingLogger();
    const { s, results } = store(file, log.logger);
    await s.start();
    await writeFile(file, text);
    await vi.waitFor(() => expect(results).toContain('rejected'), { timeout: 5000 });
    expect(s.isReady()).toBe(true);
    expect(signingKid(s)).toBe(first.kid);
    const error = log.lines().find((l) => l.level === 'error');
    expect(error?.msg).toMatch(/keeping the last good key set/);
    expect(JSON.stringify(log.lines())).not.toContain('PRIVATE KEY');
  });

  it('reports a broken file once, not on every poll', async () => {
    const file = join(dir, 'keys.json');
    await writeKeySetFile(file, keySet(first));
    const { s, results } = store(file);
    await s.start();
    await writeFile(file, '{');
    await vi.waitFor(() => expect(results).toContain('rejected'), { timeout: 5000 });
    expect(await s.reload()).toBe('unchanged');
    expect(results.filter((r) => r === 'rejected')).toHaveLength(1);
  });

  it('follows a Kubernetes Secret update (the ..data symlink swapped to a new directory)', async () => {
    // The kubelet layout: keys.json -> ..data/keys.json, ..data -> ..2026_12_04_v1
    await mkdir(join(dir, '..v1'));
    await writeKeySetFile(join(dir, '..v1', 'keys.json'), keySet(first));
    await symlink('..v1', join(dir, '..data'));
    await symlink(join('..data', 'keys.json'), join(dir, 'keys.json'));
    const { s } = store(join(dir, 'keys.json'));
    await s.start();
    expect(signingKid(s)).toBe(first.kid);

    await mkdir(join(dir, '..v2'));
    await writeKeySetFile(join(dir, '..v2', 'keys.json'), keySet(first, second));
    await symlink('..v2', join(dir, '..data_tmp'));
    await rename(join(dir, '..data_tmp'), join(dir, '..data'));
    await vi.waitFor(() => expect(signingKid(s)).toBe(second.kid), { timeout: 5000 });
  });

  it('shares one read between concurrent reloads', async () => {
    const file = join(dir, 'keys.json');
    await writeKeySetFile(file, keySet(first));
    const { s } = store(file);
    const [a, b] = [s.reload(), s.reload()];
    expect(a).toBe(b);
    expect(await a).toBe('loaded');
  });
});
