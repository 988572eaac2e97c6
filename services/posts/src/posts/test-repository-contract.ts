import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostsRepository } from './posts-repository.js';

/** Storage for one contract run: `open()` connects (again) to the same database. */
export interface ContractTarget {
  open(): PostsRepository;
  cleanup(): Promise<void>;
}

const at = (second: number) => new Date(Date.UTC(2026, 11, 4, 10, 0, second)).toISOString();

/** The behaviour every PostsRepository adapter must show; run once per adapter. */
export function repositoryContract(name: string, makeTarget: () => Promise<ContractTarget>): void {
  describe(`${name} repository contract`, () => {
    let target: ContractTarget;
    let open: PostsRepository[];
    const repo = () => {
      const r = target.open();
      open.push(r);
      return r;
    };

    beforeEach(async () => {
      target = await makeTarget();
      open = [];
    });
    afterEach(async () => {
      for (const r of open) await r.close();
      await target.cleanup();
    });

    it('seeds the six demo posts on a new database, jack seeing exactly his two, newest first', async () => {
      const r = repo();
      expect(await r.migrate({ seedDemoData: true })).toEqual({ created: true });
      const { posts } = await r.list('jack', { limit: 50 });
      expect(posts.map((p) => p.title)).toEqual(['jack Second post', 'jack post']);
      expect(posts.every((p) => p.author === 'jack')).toBe(true);
      expect((await r.list('lina', { limit: 50 })).posts.map((p) => p.title)).toEqual(['lina Second Post', 'lina Post']);
    });

    it('migrates idempotently and never seeds an existing database', async () => {
      const r = repo();
      expect(await r.migrate({ seedDemoData: false })).toEqual({ created: true });
      expect(await r.migrate({ seedDemoData: true })).toEqual({ created: false });
      expect((await r.list('jack', { limit: 50 })).posts).toEqual([]);
    });

    it('lets two replicas migrate at once, seeding once', async () => {
      const [a, b] = [repo(), repo()];
      const results = await Promise.all([a.migrate({ seedDemoData: true }), b.migrate({ seedDemoData: true })]);
      expect(results.filter((x) => x.created)).toHaveLength(1);
      expect((await b.list('jack', { limit: 50 })).posts).toHaveLength(2);
    });

    it('creates, reads, updates and deletes a post, scoped to its author', async () => {
      const r = repo();
      await r.migrate({ seedDemoData: false });
      const id = randomUUID();
      const created = await r.create({ id, author: 'jack', title: 'hello', body: 'world', createdAt: at(1) });
      expect(created).toEqual({ id, author: 'jack', title: 'hello', body: 'world', createdAt: at(1), updatedAt: at(1) });
      expect(await r.get('jack', id)).toEqual(created);
      expect(await r.get('robert', id)).toBeUndefined();
      expect(await r.update('robert', id, { title: 'mine now' }, at(2))).toBeUndefined();
      const updated = await r.update('jack', id, { title: 'hello again' }, at(3));
      expect(updated).toEqual({ ...created, title: 'hello again', updatedAt: at(3) });
      expect(await r.update('jack', id, { body: '' }, at(4))).toMatchObject({ title: 'hello again', body: '' });
      expect(await r.delete('robert', id)).toBe(false);
      expect(await r.delete('jack', id)).toBe(true);
      expect(await r.delete('jack', id)).toBe(false);
      expect(await r.get('jack', id)).toBeUndefined();
    });

    it('pages through an author’s posts newest first', async () => {
      const r = repo();
      await r.migrate({ seedDemoData: false });
      for (let i = 0; i < 5; i += 1) await r.create({ id: randomUUID(), author: 'jack', title: `p${i}`, body: '', createdAt: at(i) });
      await r.create({ id: randomUUID(), author: 'robert', title: 'other', body: '', createdAt: at(9) });
      const first = await r.list('jack', { limit: 2 });
      expect(first.posts.map((p) => p.title)).toEqual(['p4', 'p3']);
      expect(first.next).toBeDefined();
      const second = await r.list('jack', { limit: 2, after: first.next });
      expect(second.posts.map((p) => p.title)).toEqual(['p2', 'p1']);
      const third = await r.list('jack', { limit: 2, after: second.next });
      expect(third.posts.map((p) => p.title)).toEqual(['p0']);
      expect(third.next).toBeUndefined();
      expect((await r.list('jack', { limit: 5 })).next).toBeUndefined();
    });

    it('lists what another connection (another replica) wrote, at once', async () => {
      const [a, b] = [repo(), repo()];
      await a.migrate({ seedDemoData: false });
      await b.migrate({ seedDemoData: false });
      expect((await a.list('jack', { limit: 10 })).posts).toEqual([]);
      const id = randomUUID();
      await b.create({ id, author: 'jack', title: 'from b', body: '', createdAt: at(1) });
      expect((await a.list('jack', { limit: 10 })).posts.map((p) => p.title)).toEqual(['from b']);
      await b.update('jack', id, { title: 'changed by b' }, at(2));
      expect((await a.list('jack', { limit: 10 })).posts.map((p) => p.title)).toEqual(['changed by b']);
      await a.update('jack', id, { title: 'changed by a' }, at(3));
      expect((await a.list('jack', { limit: 10 })).posts.map((p) => p.title)).toEqual(['changed by a']);
      await b.delete('jack', id);
      expect((await a.list('jack', { limit: 10 })).posts).toEqual([]);
    });

    it('keeps what was written across a reconnect', async () => {
      const r = repo();
      await r.migrate({ seedDemoData: false });
      const id = randomUUID();
      await r.create({ id, author: 'lina', title: 'durable', body: 'x', createdAt: at(1) });
      await r.close();
      open = open.filter((x) => x !== r);
      const again = repo();
      await again.migrate({ seedDemoData: true });
      expect((await again.get('lina', id))?.title).toBe('durable');
      expect(await again.ping()).toBe(true);
    });
  });
}
