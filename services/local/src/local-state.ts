import { access, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatUsersFile, generateKeySet, hashPassword, writeKeySetFile } from '@app/auth';
import { DEMO_USERS } from './demo-users.js';

/** Where the local run keeps its state. */
export interface LocalState {
  readonly dataDir: string;
  readonly keysFile: string;
  readonly usersFile: string;
  /** What this call created (empty on a second start). */
  readonly created: readonly string[];
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates `dataDir` with a development key set and a users file holding the demo users, each
 * only when missing, so a second start reuses them (tokens stay valid across restarts).
 */
export async function ensureLocalState(dataDir: string): Promise<LocalState> {
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keysFile = join(dir, 'keys.json');
  const usersFile = join(dir, 'users.yaml');
  const created: string[] = [];
  if (!(await exists(keysFile))) {
    await writeKeySetFile(keysFile, await generateKeySet());
    created.push(keysFile);
  }
  if (!(await exists(usersFile))) {
    const users = await Promise.all(
      DEMO_USERS.map(async (u) => ({ username: u.username, name: u.name, hash: await hashPassword(u.password, 10) })),
    );
    await writeFile(usersFile, formatUsersFile(users), { mode: 0o600 });
    created.push(usersFile);
  }
  return { dataDir: dir, keysFile, usersFile, created };
}
