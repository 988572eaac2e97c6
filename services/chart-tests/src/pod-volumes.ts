/**
 * Lays out a container's mounts under a local root as the kubelet would mount them: Secret and
 * ConfigMap volumes (items, modes, projected sources) become files, emptyDir and
 * PersistentVolumeClaim volumes fresh directories, each at `<root><mountPath>` (subPath copies
 * one entry). A volume whose Secret or ConfigMap is not in the render cannot be laid out; a
 * projected service account token only when the caller hands in the token the kubelet would.
 */
import { chmod, cp, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IContainer, IPodSpec, K8sObject } from './k8s-object.js';
import { configData } from './pod-env.js';

interface KeyItem {
  key: string;
  path: string;
  mode?: number;
}

interface DataSource {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  items?: KeyItem[];
  mode: number;
  optional?: boolean;
}

/** A projected `serviceAccountToken` source: the kubelet writes a fresh token to `path`. */
interface TokenSource {
  kind: 'ServiceAccountToken';
  path: string;
  mode: number;
}

/** What the cluster itself provides to a pod, which no render contains. */
export interface ClusterProvided {
  /** The token written for a projected `serviceAccountToken` source. */
  serviceAccountToken?: string;
}

function sources(volume: IVolume): (DataSource | TokenSource)[] | undefined {
  if (volume.secret) {
    return [{ kind: 'Secret', name: volume.secret.secretName ?? '', items: volume.secret.items, mode: volume.secret.defaultMode ?? 0o644, optional: volume.secret.optional }];
  }
  if (volume.configMap) {
    return [{ kind: 'ConfigMap', name: volume.configMap.name ?? '', items: volume.configMap.items, mode: volume.configMap.defaultMode ?? 0o644, optional: volume.configMap.optional }];
  }
  if (volume.projected) {
    const mode = volume.projected.defaultMode ?? 0o644;
    return (volume.projected.sources ?? []).flatMap((s): (DataSource | TokenSource)[] => {
      if (s.serviceAccountToken) return [{ kind: 'ServiceAccountToken', path: s.serviceAccountToken.path, mode }];
      if (s.secret) return [{ kind: 'Secret', name: s.secret.name ?? '', items: s.secret.items, mode, optional: s.secret.optional }];
      if (s.configMap) return [{ kind: 'ConfigMap', name: s.configMap.name ?? '', items: s.configMap.items, mode, optional: s.configMap.optional }];
      throw new Error(`projected volume ${volume.name}: only secret, configMap and serviceAccountToken sources can be laid out locally`);
    });
  }
  return undefined;
}

async function writeFileMode(file: string, value: string, mode: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, value);
  await chmod(file, mode);
}

async function writeVolume(volume: IVolume, objects: readonly K8sObject[], dir: string, provided: ClusterProvided): Promise<void> {
  await mkdir(dir, { recursive: true });
  const data = sources(volume);
  if (!data) {
    if (volume.emptyDir || volume.persistentVolumeClaim) return; // a fresh, empty volume
    throw new Error(`volume ${volume.name}: this kind of volume cannot be laid out locally`);
  }
  for (const src of data) {
    if (src.kind === 'ServiceAccountToken') {
      if (provided.serviceAccountToken === undefined) throw new Error(`volume ${volume.name}: a service account token comes from the kubelet, none was provided`);
      await writeFileMode(join(dir, src.path), provided.serviceAccountToken, src.mode);
      continue;
    }
    const values = configData(objects, src.kind, src.name);
    if (!values) {
      if (src.optional) continue;
      throw new Error(`volume ${volume.name}: ${src.kind}/${src.name} is not in the render`);
    }
    const items: KeyItem[] = src.items ?? Object.keys(values).map((key) => ({ key, path: key }));
    for (const item of items) {
      const value = values[item.key];
      if (value === undefined) throw new Error(`volume ${volume.name}: ${src.kind}/${src.name} has no key ${item.key}`);
      await writeFileMode(join(dir, item.path), value, item.mode ?? src.mode);
    }
  }
}

/** Writes every volume the container mounts; returns mountPath -> local path. */
export async function layOutMounts(
  spec: IPodSpec,
  container: IContainer,
  objects: readonly K8sObject[],
  root: string,
  provided: ClusterProvided = {},
): Promise<Map<string, string>> {
  const mounts = new Map<string, string>();
  const volumesDir = join(root, '.volumes');
  for (const mount of container.volumeMounts ?? []) {
    const volume = (spec.volumes ?? []).find((v) => v.name === mount.name);
    if (!volume) throw new Error(`volumeMount ${mount.name}: no such volume in the pod`);
    const volumeDir = join(volumesDir, volume.name);
    await writeVolume(volume, objects, volumeDir, provided);
    const local = join(root, mount.mountPath);
    await mkdir(dirname(local), { recursive: true });
    await cp(mount.subPath ? join(volumeDir, mount.subPath) : volumeDir, local, { recursive: true });
    mounts.set(mount.mountPath, local);
  }
  return mounts;
}

/**
 * Rewrites absolute paths inside mount paths in an env value (`/data/x`, `sqlite:/data/x`) to
 * their local location; other values are returned unchanged.
 */
export function remapPaths(value: string, mounts: ReadonlyMap<string, string>): string {
  const byLength = [...mounts].sort(([a], [b]) => b.length - a.length);
  for (const [mountPath, local] of byLength) {
    const base = mountPath.replace(/\/+$/, '');
    const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(^|[:=,\\s])${escaped}(?=/|$|[,\\s])`, 'g');
    const replaced = value.replace(re, (_m, lead: string) => `${lead}${local}`);
    if (replaced !== value) return replaced;
  }
  return value;
}
