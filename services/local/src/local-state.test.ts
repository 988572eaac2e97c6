import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import bcrypt from 'bcryptjs';
import { parse } from 'yaml';
import { parseKeySetFile } from '@app/auth';
import { DEMO_USERS } from './demo-users.js';
import { ensureLocalState } from './local-state.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'local-state-'));
  dirs.push(dir);
  return join(dir, 'data');
}

describe('ensureLocalState', () => {
  it('creates a private data dir with a one-key set and the demo users, hashed', async () => {
    const state = await ensureLocalState(await tempDir());
    expect(state.created).toEqual([state.keysFile, state.usersFile]);
    expect((await stat(state.dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(state.keysFile)).mode & 0o777).toBe(0o600);

    const keySet = parseKeySetFile(await readFile(state.keysFile, 'utf8'));
    expect(keySet.keys).toHaveLength(1);
    expect(keySet.keys[0]).toMatchObject({ alg: 'RS256' });

    const usersText = await readFile(state.usersFile, 'utf8');
    for (const user of DEMO_USERS) expect(usersText).not.toContain(user.password);
    const { users } = parse(usersText) as { users: { username: string; hash: string }[] };
    expect(users.map((u) => u.username)).toEqual(['jack', 'robert', 'lina']);
    for (const user of DEMO_USERS) {
      const record = users.find((u) => u.username === user.username)!;
      expect(bcrypt.getRounds(record.hash)).toBeGreaterThanOrEqual(10);
      expect(await bcrypt.compare(user.password, record.hash)).toBe(true);
    }
  });

  it('keeps existing files on the next start', async () => {
    const dir = await tempDir();
    const first = await ensureLocalState(dir);
    const keys = await readFile(first.keysFile, 'utf8');
    const second = await ensureLocalState(dir);
    expect(second.created).toEqual([]);
    expect(await readFile(second.keysFile, 'utf8')).toBe(keys);
  });
});
