/**
 * The environment a container gets, as the kubelet builds it: `envFrom` first, then `env` (later
 * entries win), with `secretKeyRef` / `configMapKeyRef` resolved from the Secrets and ConfigMaps
 * of the same render, and downward API `fieldRef`s from the pod's fields when given. A reference
 * to an object outside the render (an `existingSecret`) stays unresolved: its name is known, its
 * value is not.
 */
import { field, ofKind, type IContainer, type K8sObject } from './k8s-object.js';

/** One variable: its value when the render determines it, and where it comes from. */
export interface EnvEntry {
  name: string;
  /** Undefined when it comes from an object outside the render or from the downward API. */
  value: string | undefined;
  /** `literal`, or e.g. `Secret/demo-auth key keys.json`. */
  from: string;
}

/** The keys and decoded values of a rendered Secret or ConfigMap, or undefined when absent. */
export function configData(objects: readonly K8sObject[], kind: 'Secret' | 'ConfigMap', name: string): Record<string, string> | undefined {
  const obj = ofKind(objects, kind).find((o) => o.metadata.name === name);
  if (!obj) return undefined;
  const out: Record<string, string> = {};
  const encoded = { ...field<Record<string, string>>(obj, kind === 'Secret' ? 'data' : 'binaryData') };
  for (const [k, v] of Object.entries(encoded)) out[k] = Buffer.from(String(v), 'base64').toString('utf8');
  const plain = field<Record<string, unknown>>(obj, kind === 'Secret' ? 'stringData' : 'data') ?? {};
  for (const [k, v] of Object.entries(plain)) out[k] = String(v);
  return out;
}

interface KeyRef {
  name?: string;
  key: string;
  optional?: boolean;
}

function fromRef(objects: readonly K8sObject[], kind: 'Secret' | 'ConfigMap', sel: KeyRef): { value: string | undefined; from: string } {
  const from = `${kind}/${sel.name ?? ''} key ${sel.key}`;
  return { value: configData(objects, kind, sel.name ?? '')?.[sel.key], from };
}

/** Every variable of the container in kubelet order; a name set twice appears twice. `podFields`
 * (fieldPath -> value, e.g. `metadata.namespace`) resolves downward API `fieldRef`s. */
export function containerEnv(container: IContainer, objects: readonly K8sObject[], podFields: Readonly<Record<string, string>> = {}): EnvEntry[] {
  const out: EnvEntry[] = [];
  for (const source of container.envFrom ?? []) {
    const kind = source.secretRef ? 'Secret' : 'ConfigMap';
    const name = (source.secretRef ?? source.configMapRef)?.name ?? '';
    const data = configData(objects, kind, name) ?? {};
    for (const [k, v] of Object.entries(data)) out.push({ name: `${source.prefix ?? ''}${k}`, value: v, from: `${kind}/${name}` });
  }
  for (const env of container.env ?? []) {
    if (env.valueFrom?.secretKeyRef) out.push({ name: env.name, ...fromRef(objects, 'Secret', env.valueFrom.secretKeyRef) });
    else if (env.valueFrom?.configMapKeyRef) out.push({ name: env.name, ...fromRef(objects, 'ConfigMap', env.valueFrom.configMapKeyRef) });
    else if (env.valueFrom?.fieldRef) out.push({ name: env.name, value: podFields[env.valueFrom.fieldRef.fieldPath], from: `downward API ${env.valueFrom.fieldRef.fieldPath}` });
    else if (env.valueFrom) out.push({ name: env.name, value: undefined, from: 'downward API' });
    else out.push({ name: env.name, value: env.value ?? '', from: 'literal' });
  }
  return out;
}

/** The final name -> value map (last definition wins; unresolved values are left out). */
export function envMap(entries: readonly EnvEntry[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) {
    if (e.value === undefined) delete out[e.name];
    else out[e.name] = e.value;
  }
  return out;
}
