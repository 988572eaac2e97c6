/**
 * Pods stop without dropping requests, by the rule the charts document: a preStop sleep (if any)
 * lets endpoints and the ingress drop the pod before SIGTERM; SHUTDOWN_DELAY_MS keeps serving
 * while /readyz is 503; each covers the readiness probe's detection window (periodSeconds x
 * failureThreshold). The grace period holds preStop + SHUTDOWN_DELAY_MS + SHUTDOWN_TIMEOUT_MS + an
 * exit margin, so the kubelet never kills a pod that is still draining.
 */
import { parseConfig } from '@app/shared';
import { APP_SCHEMAS, appPods, type AppPod } from '../apps.js';
import { ref, type K8sObject, type Render } from '../k8s-object.js';
import { containerEnv, envMap } from '../pod-env.js';

/** Seconds the grace period must keep beyond the drain for the process to exit (the charts' rule). */
const EXIT_MARGIN_SECONDS = 5;

/** The kubelet's defaults for a probe's period and failure threshold. */
const PROBE_DEFAULTS = { periodSeconds: 10, failureThreshold: 3 };

function shutdownTiming(appPod: AppPod, objects: readonly K8sObject[]) {
  const schema = APP_SCHEMAS[appPod.app];
  try {
    return parseConfig(
      { SHUTDOWN_DELAY_MS: schema.SHUTDOWN_DELAY_MS, SHUTDOWN_TIMEOUT_MS: schema.SHUTDOWN_TIMEOUT_MS },
      envMap(containerEnv(appPod.container, objects)),
    );
  } catch {
    return undefined;
  }
}

/** The termination steps of one app pod against the readiness window and the grace period. */
function podDrainProblems(appPod: AppPod, objects: readonly K8sObject[]): string[] {
  const where = ref(appPod.pod.owner);
  const timing = shutdownTiming(appPod, objects);
  if (!timing) return []; // unparsable values: checkEnv reports them
  const problems: string[] = [];
  const hook = appPod.container.lifecycle?.preStop;
  if (hook && !hook.sleep) problems.push(`${where}: preStop is not a sleep handler, so its length cannot be checked against the grace period`);
  const preStop = hook?.sleep?.seconds ?? 0;
  const delay = timing.SHUTDOWN_DELAY_MS / 1000;
  const timeout = timing.SHUTDOWN_TIMEOUT_MS / 1000;
  const probe = appPod.container.readinessProbe;
  if (probe) {
    const window = (probe.periodSeconds ?? PROBE_DEFAULTS.periodSeconds) * (probe.failureThreshold ?? PROBE_DEFAULTS.failureThreshold);
    if (preStop > 0 && preStop < window) {
      problems.push(`${where}: preStop sleep ${preStop}s is shorter than the readiness window (periodSeconds x failureThreshold = ${window}s), endpoints may still send traffic at SIGTERM`);
    }
    if (delay < window) {
      problems.push(`${where}: SHUTDOWN_DELAY_MS ${delay}s is shorter than the readiness window (${window}s), the listener closes before the probe sees /readyz 503`);
    }
  }
  const grace = appPod.pod.spec.terminationGracePeriodSeconds ?? 30;
  const needed = preStop + delay + timeout + EXIT_MARGIN_SECONDS;
  if (grace < needed) {
    problems.push(
      `${where}: terminationGracePeriodSeconds ${grace} must be at least preStop ${preStop}s + SHUTDOWN_DELAY_MS ${delay}s + SHUTDOWN_TIMEOUT_MS ${timeout}s + ${EXIT_MARGIN_SECONDS}s exit margin (${needed}s)`,
    );
  }
  return problems;
}

/** Problems with how the app pods of a render stop. */
export function checkDrain({ objects }: Render): string[] {
  return appPods(objects).flatMap((appPod) => podDrainProblems(appPod, objects));
}
