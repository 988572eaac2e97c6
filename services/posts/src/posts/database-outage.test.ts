import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { testLogger } from '../testing/test-logger.js';
import { TEST_DATABASE_URL, dropSchema, pgReachable, throwAwaySchema } from '../testing/test-pg.js';
import { TestTcpProxy } from '../testing/test-tcp-proxy.js';
import { generateTestKey, signToken } from '../testing/test-tokens.js';
import { PgPostsRepository } from './pg-posts-repository.js';

const url = TEST_DATABASE_URL;
const available = url ? await pgReachable(url) : false;

describe.runIf(available)('PostgreSQL outage', () => {
  const schema = throwAwaySchema();
  let proxy: TestTcpProxy;
  let t: TestApp;
  let jack: string;

  beforeAll(async () => {
    const target = new URL(url as string);
    proxy = new TestTcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    const viaProxy = new URL(url as string);
    viaProxy.port = String(proxy.port);
    const repository = new PgPostsRepository({
      connectionString: viaProxy.toString(), poolMax: 4, timeoutMs: 1000, logger: testLogger(), schema,
    });
    const key = await generateTestKey('outage-key');
    t = await createTestApp([key], { repository });
    jack = `Bearer ${await signToken(key, 'jack')}`;
  });

  afterAll(async () => {
    await t?.close();
    await proxy?.stop();
    await dropSchema(url as string, schema);
  });

  it('answers 503 while the database is down, recovers by itself, and loses no acknowledged write', async () => {
    const acknowledged: string[] = [];
    const write = async (title: string) => {
      const res = await request(t.app).post('/api/posts').set('Authorization', jack).send({ title });
      if (res.status === 201) acknowledged.push(res.body.id as string);
      return res;
    };
    for (let i = 0; i < 5; i += 1) expect((await write(`before ${i}`)).status).toBe(201);

    await proxy.stop();
    for (let i = 0; i < 5; i += 1) {
      const res = await write(`during ${i}`);
      expect(res.status).toBe(503);
      expect(res.body.error).toBe('service_unavailable');
      expect(res.headers['retry-after']).toBeDefined();
    }
    expect((await request(t.app).get('/api/posts').set('Authorization', jack)).status).toBe(503);
    expect((await request(t.app).get('/readyz')).status).toBe(503);

    await proxy.start();
    let recovered = false;
    for (let i = 0; i < 50 && !recovered; i += 1) {
      recovered = (await write(`after ${i}`)).status === 201;
      if (!recovered) await new Promise((r) => setTimeout(r, 50));
    }
    expect(recovered).toBe(true);
    expect((await request(t.app).get('/readyz')).status).toBe(200);
    const list = await request(t.app).get('/api/posts?limit=200').set('Authorization', jack);
    const stored = new Set((list.body as { id: string }[]).map((p) => p.id));
    expect(acknowledged.every((id) => stored.has(id))).toBe(true);
  });
});
