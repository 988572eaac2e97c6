/**
 * Ports line up end to end: each app container declares the port its service listens on (PORT
 * or the schema's default), and every Service port's targetPort is a port the selected pods
 * declare, by name or number.
 */
import { appPods, listenPort } from '../apps.js';
import { containerPortNumber, field, ofKind, podTemplates, ref, selects, type Render } from '../k8s-object.js';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
}

/** Problems with container and Service ports in a render. */
export function checkPorts({ objects }: Render): string[] {
  const problems: string[] = [];
  for (const appPod of appPods(objects)) {
    const port = listenPort(appPod, objects);
    if (!(appPod.container.ports ?? []).some((p) => p.containerPort === port)) {
      problems.push(`${ref(appPod.pod.owner)}: container ${appPod.container.name} listens on ${port} but does not declare that containerPort`);
    }
  }
  for (const svc of ofKind(objects, 'Service')) {
    const selector = field<Record<string, string>>(svc, 'spec', 'selector');
    if (!selector) continue;
    for (const pod of podTemplates(objects).filter((p) => selects(selector, p.labels))) {
      for (const sp of field<ServicePort[]>(svc, 'spec', 'ports') ?? []) {
        const target = sp.targetPort ?? sp.port;
        if (!pod.spec.containers.some((c) => containerPortNumber(c, target) !== undefined)) {
          problems.push(`${ref(svc)}: port ${sp.name ?? sp.port} targets ${target}, which no container of ${ref(pod.owner)} declares`);
        }
      }
    }
  }
  return problems;
}
