/**
 * Probes ask the service what it answers: liveness on /healthz, readiness on /readyz (the
 * routes of @app/shared's Health router; the manifest-driven run proves they answer), over
 * HTTP, on the port the service listens on.
 */
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { appPods, listenPort } from '../apps.js';
import { containerPortNumber, ref, type Render } from '../k8s-object.js';

/** The path each probe must use; a startup probe may use either. */
const PROBE_PATHS = {
  livenessProbe: ['/healthz'],
  readinessProbe: ['/readyz'],
  startupProbe: ['/healthz', '/readyz'],
} as const;

/** Problems with the probes of the app containers in a render. */
export function checkProbes({ objects }: Render): string[] {
  const problems: string[] = [];
  for (const appPod of appPods(objects)) {
    const where = `${ref(appPod.pod.owner)} container ${appPod.container.name}`;
    const port = listenPort(appPod, objects);
    for (const [kind, paths] of Object.entries(PROBE_PATHS)) {
      const probe = appPod.container[kind as keyof typeof PROBE_PATHS] as IProbe | undefined;
      if (!probe) {
        if (kind !== 'startupProbe') problems.push(`${where}: ${kind} is missing`);
        continue;
      }
      const get = probe.httpGet;
      if (!get) {
        problems.push(`${where}: ${kind} must be an httpGet probe`);
        continue;
      }
      if (!(paths as readonly string[]).includes(get.path ?? '/')) {
        problems.push(`${where}: ${kind} path ${get.path ?? '/'} is not served for it (use ${paths.join(' or ')})`);
      }
      if ((get.scheme ?? 'HTTP') !== 'HTTP') problems.push(`${where}: ${kind} scheme must be HTTP`);
      const target = containerPortNumber(appPod.container, get.port);
      if (target !== port) {
        problems.push(`${where}: ${kind} port ${get.port} is not the port the service listens on (${port})`);
      }
    }
  }
  return problems;
}
