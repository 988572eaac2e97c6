/**
 * Decides whether NetworkPolicies allow a TCP/UDP connection between two endpoints, following
 * the Kubernetes semantics: a pod selected by a policy with the Ingress (Egress) type accepts
 * (opens) only what some rule of such a policy allows; peers match by podSelector in the policy's
 * namespace, namespaceSelector (+ podSelector), or an ipBlock (only 0.0.0.0/0 or ::/0 is taken
 * to cover pods, as pod IPs are cluster-specific); named ports resolve on the destination pod.
 */
import type { IContainerPort } from 'kubernetes-models/v1/ContainerPort';
import { field, labelSelectorMatches, ofKind, type K8sObject, type LabelSelector } from './k8s-object.js';

/** A pod (rendered or imagined) as a policy sees it. */
export interface Endpoint {
  description: string;
  namespace: string;
  namespaceLabels: Record<string, string>;
  labels: Record<string, string>;
  ports: IContainerPort[];
}

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string };
}

interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: PolicyPort[];
}

function policyTypes(policy: K8sObject): string[] {
  const declared = field<string[]>(policy, 'spec', 'policyTypes');
  if (declared) return declared;
  return field(policy, 'spec', 'egress') ? ['Ingress', 'Egress'] : ['Ingress'];
}

function selects(policy: K8sObject, namespace: string, ep: Endpoint): boolean {
  return ep.namespace === namespace && labelSelectorMatches(field<LabelSelector>(policy, 'spec', 'podSelector') ?? {}, ep.labels);
}

function peerMatches(peer: Peer, policyNamespace: string, other: Endpoint): boolean {
  if (peer.ipBlock) return peer.ipBlock.cidr === '0.0.0.0/0' || peer.ipBlock.cidr === '::/0';
  const nsOk = peer.namespaceSelector ? labelSelectorMatches(peer.namespaceSelector, other.namespaceLabels) : other.namespace === policyNamespace;
  const podOk = peer.podSelector ? labelSelectorMatches(peer.podSelector, other.labels) : true;
  return nsOk && podOk;
}

function portMatches(ports: PolicyPort[] | undefined, dest: Endpoint, port: number, protocol: string): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string' && !/^\d+$/.test(p.port)) {
      return dest.ports.some((cp) => cp.name === p.port && cp.containerPort === port && (cp.protocol ?? 'TCP') === protocol);
    }
    const n = Number(p.port);
    return p.endPort ? port >= n && port <= p.endPort : port === n;
  });
}

function allows(policies: K8sObject[], namespace: string, direction: 'Ingress' | 'Egress', self: Endpoint, other: Endpoint, dest: Endpoint, port: number, protocol: string): boolean {
  const isolating = policies.filter((p) => policyTypes(p).includes(direction) && selects(p, namespace, self));
  if (isolating.length === 0) return true;
  const key = direction === 'Ingress' ? 'ingress' : 'egress';
  return isolating.some((p) =>
    (field<Rule[]>(p, 'spec', key) ?? []).some((rule) => {
      const peers = direction === 'Ingress' ? rule.from : rule.to;
      const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, namespace, other));
      return peerOk && portMatches(rule.ports, dest, port, protocol);
    }),
  );
}

/** True when the policies of a render (all in `namespace`) let `src` connect to `dst` on `port`. */
export function connectionAllowed(objects: readonly K8sObject[], namespace: string, src: Endpoint, dst: Endpoint, port: number, protocol = 'TCP'): boolean {
  const policies = ofKind(objects, 'NetworkPolicy');
  return (
    allows(policies, namespace, 'Ingress', dst, src, dst, port, protocol) &&
    allows(policies, namespace, 'Egress', src, dst, dst, port, protocol)
  );
}

