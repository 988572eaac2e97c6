/**
 * When a release renders NetworkPolicies, they let through what the services need and nothing
 * else: the ingress controller reaches every Ingress backend pod; every pod reaches the Services
 * its env URLs name (posts -> auth for the JWKS, posts -> its database, the helm test pods ->
 * both) and, when its egress is restricted, cluster DNS; a pod of another app, in the same or
 * another namespace, reaches no workload. The ingress controller is assumed to run in a
 * namespace named after its IngressClass (`traefik`, as k8s/ installs it).
 */
import { appPods } from '../apps.js';
import { containerPortNumber, field, ofKind, podTemplates, ref, selects, type K8sObject, type PodTemplate, type Render } from '../k8s-object.js';
import { connectionAllowed, type Endpoint } from '../network-policy.js';
import { containerEnv } from '../pod-env.js';
import { resolveServiceHost, urlPort } from '../service-dns.js';

function external(description: string, namespace: string, labels: Record<string, string>): Endpoint {
  return { description, namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace }, labels, ports: [] };
}

const DNS: Endpoint = {
  ...external('DNS (kube-system/kube-dns 53/UDP)', 'kube-system', { 'k8s-app': 'kube-dns' }),
  ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }],
};

function endpointOf(pod: PodTemplate, namespace: string): Endpoint {
  return {
    description: ref(pod.owner),
    namespace,
    namespaceLabels: { 'kubernetes.io/metadata.name': namespace },
    labels: pod.labels,
    ports: pod.spec.containers.flatMap((c) => c.ports ?? []),
  };
}

/** The pods behind a Service port and the container port each receives it on. */
function backends(objects: readonly K8sObject[], svc: K8sObject, port: number | string): { pod: PodTemplate; port: number }[] {
  const sp = (field<{ port: number; name?: string; targetPort?: number | string }[]>(svc, 'spec', 'ports') ?? []).find((p) => p.port === port || p.name === port);
  if (!sp) return [];
  const selector = field<Record<string, string>>(svc, 'spec', 'selector');
  return podTemplates(objects)
    .filter((p) => selects(selector, p.labels))
    .flatMap((pod) => {
      const n = pod.spec.containers.map((c) => containerPortNumber(c, sp.targetPort ?? sp.port)).find((x) => x !== undefined);
      return n === undefined ? [] : [{ pod, port: n }];
    });
}

/** Problems with the NetworkPolicies of a render. */
export function checkNetworkPolicy({ objects, namespace }: Render): string[] {
  if (ofKind(objects, 'NetworkPolicy').length === 0) return [];
  const problems: string[] = [];
  const denied = (src: Endpoint, dst: Endpoint, port: number, protocol = 'TCP') => !connectionAllowed(objects, namespace, src, dst, port, protocol);

  for (const ing of ofKind(objects, 'Ingress')) {
    const cls = field<string>(ing, 'spec', 'ingressClassName');
    if (!cls) continue;
    const controller = external(`the ingress controller (namespace ${cls})`, cls, { 'app.kubernetes.io/name': cls });
    for (const rule of field<{ http?: { paths?: { backend?: { service?: { name: string; port?: { number?: number; name?: string } } } }[] } }[]>(ing, 'spec', 'rules') ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const b = path.backend?.service;
        const svc = b && ofKind(objects, 'Service').find((s) => s.metadata.name === b.name);
        if (!svc || !b) continue;
        for (const { pod, port } of backends(objects, svc, b.port?.number ?? b.port?.name ?? '')) {
          const dst = endpointOf(pod, namespace);
          if (denied(controller, dst, port)) problems.push(`NetworkPolicy: ${controller.description} cannot reach ${dst.description} port ${port}`);
        }
      }
    }
  }

  for (const pod of podTemplates(objects)) {
    const src = endpointOf(pod, namespace);
    let namesServices = false;
    for (const c of pod.spec.containers) {
      for (const e of containerEnv(c, objects)) {
        let url: URL;
        try {
          url = new URL(e.value ?? '');
        } catch {
          continue;
        }
        const svc = resolveServiceHost(objects, namespace, url.hostname);
        if (!svc) continue;
        namesServices = true;
        for (const { pod: target, port } of backends(objects, svc, urlPort(url))) {
          const dst = endpointOf(target, namespace);
          if (denied(src, dst, port)) problems.push(`NetworkPolicy: ${src.description} cannot reach ${dst.description} port ${port} (${e.name})`);
        }
      }
    }
    if (namesServices && denied(src, DNS, 53, 'UDP')) problems.push(`NetworkPolicy: ${src.description} cannot reach ${DNS.description}`);
  }

  const strangers = [
    external(`a pod of another app in namespace ${namespace}`, namespace, { 'app.kubernetes.io/name': 'stranger' }),
    external('a pod in namespace elsewhere', 'elsewhere', { 'app.kubernetes.io/name': 'stranger' }),
  ];
  const workloads = podTemplates(objects).filter((p) => ['Deployment', 'StatefulSet'].includes(p.owner.kind));
  for (const pod of workloads) {
    const dst = endpointOf(pod, namespace);
    for (const port of dst.ports) {
      for (const stranger of strangers) {
        if (!denied(stranger, dst, port.containerPort, port.protocol ?? 'TCP')) {
          problems.push(`NetworkPolicy: ${stranger.description} can reach ${dst.description} port ${port.containerPort}`);
        }
      }
    }
  }
  return [...new Set(problems)];
}
