/**
 * Runs a `helm test` pod's shell command locally (the curl image's script needs only sh and
 * curl), with its env resolved from the render and Service URLs rewritten to the local pods.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { podTemplates, type K8sObject } from './k8s-object.js';
import type { LocalCluster } from './local-cluster.js';
import { containerEnv } from './pod-env.js';

/** The rendered helm test hooks. */
export function helmTestPods(objects: readonly K8sObject[]): K8sObject[] {
  return objects.filter((o) => o.kind === 'Pod' && /(^|,)\s*test(-success)?\s*(,|$)/.test(o.metadata.annotations?.['helm.sh/hook'] ?? ''));
}

/** Runs every container of the test pod in turn; resolves with the first non-zero exit or 0. */
export async function runHelmTestPod(pod: K8sObject, objects: readonly K8sObject[], cluster: LocalCluster, timeoutMs = 30_000): Promise<{ code: number; output: string }> {
  let output = '';
  for (const c of podTemplates([pod])[0]?.spec.containers ?? []) {
    const env: Record<string, string> = {};
    for (const e of containerEnv(c, objects)) {
      if (e.value === undefined) throw new Error(`${pod.metadata.name}: env ${e.name} comes from ${e.from}, which is not in the render`);
      env[e.name] = e.value;
    }
    const argv = [...(c.command ?? []), ...(c.args ?? [])];
    if (!/^(\/bin\/)?sh$/.test(argv[0] ?? '')) throw new Error(`${pod.metadata.name}: only shell commands can run locally, got ${argv[0]}`);
    const child = spawn('sh', argv.slice(1), { env: { PATH: process.env.PATH ?? '', ...cluster.rewriteUrls(env) }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (b: Buffer) => (output += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (output += b.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(timer);
    if (code !== 0) return { code: code ?? 1, output };
  }
  return { code: 0, output };
}
