import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { generateTestKey, signToken, type TestKey } from '../testing/test-tokens.js';

let key: TestKey;
let t: TestApp;
let jack: string;
let robert: string;
let readOnly: string;
let writeOnly: string;

beforeAll(async () => {
  key = await generateTestKey('key-1');
  t = await createTestApp([key]);
  jack = `Bearer ${await signToken(key, 'jack')}`;
  robert = `Bearer ${await signToken(key, 'robert')}`;
  readOnly = `Bearer ${await signToken(key, 'jack', { claims: { scope: 'posts:read' } })}`;
  writeOnly = `Bearer ${await signToken(key, 'jack', { claims: { scope: 'posts:write' } })}`;
});

afterAll(async () => {
  await t.close();
});

const api = () => request(t.app);

describe('posts CRUD', () => {
  it('creates a post owned by the token subject, with Location', async () => {
    const res = await api().post('/api/posts').set('Authorization', jack).send({ title: 'first', body: 'hello' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/posts/${res.body.id}`);
    expect(res.body).toMatchObject({ title: 'first', body: 'hello', author: 'jack' });
    expect(res.body.createdAt).toBe(res.body.updatedAt);
    const read = await api().get(res.headers.location as string).set('Authorization', jack);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('defaults body to an empty string', async () => {
    const res = await api().post('/api/posts').set('Authorization', jack).send({ title: 'no body' });
    expect(res.status).toBe(201);
    expect(res.body.body).toBe('');
  });

  it('updates and deletes the caller’s own post', async () => {
    const { body: post } = await api().post('/api/posts').set('Authorization', jack).send({ title: 'draft' });
    const patched = await api().patch(`/api/posts/${post.id}`).set('Authorization', jack).send({ title: 'final', body: 'text' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: post.id, title: 'final', body: 'text', author: 'jack', createdAt: post.createdAt });
    const deleted = await api().delete(`/api/posts/${post.id}`).set('Authorization', jack);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await api().get(`/api/posts/${post.id}`).set('Authorization', jack)).status).toBe(404);
  });

  it('hides other users’ posts: 404 to read, change or delete, absent from lists', async () => {
    const { body: post } = await api().post('/api/posts').set('Authorization', robert).send({ title: 'robert only' });
    for (const res of [
      await api().get(`/api/posts/${post.id}`).set('Authorization', jack),
      await api().patch(`/api/posts/${post.id}`).set('Authorization', jack).send({ title: 'hijack' }),
      await api().delete(`/api/posts/${post.id}`).set('Authorization', jack),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'not_found', message: 'no such post' });
    }
    const list = await api().get('/api/posts').set('Authorization', jack);
    expect(list.body.map((p: { author: string }) => p.author).every((a: string) => a === 'jack')).toBe(true);
    expect((await api().get(`/api/posts/${post.id}`).set('Authorization', robert)).body.title).toBe('robert only');
  });

  it('ignores a client-chosen author', async () => {
    const res = await api().post('/api/posts').set('Authorization', jack).send({ title: 'x', author: 'robert' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/"author" is not a known field/);
  });
});

describe('listing and pagination', () => {
  it('lists newest first and pages with Link and X-Next-Cursor', async () => {
    const lina = `Bearer ${await signToken(key, 'lina')}`;
    for (let i = 0; i < 5; i += 1) await api().post('/api/posts').set('Authorization', lina).send({ title: `lina ${i}` });
    const seen: string[] = [];
    let url: string | undefined = '/api/posts?limit=2';
    for (let pages = 0; url && pages < 10; pages += 1) {
      const res = await api().get(url).set('Authorization', lina);
      expect(res.status).toBe(200);
      seen.push(...res.body.map((p: { title: string }) => p.title));
      const link = res.headers.link as string | undefined;
      if (link) expect(link).toBe(`</api/posts?limit=2&cursor=${res.headers['x-next-cursor']}>; rel="next"`);
      url = link ? /^<([^>]+)>/.exec(link)?.[1] : undefined;
    }
    expect(seen).toEqual(['lina 4', 'lina 3', 'lina 2', 'lina 1', 'lina 0']);
  });

  it('answers a plain JSON array without paging headers when everything fits', async () => {
    const res = await api().get('/api/posts').set('Authorization', `Bearer ${await signToken(key, 'nobody')}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect(res.headers.link).toBeUndefined();
  });

  it.each([['limit=0'], ['limit=201'], ['limit=abc'], ['limit=1&limit=2'], ['cursor=%%%'], ['cursor=bm9wZQ'], ['cursor=a&cursor=b']])(
    'rejects ?%s with 400 naming the parameter',
    async (query) => {
      const res = await api().get(`/api/posts?${query}`).set('Authorization', jack);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_request');
      expect(res.body.message).toMatch(/^(limit|cursor) /);
    },
  );
});

describe('validation', () => {
  const long = (n: number) => 'x'.repeat(n);
  it.each([
    ['no title', {}, /^title is required/],
    ['an empty title', { title: '' }, /^title must not be empty/],
    ['a blank title', { title: '   ' }, /^title must not be empty/],
    ['a 201-character title', { title: long(201) }, /^title must be at most 200/],
    ['a numeric title', { title: 42 }, /^title must be a string/],
    ['a 10001-character body', { title: 'ok', body: long(10_001) }, /^body must be at most 10000/],
    ['a null body', { title: 'ok', body: null }, /^body must be a string/],
    ['an unknown field', { title: 'ok', extra: 1 }, /"extra" is not a known field/],
    ['an array', [], /JSON object/],
    ['a NUL in the title', { title: 'a\u0000b' }, /^title must not contain control characters/],
    ['a newline in the title', { title: 'a\nb' }, /^title must not contain control characters/],
    ['a NUL in the body', { title: 'ok', body: 'a\u0000' }, /^body must not contain control characters/],
    ['a lone surrogate in the title', { title: 'a\ud800' }, /^title must be valid Unicode/],
    ['a bare JSON string', '"just a string"', /JSON/],
  ])('rejects a POST with %s (400 naming the field)', async (_label, payload, message) => {
    const res = await api().post('/api/posts').set('Authorization', jack).set('Content-Type', 'application/json')
      .send(typeof payload === 'string' ? payload : JSON.stringify(payload));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('keeps newlines and tabs in a body', async () => {
    const res = await api().post('/api/posts').set('Authorization', jack).send({ title: 'lines', body: 'a\n\tb\r\n' });
    expect(res.status).toBe(201);
    expect(res.body.body).toBe('a\n\tb\r\n');
  });

  it('accepts the limits exactly, counting characters not bytes', async () => {
    const res = await api().post('/api/posts').set('Authorization', jack).send({ title: '😀'.repeat(200), body: long(10_000) });
    expect(res.status).toBe(201);
  });

  it('rejects an empty PATCH and unknown PATCH fields', async () => {
    const { body: post } = await api().post('/api/posts').set('Authorization', jack).send({ title: 't' });
    expect((await api().patch(`/api/posts/${post.id}`).set('Authorization', jack).send({})).body.message).toMatch(/title or body/);
    expect((await api().patch(`/api/posts/${post.id}`).set('Authorization', jack).send({ id: 'x' })).status).toBe(400);
  });

  it.each(['not-a-uuid', '1', "1' OR '1'='1", '00000000-0000-0000-0000-000000000000'])('rejects id %s with 400', async (id) => {
    const res = await api().get(`/api/posts/${encodeURIComponent(id)}`).set('Authorization', jack);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('id must be a UUID');
  });

  it('answers malformed JSON with 400 and another content type with 415', async () => {
    const bad = await api().post('/api/posts').set('Authorization', jack).set('Content-Type', 'application/json').send('{"title":');
    expect(bad.status).toBe(400);
    const text = await api().post('/api/posts').set('Authorization', jack).set('Content-Type', 'text/plain').send('title');
    expect(text.status).toBe(415);
  });
});

describe('scopes', () => {
  it('needs posts:read to read and posts:write to write (403 insufficient_scope)', async () => {
    const read = await api().get('/api/posts').set('Authorization', writeOnly);
    expect(read.status).toBe(403);
    expect(read.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="posts:read"');
    expect(read.body.error).toBe('insufficient_scope');
    const write = await api().post('/api/posts').set('Authorization', readOnly).send({ title: 'x' });
    expect(write.status).toBe(403);
    expect(write.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="posts:write"');
    expect((await api().get('/api/posts').set('Authorization', readOnly)).status).toBe(200);
  });
});
