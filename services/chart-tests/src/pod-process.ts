/**
 * Runs one rendered app container as a local process, the way its pod would run: the image's
 * command (`node dist/main.js` in the service folder, the WORKDIR) or the container's
 * command/args, the container's environment with Secret/ConfigMap references resolved, its
 * mounts laid out under a temp root (env values pointing into mounts follow them), and its
 * ports remapped to free loopback ports, since local processes share one network namespace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '@app/shared';
import { listenPort, type AppPod } from './apps.js';
import { containerPortNumber, type K8sObject } from './k8s-object.js';
import { waitForProbe } from './kubelet-probe.js';
import { containerEnv } from './pod-env.js';
import { layOutMounts, remapPaths } from './pod-volumes.js';
import { serviceDir } from './repo-paths.js';

/** The image's CMD (see services/<app>/Dockerfile): `node dist/main.js` in the service folder. */
const IMAGE_CMD = ['node', 'dist/main.js'];

/** A running pod process. */
export interface PodProcess {
  readonly appPod: AppPod;
  readonly env: Readonly<Record<string, string>>;
  /** The loopback port standing in for a container port (by number or name). */
  localPort(target: number | string): number;
  /** SIGTERM, as the kubelet sends it; resolves with the exit code. */
  stop(timeoutMs: number): Promise<number | null>;
}

/** Options of `startPodProcess`. */
export interface StartOptions {
  objects: readonly K8sObject[];
  /** Temp folder under which the pod's mounts are laid out. */
  root: string;
  /** Last rewrite of the environment, e.g. in-cluster DNS names to local addresses. */
  rewriteEnv?: (env: Record<string, string>) => Record<string, string>;
  readyTimeoutMs?: number;
}

/** Starts the container and resolves once its readiness probe (then liveness) succeeds. */
export async function startPodProcess(appPod: AppPod, options: StartOptions): Promise<PodProcess> {
  const { container, pod, app } = appPod;
  const { objects } = options;
  await mkdir(options.root, { recursive: true });
  const mounts = await layOutMounts(pod.spec, container, objects, options.root);

  let env: Record<string, string> = {};
  for (const e of containerEnv(container, objects)) {
    if (e.value === undefined) throw new Error(`${app}: env ${e.name} comes from ${e.from}, which is not in the render`);
    env[e.name] = remapPaths(e.value, mounts);
  }
  const podPort = listenPort(appPod, objects);
  const local = await freePort();
  // A pod has its own IP; here every pod shares the host, so each listens on loopback only.
  env = { ...env, PORT: String(local), HOST: '127.0.0.1' };
  if (options.rewriteEnv) env = options.rewriteEnv(env);

  const argv = [...(container.command ?? IMAGE_CMD), ...(container.args ?? [])];
  if (argv[0] !== 'node') throw new Error(`${app}: command ${argv.join(' ')} is not a node command this runner can start`);
  const child: ChildProcess = spawn(process.execPath, argv.slice(1), {
    cwd: serviceDir(app),
    env: { PATH: process.env.PATH ?? '', HOSTNAME: `${app}-pod`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit').then(([code]) => code as number | null);

  const localPort = (target: number | string): number => {
    const containerPort = containerPortNumber(container, target) ?? (typeof target === 'number' ? target : undefined);
    if (containerPort !== podPort) throw new Error(`${app}: port ${target} is not the port the service listens on (${podPort})`);
    return local;
  };
  const running = () => child.exitCode === null && child.signalCode === null;
  const proc: PodProcess = {
    appPod,
    env,
    localPort,
    async stop(timeoutMs) {
      if (running()) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };

  try {
    for (const probe of [container.startupProbe, container.readinessProbe, container.livenessProbe]) {
      if (!probe?.httpGet) continue;
      await waitForProbe(probe, '127.0.0.1', localPort(probe.httpGet.port), { timeoutMs: options.readyTimeoutMs ?? 20_000, stillRunning: running });
    }
  } catch (err) {
    await proc.stop(2_000);
    throw new Error(`${app} never became ready: ${(err as Error).message}\n--- output ---\n${printed}`);
  }
  return proc;
}

/** A folder for one pod's mounts. */
export function podRoot(base: string, appPod: AppPod): string {
  return join(base, `${appPod.app}-${appPod.pod.owner.metadata.name}`);
}
