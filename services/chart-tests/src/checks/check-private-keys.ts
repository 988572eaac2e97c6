/**
 * No private key material reaches posts: no object of the posts chart, and no Secret or
 * ConfigMap a posts pod reads (env, envFrom, volumes), contains a PEM private key or a JWK
 * private member `"d":`, also after base64-decoding Secret data.
 */
import { APP_LABEL, appPods } from '../apps.js';
import { field, ref, type K8sObject, type Render } from '../k8s-object.js';

const MARKERS: readonly [RegExp, string][] = [
  [/PRIVATE KEY/, 'a PEM private key'],
  [/"d"\s*:/, 'a private JWK member "d"'],
];

function isPostsObject(obj: K8sObject): boolean {
  return obj.metadata.labels?.[APP_LABEL] === 'posts' || /(^|\/)posts\/templates\//.test(obj.source ?? '');
}

/** Names of the Secrets and ConfigMaps the posts pods read. */
function readByPosts(objects: readonly K8sObject[]): Set<string> {
  const names = new Set<string>();
  for (const { pod } of appPods(objects).filter((p) => p.app === 'posts')) {
    for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      for (const e of c.env ?? []) {
        const r = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
        if (r?.name) names.add(`${e.valueFrom?.secretKeyRef ? 'Secret' : 'ConfigMap'}/${r.name}`);
      }
      for (const f of c.envFrom ?? []) {
        if (f.secretRef?.name) names.add(`Secret/${f.secretRef.name}`);
        if (f.configMapRef?.name) names.add(`ConfigMap/${f.configMapRef.name}`);
      }
    }
    for (const v of pod.spec.volumes ?? []) {
      if (v.secret?.secretName) names.add(`Secret/${v.secret.secretName}`);
      if (v.configMap?.name) names.add(`ConfigMap/${v.configMap.name}`);
      for (const s of v.projected?.sources ?? []) {
        if (s.secret?.name) names.add(`Secret/${s.secret.name}`);
        if (s.configMap?.name) names.add(`ConfigMap/${s.configMap.name}`);
      }
    }
  }
  return names;
}

/** Every string in the object (values as written, so JSON inside a value is not escaped), and decoded Secret data. */
function texts(obj: K8sObject): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(obj);
  const data = obj.kind === 'Secret' ? field<Record<string, string>>(obj, 'data') : undefined;
  for (const v of Object.values(data ?? {})) out.push(Buffer.from(String(v), 'base64').toString('utf8'));
  return out;
}

/** Problems: private key material in posts' objects or in what posts reads. */
export function checkPrivateKeys({ objects }: Render): string[] {
  const read = readByPosts(objects);
  const suspects = objects.filter((o) => isPostsObject(o) || read.has(ref(o)));
  const problems: string[] = [];
  for (const obj of suspects) {
    const strings = texts(obj);
    for (const [pattern, what] of MARKERS) {
      if (strings.some((t) => pattern.test(t))) problems.push(`${ref(obj)}: posts must never see private keys, found ${what}`);
    }
  }
  return problems;
}
