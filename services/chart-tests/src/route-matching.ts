/**
 * Simulates how an ingress controller or Gateway picks a backend for a request path, following
 * the Ingress and Gateway API specifications: Prefix / PathPrefix match whole path elements
 * (`/api/posts` matches `/api/posts` and `/api/posts/1`, never `/api/postsx`; a trailing `/` in
 * the prefix is ignored), Exact matches the path only; the longest match wins and Exact beats
 * Prefix of the same length (in Gateway API, Exact always wins); an Ingress defaultBackend catches
 * everything unmatched.
 */
import { field, ofKind, ref, type K8sObject } from './k8s-object.js';

/** Where a request ends up. */
export interface RouteTarget {
  service: string;
  port: number | string;
  /** The object and match that chose it, for messages: `Ingress/x Prefix /api/posts`. */
  via: string;
}

interface Candidate extends RouteTarget {
  exact: boolean;
  length: number;
}

/** True when an Ingress/Gateway prefix matches a request path element-wise. */
export function prefixMatches(prefix: string, path: string): boolean {
  const p = prefix.replace(/\/+$/, '');
  return p === '' || path === p || path.startsWith(`${p}/`);
}

/** True when a rule's host (exact, `*.suffix` wildcard, or absent = any) matches `host`. */
export function hostMatches(pattern: string | undefined, host: string): boolean {
  if (!pattern) return true;
  if (pattern.startsWith('*.')) {
    const suffix = pattern.slice(1);
    return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.') && host.length > suffix.length;
  }
  return pattern === host;
}

/** Ingress: longest path first, Exact over Prefix on a tie. Gateway API: any Exact first, then longest. */
function best(candidates: Candidate[], exactFirst = false): RouteTarget | undefined {
  candidates.sort((a, b) =>
    exactFirst ? Number(b.exact) - Number(a.exact) || b.length - a.length : b.length - a.length || Number(b.exact) - Number(a.exact),
  );
  const [top] = candidates;
  return top && { service: top.service, port: top.port, via: top.via };
}

function matchPath(type: string | undefined, value: string, path: string): boolean {
  if (type === 'Exact') return path === value;
  if (type === 'RegularExpression') return new RegExp(`^(?:${value})$`).test(path);
  return prefixMatches(value, path); // Prefix, PathPrefix, ImplementationSpecific (as nginx-style prefix)
}

interface IngressBackend {
  service?: { name: string; port?: { number?: number; name?: string } };
}

function target(backend: IngressBackend | undefined): Pick<RouteTarget, 'service' | 'port'> | undefined {
  if (!backend?.service) return undefined;
  return { service: backend.service.name, port: backend.service.port?.number ?? backend.service.port?.name ?? '' };
}

/** The backend the Ingresses of a render send `host` + `path` to, if any. */
export function routeIngress(objects: readonly K8sObject[], host: string, path: string): RouteTarget | undefined {
  const candidates: Candidate[] = [];
  const ingresses = ofKind(objects, 'Ingress');
  for (const ing of ingresses) {
    for (const rule of field<{ host?: string; http?: { paths?: unknown[] } }[]>(ing, 'spec', 'rules') ?? []) {
      if (!hostMatches(rule.host, host)) continue;
      for (const p of (rule.http?.paths ?? []) as { path?: string; pathType?: string; backend?: IngressBackend }[]) {
        const value = p.path ?? '/';
        const t = target(p.backend);
        if (!t || !matchPath(p.pathType, value, path)) continue;
        const exact = p.pathType === 'Exact';
        candidates.push({ ...t, via: `${ref(ing)} ${p.pathType} ${value}`, exact, length: exact ? value.length : value.replace(/\/+$/, '').length });
      }
    }
  }
  const chosen = best(candidates);
  if (chosen) return chosen;
  for (const ing of ingresses) {
    const t = target(field<IngressBackend>(ing, 'spec', 'defaultBackend'));
    if (t) return { ...t, via: `${ref(ing)} defaultBackend` };
  }
  return undefined;
}

interface HttpRouteRule {
  matches?: { path?: { type?: string; value?: string } }[];
  backendRefs?: { name: string; port?: number; kind?: string; group?: string }[];
}

/** The backend the HTTPRoutes of a render send `host` + `path` to, if any (first backendRef). */
export function routeHttpRoute(objects: readonly K8sObject[], host: string, path: string): RouteTarget | undefined {
  const candidates: Candidate[] = [];
  for (const route of ofKind(objects, 'HTTPRoute')) {
    const hostnames = field<string[]>(route, 'spec', 'hostnames') ?? [];
    if (hostnames.length > 0 && !hostnames.some((h) => hostMatches(h, host))) continue;
    for (const rule of field<HttpRouteRule[]>(route, 'spec', 'rules') ?? []) {
      const backend = (rule.backendRefs ?? []).find((b) => (b.kind ?? 'Service') === 'Service' && !b.group);
      if (!backend) continue;
      const matches = rule.matches?.length ? rule.matches : [{ path: { type: 'PathPrefix', value: '/' } }];
      for (const m of matches) {
        const type = m.path?.type ?? 'PathPrefix';
        const value = m.path?.value ?? '/';
        if (!matchPath(type, value, path)) continue;
        const exact = type === 'Exact';
        candidates.push({
          service: backend.name,
          port: backend.port ?? '',
          via: `${ref(route)} ${type} ${value}`,
          exact,
          length: exact ? value.length : value.replace(/\/+$/, '').length,
        });
      }
    }
  }
  return best(candidates, true);
}
