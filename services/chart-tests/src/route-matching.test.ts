import { describe, expect, it } from 'vitest';
import type { K8sObject } from './k8s-object.js';
import { hostMatches, prefixMatches, routeHttpRoute, routeIngress } from './route-matching.js';
import { authIngress, ingress } from './test-objects.js';

describe('Prefix matching, element by element as the Ingress specification defines it', () => {
  it.each([
    ['/api/posts', '/api/posts', true],
    ['/api/posts', '/api/posts/', true],
    ['/api/posts', '/api/posts/7', true],
    ['/api/posts', '/api/postsx', false],
    ['/api/posts', '/api', false],
    ['/.well-known/', '/.well-known', true],
    ['/.well-known/', '/.well-known/jwks.json', true],
    ['/.well-known/', '/.well-knownx', false],
    ['/', '/metrics', true],
  ])('prefix %s against %s is %s', (prefix, path, expected) => {
    expect(prefixMatches(prefix, path)).toBe(expected);
  });
});

describe('host matching', () => {
  it('matches exact hosts, one-label wildcards and rules without host', () => {
    expect(hostMatches('localhost', 'localhost')).toBe(true);
    expect(hostMatches('*.example.com', 'api.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'a.b.example.com')).toBe(false);
    expect(hostMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostMatches(undefined, 'anything')).toBe(true);
    expect(hostMatches('localhost', 'example.com')).toBe(false);
  });
});

describe('routeIngress', () => {
  const objects = [
    authIngress(),
    ingress('posts', 'localhost', [
      { path: '/api/posts', pathType: 'Prefix', service: 'posts', port: 'http' },
      { path: '/api', pathType: 'Prefix', service: 'fallback', port: 80 },
    ]),
  ];

  it('sends each path to the longest match across Ingresses of the same host', () => {
    expect(routeIngress(objects, 'localhost', '/api/login')?.service).toBe('auth');
    expect(routeIngress(objects, 'localhost', '/api/posts/3')).toEqual({ service: 'posts', port: 'http', via: 'Ingress/posts Prefix /api/posts' });
    expect(routeIngress(objects, 'localhost', '/api/login/x')?.service).toBe('fallback');
    expect(routeIngress(objects, 'localhost', '/.well-known/jwks.json')?.service).toBe('auth');
  });

  it('routes nothing that no path matches, and nothing for another host', () => {
    expect(routeIngress(objects, 'localhost', '/metrics')).toBeUndefined();
    expect(routeIngress(objects, 'example.com', '/api/login')).toBeUndefined();
  });

  it('prefers Exact over Prefix of the same path', () => {
    const both = [
      ingress('a', undefined, [{ path: '/x', pathType: 'Prefix', service: 'prefix', port: 80 }]),
      ingress('b', undefined, [{ path: '/x', pathType: 'Exact', service: 'exact', port: 80 }]),
    ];
    expect(routeIngress(both, 'h', '/x')?.service).toBe('exact');
    expect(routeIngress(both, 'h', '/x/y')?.service).toBe('prefix');
  });

  it('sends everything unmatched to a defaultBackend', () => {
    const withDefault: K8sObject = { ...objects[0]!, spec: { ...(objects[0]!.spec as object), defaultBackend: { service: { name: 'auth', port: { number: 80 } } } } };
    expect(routeIngress([withDefault], 'localhost', '/metrics')).toEqual({ service: 'auth', port: 80, via: 'Ingress/auth defaultBackend' });
  });
});

describe('routeHttpRoute', () => {
  const route: K8sObject = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'r' },
    spec: {
      hostnames: ['localhost'],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/api/posts' } }], backendRefs: [{ name: 'posts', port: 80 }] },
        { matches: [{ path: { type: 'Exact', value: '/api/login' } }], backendRefs: [{ name: 'auth', port: 80 }] },
        { backendRefs: [{ name: 'catchall', port: 80 }] },
      ],
    },
  };

  it('treats a rule without matches as PathPrefix / and prefers longer prefixes', () => {
    expect(routeHttpRoute([route], 'localhost', '/api/posts/1')?.service).toBe('posts');
    expect(routeHttpRoute([route], 'localhost', '/api/login')?.service).toBe('auth');
    expect(routeHttpRoute([route], 'localhost', '/metrics')?.service).toBe('catchall');
    expect(routeHttpRoute([route], 'other', '/api/login')).toBeUndefined();
  });
});
