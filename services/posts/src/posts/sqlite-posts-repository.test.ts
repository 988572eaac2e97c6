import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlitePostsRepository } from './sqlite-posts-repository.js';
import { repositoryContract } from './test-repository-contract.js';

repositoryContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'posts-sqlite-'));
  const path = join(dir, 'nested', 'posts.sqlite');
  return {
    open: () => new SqlitePostsRepository(path),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SqlitePostsRepository', () => {
  it('works in memory', async () => {
    const repo = new SqlitePostsRepository(':memory:');
    await repo.migrate({ seedDemoData: true });
    expect((await repo.list('robert', { limit: 1 })).posts.map((p) => p.title)).toEqual(['robert Second Post']);
    await repo.close();
  });

  it('refuses to run queries before migrate()', async () => {
    const repo = new SqlitePostsRepository(':memory:');
    await expect(repo.list('jack', { limit: 1 })).rejects.toThrow(/migrate/);
    await repo.close();
  });
});
