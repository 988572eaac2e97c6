import { listen, type RunningServer } from '@app/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgPostsRepository } from './posts/pg-posts-repository.js';
import type { PostsRepository } from './posts/posts-repository.js';
import { createTestApp, type TestApp } from './testing/test-app.js';
import { testLogger } from './testing/test-logger.js';
import { TEST_DATABASE_URL, dropSchema, pgReachable, throwAwaySchema } from './testing/test-pg.js';
import { claimsFor, generateTestKey, signToken, unsignedToken, type TestKey } from './testing/test-tokens.js';

/** A small deterministic PRNG (mulberry32), so a failure replays exactly. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pgAvailable = TEST_DATABASE_URL ? await pgReachable(TEST_DATABASE_URL) : false;
const backends: [string, () => { repository?: PostsRepository; cleanup: () => Promise<void> }][] = [['SQLite', () => ({ cleanup: async () => undefined })]];
if (pgAvailable) {
  backends.push(['PostgreSQL', () => {
    const schema = throwAwaySchema();
    const url = TEST_DATABASE_URL as string;
    return {
      repository: new PgPostsRepository({ connectionString: url, poolMax: 4, timeoutMs: 5000, logger: testLogger(), schema }),
      cleanup: () => dropSchema(url, schema),
    };
  }]);
}

describe.each(backends)('generated bad input (%s)', (_name, backend) => {
  let key: TestKey;
  let t: TestApp;
  let server: RunningServer;
  let cleanup: () => Promise<void>;
  let tokens: string[];
  let existingId: string;

  beforeAll(async () => {
    key = await generateTestKey('fuzz-key');
    const b = backend();
    cleanup = b.cleanup;
    t = await createTestApp([key], b.repository ? { repository: b.repository } : {});
    server = await listen(t.app, 0, '127.0.0.1');
    const valid = await signToken(key, 'jack');
    tokens = [valid, valid, valid, await signToken(key, 'robert', { claims: { scope: 'posts:read' } }),
      unsignedToken(claimsFor('jack'), 'fuzz-key'), 'x'.repeat(9000), 'a.b.c', `${valid}x`, valid.replace(/\./g, '')];
    const created = await fetch(`${server.url}/api/posts`, {
      method: 'POST', headers: { authorization: `Bearer ${valid}`, 'content-type': 'application/json' }, body: '{"title":"seed"}',
    });
    existingId = ((await created.json()) as { id: string }).id;
  });

  afterAll(async () => {
    server?.server.close();
    server?.server.closeAllConnections();
    await t?.close();
    await cleanup?.();
  });

  it('never answers 5xx to 600 generated malformed requests', async () => {
    const random = prng(20261204);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const str = (max: number) => Array.from({ length: Math.floor(random() * max) }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('');
    // encodeURIComponent refuses lone surrogates; URLs get well-formed strings only.
    const uri = (max: number) => encodeURIComponent(str(max).replace(/[\uD800-\uDFFF]/g, '?'));
    const json = (depth: number): unknown => {
      switch (Math.floor(random() * 8)) {
        case 0: return null;
        case 1: return random() * 1e308 * (random() < 0.5 ? -1 : 1);
        case 2: return str(300);
        case 3: return 'x'.repeat(Math.floor(random() * 20_000));
        case 4: return depth > 3 ? [] : Array.from({ length: 3 }, () => json(depth + 1));
        case 5: return random() < 0.5;
        default: {
          if (depth > 3) return {};
          const o: Record<string, unknown> = {};
          for (const k of ['title', 'body', pick(['author', 'id', '__proto__', 'constructor', str(5)])]) if (random() < 0.7) o[k] = json(depth + 1);
          return o;
        }
      }
    };
    const ids = [() => existingId, () => crypto.randomUUID(), () => uri(40), () => '%00', () => '..%2F..', () => 'x'.repeat(3000), () => '1'];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 600; i += 1) {
      const method = pick(['GET', 'POST', 'PATCH', 'DELETE', 'PUT']);
      const path = random() < 0.4 ? '/api/posts' : `/api/posts/${pick(ids)()}`;
      const query = random() < 0.3 ? `?limit=${pick(['0', '-1', '1e3', '50', 'NaN', uri(10)])}&cursor=${pick(['', uri(20), 'cDEuMQ', 'cDEuOTk5OTk5OTk5OTk5OTk5OTk5'])}` : '';
      const headers: Record<string, string> = {};
      if (random() < 0.9) headers.authorization = `${pick(['Bearer', 'bearer', 'Basic', 'Bearer  ', ''])} ${pick(tokens)}`;
      let body: string | undefined;
      if (method === 'POST' || method === 'PATCH' || (method !== 'GET' && random() < 0.1)) {
        headers['content-type'] = pick(['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/merge-patch+json', 'application/json; charset=latin1']);
        const value = json(0);
        body = random() < 0.15 ? JSON.stringify(value).slice(0, Math.floor(random() * 50)) : JSON.stringify(value);
      }
      const res = await fetch(`${server.url}${path}${query}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `${method} ${path.slice(0, 80)} ${body?.slice(0, 80)}`).toBeLessThan(500);
    }
    // The run exercised the interesting paths, not only 401s.
    for (const status of [200, 400, 401, 404]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
  });
});
