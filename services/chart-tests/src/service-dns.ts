/**
 * Resolves an in-cluster host name the way cluster DNS does for Services: `name`, `name.ns`,
 * `name.ns.svc` and `name.ns.svc.cluster.local` (short forms from a pod in the same namespace).
 */
import { ofKind, type K8sObject } from './k8s-object.js';

/** The rendered Service a host name resolves to in `namespace`, if any. */
export function resolveServiceHost(objects: readonly K8sObject[], namespace: string, host: string): K8sObject | undefined {
  const parts = host.toLowerCase().replace(/\.$/, '').split('.');
  const [name, ...rest] = parts;
  const suffix = rest.join('.');
  const ns = rest[0] ?? namespace;
  const validSuffix = suffix === '' || suffix === ns || suffix === `${ns}.svc` || suffix === `${ns}.svc.cluster.local`;
  if (!validSuffix || ns !== namespace) return undefined;
  return ofKind(objects, 'Service').find((s) => s.metadata.name === name && (s.metadata.namespace ?? namespace) === namespace);
}

/** The Service port a URL reaches (explicit port, or 80/443 by scheme). */
export function urlPort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}
