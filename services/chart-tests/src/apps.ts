/**
 * Which rendered pods run which service, and the service's own config schema (imported, never
 * copied: a variable exists in the schema or the app does not read it).
 */
import { authConfigSchema } from '@app/auth';
import { postsConfigSchema } from '@app/posts';
import { parseConfig, type Schema } from '@app/shared';
import { podTemplates, selects, type IContainer, type K8sObject, type PodTemplate } from './k8s-object.js';
import { envMap, containerEnv } from './pod-env.js';

/** The config schema of each service, keyed by its `app.kubernetes.io/name`. */
export const APP_SCHEMAS = { auth: authConfigSchema, posts: postsConfigSchema } as const satisfies Record<string, Schema>;

/** A service of this repository. */
export type App = keyof typeof APP_SCHEMAS;

/** The label that names the service a pod runs (the charts' standard `*.name` helper). */
export const APP_LABEL = 'app.kubernetes.io/name';

/** A pod template that runs one of the services, and its service container. */
export interface AppPod {
  app: App;
  pod: PodTemplate;
  container: IContainer;
}

function isApp(name: string | undefined): name is App {
  return name !== undefined && Object.hasOwn(APP_SCHEMAS, name);
}

/** The Deployments and StatefulSets that run auth or posts (helm test pods are not among them). */
export function appPods(objects: readonly K8sObject[]): AppPod[] {
  const out: AppPod[] = [];
  for (const pod of podTemplates(objects)) {
    const app = pod.labels[APP_LABEL];
    if (!isApp(app) || !['Deployment', 'StatefulSet'].includes(pod.owner.kind)) continue;
    const containers = pod.spec.containers;
    const container = containers.find((c) => c.name === app) ?? (containers.length === 1 ? containers[0] : undefined);
    if (container) out.push({ app, pod, container });
  }
  return out;
}

/** The service a Service sends traffic to, when it selects the pods of exactly one app. */
export function appOfService(objects: readonly K8sObject[], service: K8sObject): AppPod | undefined {
  const selector = (service.spec as { selector?: Record<string, string> } | undefined)?.selector;
  const matches = appPods(objects).filter((p) => selects(selector, p.pod.labels));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The port the service listens on with this container's environment (PORT, or its default). */
export function listenPort(appPod: AppPod, objects: readonly K8sObject[]): number {
  const schema = APP_SCHEMAS[appPod.app];
  const env = envMap(containerEnv(appPod.container, objects));
  return parseConfig({ PORT: schema.PORT }, { PORT: env.PORT }).PORT;
}
