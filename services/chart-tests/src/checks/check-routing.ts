/**
 * The public entry points route the API and nothing else: through every Ingress host and every
 * HTTPRoute hostname, /api/login and /.well-known/* reach auth, /api/posts reaches posts (on a
 * port the Service exposes), and /metrics, /healthz, /readyz reach nothing. Matching is simulated
 * per the specifications (see route-matching.ts); ImplementationSpecific paths are refused
 * because their meaning depends on the controller.
 */
import { appOfService, appPods, type App } from '../apps.js';
import { field, ofKind, ref, type K8sObject, type Render } from '../k8s-object.js';
import { routeHttpRoute, routeIngress, type RouteTarget } from '../route-matching.js';

/** Paths that must reach a given service (checked only when that service is in the render). */
export const PUBLIC_ROUTES: readonly { path: string; app: App }[] = [
  { path: '/api/login', app: 'auth' },
  { path: '/.well-known/jwks.json', app: 'auth' },
  { path: '/.well-known/openid-configuration', app: 'auth' },
  { path: '/api/posts', app: 'posts' },
  { path: '/api/posts/1', app: 'posts' },
];

/** Paths the services answer that must never be reachable from outside. */
export const PRIVATE_PATHS: readonly string[] = ['/metrics', '/healthz', '/readyz'];

type Router = (objects: readonly K8sObject[], host: string, path: string) => RouteTarget | undefined;

function hostsOf(objects: readonly K8sObject[], kind: 'Ingress' | 'HTTPRoute'): string[] {
  const hosts = new Set<string>();
  for (const obj of ofKind(objects, kind)) {
    const names =
      kind === 'Ingress'
        ? (field<{ host?: string }[]>(obj, 'spec', 'rules') ?? []).map((r) => r.host)
        : (field<string[]>(obj, 'spec', 'hostnames') ?? [undefined]);
    // A rule without host serves any host; a wildcard is probed with one concrete name under it.
    for (const h of names.length ? names : [undefined]) hosts.add(h === undefined ? 'any.host.example' : h.replace(/^\*\./, 'x.'));
  }
  return [...hosts];
}

function serviceProblem(objects: readonly K8sObject[], t: RouteTarget): string | undefined {
  const svc = ofKind(objects, 'Service').find((s) => s.metadata.name === t.service);
  if (!svc) return `routed via ${t.via} to Service ${t.service}, which is not in the release`;
  const ports = field<{ port: number; name?: string }[]>(svc, 'spec', 'ports') ?? [];
  if (!ports.some((p) => p.port === t.port || (p.name !== undefined && p.name === t.port))) {
    return `routed via ${t.via} to ${ref(svc)} port ${t.port}, which it does not expose`;
  }
  return undefined;
}

/** Problems with the Ingress and HTTPRoute routing of a render. */
export function checkRouting({ objects }: Render): string[] {
  const problems: string[] = [];
  const present = new Set(appPods(objects).map((p) => p.app));
  for (const ing of ofKind(objects, 'Ingress')) {
    for (const rule of field<{ http?: { paths?: { path?: string; pathType?: string }[] } }[]>(ing, 'spec', 'rules') ?? []) {
      for (const p of rule.http?.paths ?? []) {
        if (p.pathType !== 'Prefix' && p.pathType !== 'Exact') {
          problems.push(`${ref(ing)}: path ${p.path} has pathType ${p.pathType}; use Prefix or Exact`);
        }
      }
    }
  }
  const entryPoints: [string, Router, string[]][] = [
    ['Ingress', routeIngress, hostsOf(objects, 'Ingress')],
    ['HTTPRoute', routeHttpRoute, hostsOf(objects, 'HTTPRoute')],
  ];
  for (const [kind, route, hosts] of entryPoints) {
    for (const host of hosts) {
      const at = (path: string) => `${kind} host ${host} path ${path}`;
      for (const { path, app } of PUBLIC_ROUTES) {
        const t = route(objects, host, path);
        if (!t) {
          if (present.has(app)) problems.push(`${at(path)}: routed nowhere, expected ${app}`);
          continue;
        }
        const svc = ofKind(objects, 'Service').find((s) => s.metadata.name === t.service);
        const reached = svc && appOfService(objects, svc)?.app;
        if (reached !== app && (present.has(app) || reached !== undefined)) {
          problems.push(`${at(path)}: routed via ${t.via} to ${reached ?? `Service ${t.service}`}, expected ${app}`);
          continue;
        }
        const bad = serviceProblem(objects, t);
        if (bad) problems.push(`${at(path)}: ${bad}`);
      }
      for (const path of PRIVATE_PATHS) {
        const t = route(objects, host, path);
        if (t) problems.push(`${at(path)}: must not be routable, is routed via ${t.via}`);
      }
    }
  }
  return problems;
}
