/**
 * Every container of every pod the charts render (apps, helm test pods, an in-chart database)
 * meets the "restricted" Pod Security Standard and more: runAsNonRoot, no privilege escalation,
 * all capabilities dropped, RuntimeDefault seccomp, read-only root filesystem; has CPU and memory
 * requests and a memory limit; and gets no service account token it does not need.
 */
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import { allContainers, field, ofKind, podTemplates, ref, type Render } from '../k8s-object.js';

/** Problems with security settings and resources in a render. */
export function checkSecurity({ objects }: Render): string[] {
  const problems: string[] = [];
  for (const pod of podTemplates(objects)) {
    const podSc = pod.spec.securityContext ?? {};
    const owner = ref(pod.owner);
    const saName = pod.spec.serviceAccountName ?? 'default';
    const sa = ofKind(objects, 'ServiceAccount').find((s) => s.metadata.name === saName);
    const automount = pod.spec.automountServiceAccountToken ?? field<boolean>(sa, 'automountServiceAccountToken');
    if (automount !== false) problems.push(`${owner}: automountServiceAccountToken must be false`);
    if (pod.spec.hostNetwork || pod.spec.hostPID || pod.spec.hostIPC) problems.push(`${owner}: must not share host namespaces`);

    for (const c of allContainers(pod.spec)) {
      const where = `${owner} container ${c.name}`;
      const sc: ISecurityContext = c.securityContext ?? {};
      const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
      const user = sc.runAsUser ?? podSc.runAsUser;
      const seccomp = sc.seccompProfile?.type ?? podSc.seccompProfile?.type;
      if (!c.securityContext) problems.push(`${where}: securityContext is missing`);
      if (nonRoot !== true) problems.push(`${where}: runAsNonRoot must be true`);
      if (user === 0) problems.push(`${where}: runAsUser must not be 0`);
      if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation must be false`);
      if (sc.privileged === true) problems.push(`${where}: must not be privileged`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${where}: capabilities must drop ALL`);
      if ((sc.capabilities?.add ?? []).some((cap) => cap !== 'NET_BIND_SERVICE')) problems.push(`${where}: must not add capabilities`);
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') problems.push(`${where}: seccompProfile must be RuntimeDefault`);
      if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem must be true`);
      const res = c.resources ?? {};
      for (const [kind, name] of [
        ['requests', 'cpu'],
        ['requests', 'memory'],
        ['limits', 'memory'],
      ] as const) {
        if (res[kind]?.[name] === undefined) problems.push(`${where}: resources.${kind}.${name} is missing`);
      }
    }
  }
  return problems;
}
