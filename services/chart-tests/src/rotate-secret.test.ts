/**
 * The auth chart's key rotation CronJob, run without a cluster: charts/auth/files/rotate-secret.mjs
 * runs as the rendered CronJob pod (auth with ci/production-values.yaml) would run it (its command,
 * env and mounts laid out locally, the auth service folder as the image's WORKDIR) against
 * fake-kube-api.ts, a stand-in for the Kubernetes API server: there is no cluster here. Plain HTTP
 * stands in for the API server's TLS, so the cluster CA file is laid out but not used.
 */
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatKeySetFile, generateKeyEntry, KeySet, parseKeySetFile, type KeyEntry } from '@app/auth';
import { checkKeyRotation, KEY_ROTATION_COMPONENT, scriptEnv } from './checks/check-key-rotation.js';
import { startFakeKubeApi, type FakeKubeApi } from './fake-kube-api.js';
import { NAMESPACE } from './helm.js';
import { podTemplates, type K8sObject } from './k8s-object.js';
import { containerEnv, envMap } from './pod-env.js';
import { layOutMounts, remapPaths } from './pod-volumes.js';
import { CHARTS_DIR, serviceDir } from './repo-paths.js';
import { renderOf, suite } from './test-context.js';

const s = suite();
const TOKEN = 'projected-token-for-chart-tests';
const DAY_MS = 86_400_000;

/** The ConfigMap every namespace gets from kube-controller-manager; a stand-in, the fake speaks HTTP. */
const KUBE_ROOT_CA: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt' }, data: { 'ca.crt': 'stand-in: the fake API server speaks plain HTTP\n' } };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** What is left in the job's WORK_DIR after the run. */
  workDirLeft: string[];
}

