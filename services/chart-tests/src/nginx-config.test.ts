/**
 * The generated nginx configuration routes exactly as the Ingress specification says: a real
 * nginx in front of two real echo servers must agree with the routeIngress simulation on every
 * probed path (so the simulation used by the routing check and the nginx used by the manifest
 * run cannot drift apart).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nginxConfig } from './nginx-config.js';
import { startNginx, type NginxServer } from './nginx-server.js';
import { routeIngress } from './route-matching.js';
import { suite } from './test-context.js';
import { authIngress, ingress } from './test-objects.js';

const s = suite();

const objects = [
  authIngress(),
  ingress('posts', 'localhost', [
    { path: '/api/posts', pathType: 'Prefix', service: 'posts', port: 'http' },
    { path: '/api/posts/exact', pathType: 'Exact', service: 'auth', port: 80 },
  ]),
];

const PATHS = [
  '/api/login',
  '/api/login/',
  '/api/loginx',
  '/.well-known',
  '/.well-known/',
  '/.well-known/jwks.json',
  '/.well-knownx',
  '/api/posts',
  '/api/posts/',
  '/api/posts/7',
  '/api/postsx',
  '/api/posts/exact',
  '/api/posts/exact/1',
  '/api',
  '/',
  '/metrics',
  '/healthz',
  '/readyz',
];

function echo(name: string): Promise<Server> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ backend: name, url: req.url, forwardedFor: req.headers['x-forwarded-for'] ?? null }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(!s.nginx)(`nginx built from Ingress rules ${s.nginxMissing ?? ''}`, () => {
  const backends = new Map<string, Server>();
  let nginx: NginxServer;

  beforeAll(async () => {
    backends.set('auth', await echo('auth'));
    backends.set('posts', await echo('posts'));
    nginx = await startNginx(s.nginx!, join(s.work, 'nginx-unit'), (listen) =>
      nginxConfig(objects, {
        prefix: join(s.work, 'nginx-unit'),
        listen,
        resolve: (service) => `127.0.0.1:${(backends.get(service)!.address() as AddressInfo).port}`,
      }),
    );
  });

  afterAll(async () => {
    await nginx?.stop();
    for (const b of backends.values()) b.close();
  });

  it.each(PATHS)('routes %s as the Ingress specification does', async (path) => {
    const res = await fetch(`http://127.0.0.1:${nginx.port}${path}`, { headers: { host: 'localhost' } });
    const expected = routeIngress(objects, 'localhost', path)?.service;
    if (expected === undefined) {
      expect(res.status).toBe(404);
    } else {
      expect(res.status).toBe(200);
      const body = (await res.json()) as { backend: string; url: string; forwardedFor: string };
      expect(body).toEqual({ backend: expected, url: path, forwardedFor: '127.0.0.1' });
    }
  });

  it('keeps the simulation honest: the probed paths reach both backends and 404', () => {
    const outcomes = new Set(PATHS.map((p) => routeIngress(objects, 'localhost', p)?.service ?? 'none'));
    expect([...outcomes].sort()).toEqual(['auth', 'none', 'posts']);
  });
});
