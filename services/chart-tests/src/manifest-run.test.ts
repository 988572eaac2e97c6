/**
 * The umbrella chart rendered with the kind values, run without a cluster: each Deployment's
 * container starts as a local process with its rendered env, mounts and port, is probed as the
 * kubelet would, and a real nginx configured from the rendered Ingress rules is the single
 * origin through which the seed flow runs: login as jack, list posts, see exactly his two.
 * The helm test pods' scripts then run against the same processes.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPods } from './apps.js';
import { helmTestPods, runHelmTestPod } from './helm-test-pod.js';
import type { Render } from './k8s-object.js';
import { LocalCluster } from './local-cluster.js';
import { nginxConfig } from './nginx-config.js';
import { startNginx, type NginxServer } from './nginx-server.js';
import { podRoot, startPodProcess, type PodProcess } from './pod-process.js';
import { renderKindWith, renderOf, suite } from './test-context.js';

const s = suite();
const hasCurl = spawnSync('curl', ['--version']).status === 0;
/** The public host of the kind values: requests reach nginx with this Host header. */
const HOST = 'localhost';

describe.skipIf(!s.helm || !s.nginx)(`the kind render runs as local processes behind nginx ${s.helmMissing ?? s.nginxMissing ?? ''}`, () => {
  let render: Render;
  let cluster: LocalCluster;
  const pods: PodProcess[] = [];
  let nginx: NginxServer | undefined;
  let origin: string;

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${origin}${path}`, { headers: { host: HOST, ...headers } });

  beforeAll(async () => {
    render = renderOf({ chart: 'no-shared-secret', values: 'kind-values.yaml' });
    cluster = new LocalCluster(render.objects, render.namespace);
    // auth first: posts is ready only once it has fetched auth's key set.
    const order = appPods(render.objects).sort((a, b) => a.app.localeCompare(b.app));
    for (const appPod of order) {
      const pod = await startPodProcess(appPod, {
        objects: render.objects,
        root: podRoot(join(s.work, 'pods'), appPod),
        rewriteEnv: (env) => cluster.rewriteUrls(env),
      });
      pods.push(pod);
      cluster.add(pod);
    }
    const prefix = join(s.work, 'nginx-kind');
    nginx = await startNginx(s.nginx!, prefix, (listen) => nginxConfig(render.objects, { prefix, listen, resolve: (svc, port) => cluster.address(svc, port) }));
    origin = `http://127.0.0.1:${nginx.port}`;
  });

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(pods.map((p) => p.stop(1_000)));
  });

  it('runs both services from the rendered Deployments, with in-cluster names rewritten to the local processes', () => {
    expect(pods.map((p) => p.appPod.app)).toEqual(['auth', 'posts']);
    const posts = pods.find((p) => p.appPod.app === 'posts')!;
    const auth = pods.find((p) => p.appPod.app === 'auth')!;
    expect(posts.env.JWKS_URL).toBe(`http://127.0.0.1:${auth.env.PORT}/.well-known/jwks.json`);
    expect(auth.env.KEYS_FILE).toMatch(/\/etc\/auth\/keys\/keys\.json$/);
  });

  it('walks the seed flow through the single nginx origin: jack sees exactly his two posts', async () => {
    const login = await fetch(`${origin}/api/login`, {
      method: 'POST',
      headers: { host: HOST, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jack', password: 'jack_password' }),
    });
    expect(login.status).toBe(200);
    const { access_token: token } = (await login.json()) as { access_token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { iss: string; sub: string };
    expect(claims).toMatchObject({ iss: 'http://localhost', sub: 'jack' });

    const list = await get('/api/posts', { authorization: `Bearer ${token}` });
    expect(list.status).toBe(200);
    const posts = (await list.json()) as { title: string; author: string }[];
    expect(posts.map((p) => p.title).sort()).toEqual(['jack Second post', 'jack post']);
    expect(posts.every((p) => p.author === 'jack')).toBe(true);
  });

  it('serves the JWKS and discovery document through nginx', async () => {
    expect((await get('/.well-known/jwks.json')).status).toBe(200);
    const discovery = (await (await get('/.well-known/openid-configuration')).json()) as { issuer: string };
    expect(discovery.issuer).toBe('http://localhost');
  });

  it.each(['/metrics', '/healthz', '/readyz', '/api/postsx', '/api/login/x'])('answers %s through nginx with 404', async (path) => {
    expect((await get(path)).status).toBe(404);
  });

  it('still serves /metrics on the pods themselves (it is unreachable only from outside)', async () => {
    for (const pod of pods) {
      const res = await fetch(`http://127.0.0.1:${pod.env.PORT}/metrics`);
      expect(res.status).toBe(200);
    }
  });

  it.skipIf(!hasCurl)('passes the helm test pods, their curl scripts run against the local processes', async () => {
    const tests = helmTestPods(render.objects);
    expect(tests.map((t) => t.metadata.name).sort()).toEqual(['demo-auth-test', 'demo-posts-test']);
    for (const pod of tests) {
      const { code, output } = await runHelmTestPod(pod, render.objects, cluster);
      expect(code, output).toBe(0);
    }
  });

  it('stops each pod cleanly on SIGTERM within what its grace period leaves after the preStop sleep', async () => {
    // The kubelet counts the preStop sleep against the grace period; the sleep itself only waits
    // for endpoints to change, which no local process can observe, so it is not slept here.
    const budgetMs = (p: PodProcess) => ((p.appPod.pod.spec.terminationGracePeriodSeconds ?? 30) - (p.appPod.container.lifecycle?.preStop?.sleep?.seconds ?? 0)) * 1000;
    expect(pods.map((p) => p.appPod.container.lifecycle?.preStop?.sleep?.seconds)).toEqual([5, 5]);
    const codes = await Promise.all(pods.map((p) => p.stop(budgetMs(p))));
    expect(codes).toEqual([0, 0]);
  });
});

describe.skipIf(!s.helm)(`a pod whose readiness probe asks for a path the app does not serve ${s.helmMissing ?? ''}`, () => {
  it('never becomes ready, as in a cluster', async () => {
    const { objects } = await renderKindWith({ set: ['auth.readinessProbe.httpGet.path=/ready'] });
    const auth = appPods(objects).find((p) => p.app === 'auth')!;
    const started = startPodProcess(auth, { objects, root: podRoot(join(s.work, 'pods-broken'), auth), readyTimeoutMs: 2_000 });
    await expect(started).rejects.toThrow(/auth never became ready: probe GET \/ready on port \d+ failed for 2000 ms \(last status 404\)/);
  });
});
