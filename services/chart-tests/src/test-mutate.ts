/** Helpers that break a rendered object in memory, for the "fails when broken on purpose" tests. */
import type { IContainer } from 'kubernetes-models/v1/Container';
import { field, podTemplates, type K8sObject } from './k8s-object.js';

/** The object of that kind and name; throws when the render lacks it. */
export function find(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const obj = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!obj) throw new Error(`the render has no ${kind}/${name}`);
  return obj;
}

/** A container of a workload or Pod, by name. */
export function container(objects: readonly K8sObject[], kind: string, name: string, containerName: string): IContainer {
  const pod = podTemplates([find(objects, kind, name)])[0];
  const c = pod?.spec.containers.find((x) => x.name === containerName);
  if (!c) throw new Error(`${kind}/${name} has no container ${containerName}`);
  return c;
}

/** Sets (or adds) a literal env variable. */
export function setEnv(c: IContainer, name: string, value: string): void {
  const env = (c.env ??= []);
  const existing = env.find((e) => e.name === name);
  if (existing) {
    existing.value = value;
    delete existing.valueFrom;
  } else {
    env.push({ name, value });
  }
}

/** Removes an env variable. */
export function removeEnv(c: IContainer, name: string): void {
  c.env = (c.env ?? []).filter((e) => e.name !== name);
}

/** The paths of the first rule of an Ingress. */
export function ingressPaths(ing: K8sObject): { path: string; pathType: string; backend: { service: { name: string; port: { name?: string; number?: number } } } }[] {
  const paths = field<unknown[]>(ing, 'spec', 'rules', 0, 'http', 'paths');
  if (!paths) throw new Error(`Ingress/${ing.metadata.name} has no paths`);
  return paths as ReturnType<typeof ingressPaths>;
}
