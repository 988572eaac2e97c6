/**
 * The shapes of rendered Kubernetes objects this suite reads. Typed with the kubernetes-models
 * interfaces where a field is read, loose elsewhere: a render may hold any kind.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPod } from 'kubernetes-models/v1/Pod';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';

type IObjectMeta = NonNullable<IPod['metadata']>;

/** One object from a `helm template` output, with the template it came from. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: IObjectMeta & { name: string };
  /** `# Source:` of the document, e.g. `auth/templates/deployment.yaml`. */
  source?: string;
  [field: string]: unknown;
}

export type { IContainer, IPodSpec };

/** A pod template inside a workload (or a bare Pod), with where it sits. */
export interface PodTemplate {
  owner: K8sObject;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: IPodSpec;
}

/** `Kind/name` for messages. */
export function ref(obj: K8sObject): string {
  return `${obj.kind}/${obj.metadata.name}`;
}

/** Reads a nested field without a chain of casts. */
export function field<T>(obj: unknown, ...path: (string | number)[]): T | undefined {
  let cur: unknown = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur as T | undefined;
}

/** The objects of one kind. */
export function ofKind(objects: readonly K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}

/** The pod template of every workload kind, and bare Pods (helm test pods). */
export function podTemplates(objects: readonly K8sObject[]): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const obj of objects) {
    let template: { metadata?: IObjectMeta; spec?: IPodSpec } | undefined;
    if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(obj.kind)) {
      template = field(obj, 'spec', 'template');
    } else if (obj.kind === 'CronJob') {
      template = field(obj, 'spec', 'jobTemplate', 'spec', 'template');
    } else if (obj.kind === 'Pod') {
      template = { metadata: obj.metadata, spec: field<IPodSpec>(obj, 'spec') };
    }
    if (!template?.spec) continue;
    out.push({
      owner: obj,
      labels: template.metadata?.labels ?? {},
      annotations: template.metadata?.annotations ?? {},
      spec: template.spec,
    });
  }
  return out;
}

/** Every container of a pod spec, init containers included. */
export function allContainers(spec: IPodSpec): IContainer[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

/** True when a Service's plain selector map selects `labels` (an empty selector selects nothing here). */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** A metav1.LabelSelector. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** True when a LabelSelector (Deployment, PDB, NetworkPolicy...) selects `labels`; empty selects all. */
export function labelSelectorMatches(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const plain = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return (
    plain &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      const has = Object.hasOwn(labels, key);
      switch (operator) {
        case 'In':
          return has && values.includes(labels[key]!);
        case 'NotIn':
          return !has || !values.includes(labels[key]!);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          return false;
      }
    })
  );
}

/** A chart render: its objects and the namespace it was rendered for. */
export interface Render {
  objects: K8sObject[];
  namespace: string;
}

/** The container port a probe or Service targets, by name or number; undefined when none. */
export function containerPortNumber(container: IContainer, target: number | string | undefined): number | undefined {
  if (target === undefined) return undefined;
  const ports = container.ports ?? [];
  if (typeof target === 'number' || /^\d+$/.test(target)) {
    const n = Number(target);
    return ports.some((p) => p.containerPort === n) ? n : undefined;
  }
  return ports.find((p) => p.name === target)?.containerPort;
}
