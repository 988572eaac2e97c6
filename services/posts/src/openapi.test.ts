import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createTestApp, type TestApp } from './testing/test-app.js';
import { generateTestKey, signToken, type TestKey } from './testing/test-tokens.js';

type Json = Record<string, unknown>;
const doc = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8')) as Json;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every "METHOD /path" the express app routes, read from its router stack. */
function appRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.push(`${method.toUpperCase()} ${layer.route.path}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out.sort();
}

function docRoutes(): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const method of METHODS) if ((item as Json)[method]) out.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
  }
  return out.sort();
}

function deref(node: Json): Json {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  return ref.slice(2).split('/').reduce<Json>((at, part) => at[part] as Json, doc);
}

/** Validates `body` against the documented response for `method path status`. */
function check(method: string, path: string, status: number, body: unknown): void {
  const operation = (doc.paths as Json)[path] as Json;
  const responses = (operation[method] as Json).responses as Json;
  const response = responses[String(status)];
  expect(response, `${method} ${path} ${status} is documented`).toBeDefined();
  const content = deref(response as Json).content as Json | undefined;
  if (!content) return;
  const schema = (content['application/json'] as Json).schema as Json;
  const validate = ajv.compile({ ...schema, components: doc.components });
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

let key: TestKey;
let t: TestApp;
let jack: string;

beforeAll(async () => {
  key = await generateTestKey('doc-key');
  t = await createTestApp([key]);
  jack = `Bearer ${await signToken(key, 'jack')}`;
});

afterAll(async () => {
  await t.close();
});

describe('openapi.yaml', () => {
  it('is OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents exactly the routes the app serves', () => {
    expect(appRoutes(t.app)).toContain('PATCH /api/posts/:id');
    expect(docRoutes()).toEqual(appRoutes(t.app));
  });

  it('describes the responses the API actually sends', async () => {
    const created = await request(t.app).post('/api/posts').set('Authorization', jack).send({ title: 'doc', body: 'checked' });
    check('post', '/api/posts', created.status, created.body);
    const list = await request(t.app).get('/api/posts?limit=1').set('Authorization', jack);
    check('get', '/api/posts', list.status, list.body);
    const one = await request(t.app).get(`/api/posts/${created.body.id}`).set('Authorization', jack);
    check('get', '/api/posts/{id}', one.status, one.body);
    const patched = await request(t.app).patch(`/api/posts/${created.body.id}`).set('Authorization', jack).send({ body: '' });
    check('patch', '/api/posts/{id}', patched.status, patched.body);
    const invalid = await request(t.app).post('/api/posts').set('Authorization', jack).send({ title: '' });
    check('post', '/api/posts', invalid.status, invalid.body);
    const unauthorized = await request(t.app).get('/api/posts');
    check('get', '/api/posts', unauthorized.status, unauthorized.body);
    const deleted = await request(t.app).delete(`/api/posts/${created.body.id}`).set('Authorization', jack);
    check('delete', '/api/posts/{id}', deleted.status, deleted.body);
    const missing = await request(t.app).get(`/api/posts/${created.body.id}`).set('Authorization', jack);
    check('get', '/api/posts/{id}', missing.status, missing.body);
    const ready = await request(t.app).get('/readyz');
    check('get', '/readyz', ready.status, ready.body);
  });
});
