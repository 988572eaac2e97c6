/**
 * Selectors select what they mean to: a workload's selector matches its own pod labels; a Service,
 * PodDisruptionBudget or ServiceMonitor selects exactly one workload (a test pod carrying the
 * selector labels would receive production traffic); an HPA scales a Deployment that exists.
 */
import {
  field,
  labelSelectorMatches,
  ofKind,
  podTemplates,
  ref,
  selects,
  type K8sObject,
  type LabelSelector,
  type Render,
} from '../k8s-object.js';

/** Problems with selectors in a render. */
export function checkSelectors({ objects }: Render): string[] {
  const problems: string[] = [];
  const pods = podTemplates(objects);
  const workloads = pods.filter((p) => ['Deployment', 'StatefulSet'].includes(p.owner.kind));

  for (const w of workloads) {
    if (!labelSelectorMatches(field<LabelSelector>(w.owner, 'spec', 'selector'), w.labels)) {
      problems.push(`${ref(w.owner)}: spec.selector does not match its pod template labels`);
    }
  }

  for (const svc of ofKind(objects, 'Service')) {
    const selector = field<Record<string, string>>(svc, 'spec', 'selector');
    if (!selector) continue; // a Service without selector has manual endpoints on purpose
    const selected = pods.filter((p) => selects(selector, p.labels)).map((p) => ref(p.owner));
    if (selected.length !== 1) {
      problems.push(`${ref(svc)}: selector must select exactly one workload's pods, selects ${selected.length ? selected.join(', ') : 'none'}`);
    }
  }

  for (const pdb of ofKind(objects, 'PodDisruptionBudget')) {
    const selected = workloads.filter((w) => labelSelectorMatches(field<LabelSelector>(pdb, 'spec', 'selector'), w.labels));
    if (selected.length !== 1) {
      problems.push(`${ref(pdb)}: selector must select exactly one workload, selects ${selected.map((w) => ref(w.owner)).join(', ') || 'none'}`);
    }
  }

  for (const hpa of ofKind(objects, 'HorizontalPodAutoscaler')) {
    const target = field<{ kind?: string; name?: string }>(hpa, 'spec', 'scaleTargetRef');
    if (!objects.some((o) => o.kind === target?.kind && o.metadata.name === target?.name)) {
      problems.push(`${ref(hpa)}: scaleTargetRef ${target?.kind}/${target?.name} is not in the release`);
    }
  }

  for (const sm of ofKind(objects, 'ServiceMonitor')) problems.push(...serviceMonitorProblems(sm, objects));
  return problems;
}

function serviceMonitorProblems(sm: K8sObject, objects: readonly K8sObject[]): string[] {
  const selector = field<LabelSelector>(sm, 'spec', 'selector');
  const services = ofKind(objects, 'Service').filter((s) => labelSelectorMatches(selector, s.metadata.labels ?? {}));
  if (services.length !== 1) {
    return [`${ref(sm)}: selector must select exactly one Service, selects ${services.map(ref).join(', ') || 'none'}`];
  }
  const svc = services[0]!;
  const portNames = (field<{ name?: string }[]>(svc, 'spec', 'ports') ?? []).map((p) => p.name);
  return (field<{ port?: string }[]>(sm, 'spec', 'endpoints') ?? [])
    .filter((e) => e.port !== undefined && !portNames.includes(e.port))
    .map((e) => `${ref(sm)}: endpoint port ${e.port} is not a port name of ${ref(svc)}`);
}