describe.skipIf(!s.helm)(`the key rotation CronJob runs rotate-secret.mjs against a stand-in API server ${s.helmMissing ?? ''}`, () => {
  const render = () => renderOf({ chart: 'auth', values: 'production-values.yaml' });
  let env: Record<string, string>;
  let oldKey: KeyEntry;
  let runs = 0;
  let api: FakeKubeApi | undefined;

  /** Runs the rendered CronJob pod's command once, as the kubelet would start it. */
  async function runJob(apiUrl: string): Promise<Run> {
    const { objects } = render();
    const pod = podTemplates(objects).find((p) => p.labels['app.kubernetes.io/component'] === KEY_ROTATION_COMPONENT)!;
    const container = pod.spec.containers[0]!;
    const script = await readFile(join(CHARTS_DIR, 'auth/files/rotate-secret.mjs'), 'utf8');
    const root = join(s.work, `rotation-${++runs}`);
    const mounts = await layOutMounts(pod.spec, container, [...objects, KUBE_ROOT_CA], root, { serviceAccountToken: TOKEN });
    const saDir = mounts.get(scriptEnv(script).defaults.SERVICE_ACCOUNT_DIR!);
    if (!saDir) throw new Error("the script's default SERVICE_ACCOUNT_DIR is not mounted");
    const rendered = envMap(containerEnv(container, objects, { 'metadata.namespace': NAMESPACE }));
    const jobEnv = Object.fromEntries(Object.entries(rendered).map(([k, v]) => [k, remapPaths(v, mounts)]));
    const [node, ...args] = [...(container.command ?? []), ...(container.args ?? [])].map((a) => remapPaths(a, mounts));
    expect(node).toBe('node');
    // Only the API address and where the projected volume landed differ from the pod.
    const childEnv = { PATH: process.env.PATH ?? '', ...jobEnv, KUBERNETES_API_URL: apiUrl, SERVICE_ACCOUNT_DIR: saDir };
    const result = await new Promise<Omit<Run, 'workDirLeft'>>((resolve) => {
      execFile(process.execPath, args, { cwd: serviceDir('auth'), env: childEnv, timeout: 60_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
      });
    });
    const workDirLeft = await readdir(jobEnv.WORK_DIR!);
    // Whatever happens, no key material is printed.
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/PRIVATE KEY/);
    return { ...result, workDirLeft };
  }

  async function startApi(): Promise<FakeKubeApi> {
    api = await startFakeKubeApi({
      metadata: { name: env.SECRET_NAME!, namespace: NAMESPACE, resourceVersion: '41' },
      data: { [env.SECRET_KEY!]: Buffer.from(formatKeySetFile({ keys: [oldKey] })).toString('base64'), other: 'dW50b3VjaGVk' },
    });
    return api;
  }

  const secretPath = () => `/api/v1/namespaces/${NAMESPACE}/secrets/${env.SECRET_NAME}`;

  beforeAll(async () => {
    const { objects } = render();
    const pod = podTemplates(objects).find((p) => p.labels['app.kubernetes.io/component'] === KEY_ROTATION_COMPONENT)!;
    env = envMap(containerEnv(pod.spec.containers[0]!, objects, { 'metadata.namespace': NAMESPACE }));
    // Older than the CronJob's --min-age, so the first run rotates.
    const created = new Date(Date.now() - 30 * DAY_MS);
    oldKey = await generateKeyEntry({ now: created, activateAt: created });
  });

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('is rendered with the env, mounts and RBAC the script needs, and carries the script from charts/auth/files', async () => {
    const r = render();
    expect(checkKeyRotation(r)).toEqual([]);
    const configMap = r.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'demo-auth-key-rotation') as { data?: Record<string, string> } | undefined;
    expect(configMap?.data?.['rotate-secret.mjs']).toBe(await readFile(join(CHARTS_DIR, 'auth/files/rotate-secret.mjs'), 'utf8'));
    expect(env).toMatchObject({ NAMESPACE, SECRET_NAME: 'auth-keys', SECRET_KEY: 'keys.json', ROTATE_ARGS: '--min-age 518400' });
  });

  it('first run publishes one more key through a merge patch guarded by resourceVersion; the second changes nothing', async () => {
    await startApi();
    const first = await runJob(api!.url);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`secret ${NAMESPACE}/auth-keys updated`);
    expect(api!.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${secretPath()}`, `PATCH ${secretPath()}`]);
    expect(api!.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);

    const patch = api!.requests[1]!;
    expect(patch.headers['content-type']).toBe('application/merge-patch+json');
    const body = JSON.parse(patch.body) as { metadata: unknown; data: Record<string, string> };
    expect(body.metadata).toEqual({ resourceVersion: '41' });
    expect(Object.keys(body.data)).toEqual(['keys.json']);
    const written = parseKeySetFile(Buffer.from(body.data['keys.json']!, 'base64').toString('utf8'));
    expect(written.keys).toHaveLength(2);
    expect(written.keys[0]!.kid).toBe(oldKey.kid);
    expect(written.keys[1]!.kid).not.toBe(oldKey.kid);
    // Publish before sign: auth loads the set, the old key still signs, the new one is only published.
    const set = KeySet.fromFile(written, { tokenTtlSeconds: Number(env.ACCESS_TOKEN_TTL) });
    const now = Date.now();
    expect(set.signingKey(now)?.kid).toBe(oldKey.kid);
    expect(set.keys.map((k) => [k.kid, set.stateOf(k, now)])).toContainEqual([written.keys[1]!.kid, 'next']);
    expect(api!.secret.data.other).toBe('dW50b3VjaGVk');
    expect(first.workDirLeft).toEqual([]);

    const second = await runJob(api!.url);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`secret ${NAMESPACE}/auth-keys left as it is`);
    expect(api!.requests.slice(2).map((r) => r.method)).toEqual(['GET']);
    expect(api!.secret.metadata.resourceVersion).toBe('42');
    expect(second.workDirLeft).toEqual([]);
  });

  it('exits 1 naming the refusal when RBAC forbids reading the Secret (403)', async () => {
    await startApi();
    const message = `secrets "auth-keys" is forbidden: User "system:serviceaccount:${NAMESPACE}:demo-auth-key-rotation" cannot get resource "secrets" in API group "" in the namespace "${NAMESPACE}"`;
    api!.refuseWith(403, message);
    const run = await runJob(api!.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`key rotation failed: GET secret ${NAMESPACE}/auth-keys: HTTP 403: ${message}`);
    expect(api!.requests.map((r) => r.method)).toEqual(['GET']);
    expect(run.workDirLeft).toEqual([]);
  });

  it('exits 1 and overwrites nothing when the Secret changed after it was read (409)', async () => {
    await startApi();
    // A concurrent `make rotate-keys` writes between this run's GET and PATCH.
    const concurrent = Buffer.from(formatKeySetFile({ keys: [{ ...oldKey, kid: 'written-concurrently' }] })).toString('base64');
    api!.afterGet((secret) => {
      secret.data['keys.json'] = concurrent;
      secret.metadata.resourceVersion = '50';
    });
    const run = await runJob(api!.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`key rotation failed: PATCH secret ${NAMESPACE}/auth-keys: HTTP 409: Operation cannot be fulfilled on secrets "auth-keys"`);
    expect(api!.secret.data['keys.json']).toBe(concurrent);
    expect(api!.secret.metadata.resourceVersion).toBe('50');
    expect(run.workDirLeft).toEqual([]);
  });
});
