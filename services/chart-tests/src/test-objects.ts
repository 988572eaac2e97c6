/** Small hand-written objects for the unit tests of the matchers (the chart tests use real renders). */
import type { K8sObject } from './k8s-object.js';

/** An Ingress with the given rules' paths for one host. */
export function ingress(name: string, host: string | undefined, paths: { path: string; pathType: string; service: string; port: number | string }[]): K8sObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name },
    spec: {
      rules: [
        {
          ...(host ? { host } : {}),
          http: {
            paths: paths.map((p) => ({
              path: p.path,
              pathType: p.pathType,
              backend: { service: { name: p.service, port: typeof p.port === 'number' ? { number: p.port } : { name: p.port } } },
            })),
          },
        },
      ],
    },
  };
}

/** auth's public paths as the charts route them: /api/login Exact, /.well-known/ Prefix. */
export function authIngress(): K8sObject {
  return ingress('auth', 'localhost', [
    { path: '/api/login', pathType: 'Exact', service: 'auth', port: 80 },
    { path: '/.well-known/', pathType: 'Prefix', service: 'auth', port: 80 },
  ]);
}
