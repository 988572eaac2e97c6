/**
 * Rollouts and disruptions behave: app pods that read rendered Secrets/ConfigMaps carry
 * `checksum/*` annotations (so a config change rolls them); a Deployment rolls with
 * maxUnavailable 0 (Recreate only for a pod on a ReadWriteOnce volume, which two pods cannot
 * share); a PodDisruptionBudget exists exactly when more than one replica runs (with one
 * replica it would block node drains). How a pod stops is check-drain.ts.
 */
import { appPods, type AppPod } from '../apps.js';
import { field, labelSelectorMatches, ofKind, ref, type K8sObject, type LabelSelector, type Render } from '../k8s-object.js';

const SHA256 = /^[0-9a-f]{64}$/;

function readsRenderedConfig(appPod: AppPod, objects: readonly K8sObject[]): boolean {
  const rendered = new Set(objects.filter((o) => o.kind === 'Secret' || o.kind === 'ConfigMap').map((o) => o.metadata.name));
  const spec = appPod.pod.spec;
  const names = [
    ...spec.containers.flatMap((c) => [
      ...(c.env ?? []).map((e) => (e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef)?.name),
      ...(c.envFrom ?? []).map((f) => (f.secretRef ?? f.configMapRef)?.name),
    ]),
    ...(spec.volumes ?? []).map((v) => v.secret?.secretName ?? v.configMap?.name),
  ];
  return names.some((n) => n !== undefined && rendered.has(n));
}

function effectiveReplicas(workload: K8sObject, objects: readonly K8sObject[]): number {
  const hpa = ofKind(objects, 'HorizontalPodAutoscaler').find(
    (h) => field(h, 'spec', 'scaleTargetRef', 'name') === workload.metadata.name && field(h, 'spec', 'scaleTargetRef', 'kind') === workload.kind,
  );
  if (hpa) return field<number>(hpa, 'spec', 'minReplicas') ?? 1;
  return field<number>(workload, 'spec', 'replicas') ?? 1;
}

function usesRwoClaim(appPod: AppPod, objects: readonly K8sObject[]): boolean {
  return (appPod.pod.spec.volumes ?? []).some((v) => {
    const claim = ofKind(objects, 'PersistentVolumeClaim').find((c) => c.metadata.name === v.persistentVolumeClaim?.claimName);
    return (field<string[]>(claim, 'spec', 'accessModes') ?? []).includes('ReadWriteOnce');
  });
}

/** Problems with rollout, disruption and termination settings in a render. */
export function checkRollout({ objects }: Render): string[] {
  const problems: string[] = [];
  for (const appPod of appPods(objects)) {
    const { owner } = appPod.pod;
    const where = ref(owner);
    if (readsRenderedConfig(appPod, objects)) {
      const sums = Object.entries(appPod.pod.annotations).filter(([k]) => k.startsWith('checksum/'));
      if (sums.length === 0) problems.push(`${where}: pod template has no checksum/* annotation, config changes would not roll the pods`);
      for (const [k, v] of sums) if (!SHA256.test(v)) problems.push(`${where}: annotation ${k} is not a sha256 (${v})`);
    }

    if (owner.kind === 'Deployment') {
      const strategy = field<{ type?: string; rollingUpdate?: { maxUnavailable?: number | string } }>(owner, 'spec', 'strategy');
      const recreateOk = strategy?.type === 'Recreate' && usesRwoClaim(appPod, objects);
      const rolling = (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
      const maxUnavailable = strategy?.rollingUpdate?.maxUnavailable;
      if (!recreateOk && !(rolling && (maxUnavailable === 0 || maxUnavailable === '0%'))) {
        problems.push(`${where}: strategy must be RollingUpdate with maxUnavailable 0`);
      }
    }

    const replicas = effectiveReplicas(owner, objects);
    const pdbs = ofKind(objects, 'PodDisruptionBudget').filter((p) => labelSelectorMatches(field<LabelSelector>(p, 'spec', 'selector'), appPod.pod.labels));
    if (replicas > 1 && pdbs.length === 0) problems.push(`${where}: ${replicas} replicas but no PodDisruptionBudget`);
    if (replicas <= 1 && pdbs.length > 0) problems.push(`${where}: a PodDisruptionBudget (${pdbs.map(ref).join(', ')}) with one replica blocks node drains`);
  }
  return problems;
}
