/**
 * Every check fails when the charts are broken on purpose: each case breaks one thing in a real
 * render (in memory, or through `helm template --set`) and asserts that the check reports
 * exactly that problem. Together with the green consistency suite this proves no check is vacuous.
 */
import { describe, expect, it } from 'vitest';
import {
  checkDrain,
  checkEnv,
  checkJwksUrl,
  checkKeyRotation,
  checkNetworkPolicy,
  checkPorts,
  checkPrivateKeys,
  checkProbes,
  checkRollout,
  checkRouting,
  checkSecurity,
  checkSelectors,
  CHECKS,
} from './checks/index.js';
import { field, type IPodSpec, type K8sObject, type Render } from './k8s-object.js';
import { renderKindWith, renderOf, suite, UMBRELLA } from './test-context.js';
import { container, find, ingressPaths, removeEnv, setEnv } from './test-mutate.js';
import { validateObjects } from './validate-objects.js';

const s = suite();
const kind = (): Render => renderOf({ chart: UMBRELLA, values: 'kind-values.yaml' });
const AUTH = 'Deployment/demo-auth container auth';
const POSTS = 'Deployment/demo-posts container posts';

/** Renders the umbrella with the kind values plus `--set` overrides. */
const kindWith = (...set: string[]): Promise<Render> => renderKindWith({ set });

describe.skipIf(!s.helm)(`each check catches a render broken on purpose ${s.helmMissing ?? ''}`, () => {
  it('starts from a render every check passes', () => {
    const r = kind();
    for (const [name, check] of Object.entries(CHECKS)) expect(check(r), name).toEqual([]);
  });

  describe('schema validation', () => {
    it('reports a wrongly typed field, an unknown enum value and a kind it has no schema for', async () => {
      const r = kind();
      const port = container(r.objects, 'Deployment', 'demo-auth', 'auth').ports![0]!;
      (port as { containerPort: unknown }).containerPort = 'http';
      (find(r.objects, 'Service', 'demo-posts').spec as { type: string }).type = 'Public';
      r.objects.push({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
      expect(await validateObjects(r.objects)).toEqual([
        'Service/demo-posts: data/spec/type must be equal to one of the allowed values',
        'Deployment/demo-auth: data/spec/template/spec/containers/0/ports/0/containerPort must be integer',
        'Widget/w: no schema known for example.com/v1 Widget',
      ]);
    });

    it('reports misspelt fields the API server would silently drop', async () => {
      const r = kind();
      const auth = container(r.objects, 'Deployment', 'demo-auth', 'auth') as unknown as Record<string, unknown>;
      auth.readinesProbe = auth.readinessProbe;
      delete auth.readinessProbe;
      (find(r.objects, 'Deployment', 'demo-posts').spec as Record<string, unknown>).replica = 2;
      const route = ingressPaths(find(r.objects, 'Ingress', 'demo-posts'))[0] as unknown as Record<string, unknown>;
      route.pathtype = 'Prefix';
      expect(await validateObjects(r.objects)).toEqual([
        'Deployment/demo-auth: unknown field spec.template.spec.containers[0].readinesProbe',
        'Deployment/demo-posts: unknown field spec.replica',
        'Ingress/demo-posts: unknown field spec.rules[0].http.paths[0].pathtype',
      ]);
    });

    it('reports a Service name too long for DNS', async () => {
      const r = kind();
      find(r.objects, 'Service', 'demo-auth').metadata.name = `a${'b'.repeat(63)}`;
      expect(await validateObjects(r.objects)).toEqual([`Service/a${'b'.repeat(63)}: name must be a DNS-1035 label of at most 63 characters`]);
    });
  });

  describe('selectors', () => {
    it('reports a Service whose selector matches no pod', () => {
      const r = kind();
      (find(r.objects, 'Service', 'demo-posts').spec as { selector: Record<string, string> }).selector['app.kubernetes.io/name'] = 'post';
      expect(checkSelectors(r)).toEqual(["Service/demo-posts: selector must select exactly one workload's pods, selects none"]);
    });

    it('reports a helm test pod that carries the selector labels', () => {
      const r = kind();
      find(r.objects, 'Pod', 'demo-auth-test').metadata.labels!['app.kubernetes.io/name'] = 'auth';
      expect(checkSelectors(r)).toEqual(["Service/demo-auth: selector must select exactly one workload's pods, selects Deployment/demo-auth, Pod/demo-auth-test"]);
    });

    it('reports a Deployment whose selector does not match its own pods', () => {
      const r = kind();
      field<{ matchLabels: Record<string, string> }>(find(r.objects, 'Deployment', 'demo-auth'), 'spec', 'selector')!.matchLabels['app.kubernetes.io/instance'] = 'other';
      expect(checkSelectors(r)).toEqual(['Deployment/demo-auth: spec.selector does not match its pod template labels']);
    });
  });

  describe('ports', () => {
    it('reports a Service targetPort no container declares', () => {
      const r = kind();
      field<{ targetPort: string }[]>(find(r.objects, 'Service', 'demo-auth'), 'spec', 'ports')![0]!.targetPort = 'https';
      expect(checkPorts(r)).toEqual(['Service/demo-auth: port http targets https, which no container of Deployment/demo-auth declares']);
    });

    it('reports a PORT the container does not declare', () => {
      const r = kind();
      setEnv(container(r.objects, 'Deployment', 'demo-posts', 'posts'), 'PORT', '4002');
      expect(checkPorts(r)).toEqual(['Deployment/demo-posts: container posts listens on 4002 but does not declare that containerPort']);
    });
  });

  describe('probes', () => {
    it('reports a readiness probe on a path the app does not serve (rendered with --set)', async () => {
      const r = await kindWith('posts.readinessProbe.httpGet.path=/ready');
      expect(checkProbes(r)).toEqual([`${POSTS}: readinessProbe path /ready is not served for it (use /readyz)`]);
    });

    it('reports a liveness probe on another port, and a missing readiness probe', () => {
      const r = kind();
      const auth = container(r.objects, 'Deployment', 'demo-auth', 'auth');
      auth.livenessProbe!.httpGet!.port = 9090;
      delete auth.readinessProbe;
      expect(checkProbes(r)).toEqual([`${AUTH}: livenessProbe port 9090 is not the port the service listens on (4000)`, `${AUTH}: readinessProbe is missing`]);
    });
  });

  describe('env', () => {
    it('reports an env name the service does not read', () => {
      const r = kind();
      setEnv(container(r.objects, 'Deployment', 'demo-posts', 'posts'), 'JWKS_URI', 'http://demo-auth:4000/.well-known/jwks.json');
      expect(checkEnv(r)).toEqual([`${POSTS}: env JWKS_URI is not read by posts (not in its config schema)`]);
    });

    it('reports a value the schema rejects, a missing required variable and a duplicate', () => {
      const r = kind();
      const auth = container(r.objects, 'Deployment', 'demo-auth', 'auth');
      setEnv(auth, 'LOG_LEVEL', 'verbose');
      removeEnv(auth, 'KEYS_FILE');
      auth.env!.push({ name: 'PORT', value: '4000' });
      expect(checkEnv(r)).toEqual([
        `${AUTH}: env PORT is set more than once`,
        `${AUTH}: LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")`,
        `${AUTH}: required env KEYS_FILE is not set`,
      ]);
    });
  });

  describe('JWKS URL', () => {
    it('reports a JWKS_URL on a port the auth Service does not expose (rendered with --set)', async () => {
      const r = await kindWith('posts.auth.servicePort=80');
      expect(checkJwksUrl(r)).toEqual([`${POSTS}: JWKS_URL port 80 is not exposed by Service/demo-auth (4000)`]);
    });

    it.each([
      ['the posts Service', 'http://demo-posts.chart-tests.svc.cluster.local:4001/.well-known/jwks.json', 'host demo-posts.chart-tests.svc.cluster.local is not the auth Service (in namespace chart-tests)'],
      ['another namespace', 'http://demo-auth.other.svc:4000/.well-known/jwks.json', 'host demo-auth.other.svc is not the auth Service (in namespace chart-tests)'],
      ['a wrong path', 'http://demo-auth:4000/jwks.json', 'path /jwks.json is not /.well-known/jwks.json'],
    ])('reports a JWKS_URL pointing at %s', (_what, url, problem) => {
      const r = kind();
      setEnv(container(r.objects, 'Deployment', 'demo-posts', 'posts'), 'JWKS_URL', url);
      expect(checkJwksUrl(r)).toEqual([`${POSTS}: JWKS_URL ${problem}`]);
    });

    it('accepts the short and .svc forms of the auth Service name', () => {
      for (const host of ['demo-auth', 'demo-auth.chart-tests', 'demo-auth.chart-tests.svc']) {
        const r = kind();
        setEnv(container(r.objects, 'Deployment', 'demo-posts', 'posts'), 'JWKS_URL', `http://${host}:4000/.well-known/jwks.json`);
        expect(checkJwksUrl(r)).toEqual([]);
      }
    });

    it('reports an ISSUER posts would not accept', () => {
      const r = kind();
      setEnv(container(r.objects, 'Deployment', 'demo-posts', 'posts'), 'ISSUER', 'http://localhost:8080');
      expect(checkJwksUrl(r)).toEqual([`${POSTS}: ISSUER http://localhost:8080 differs from auth's http://localhost`]);
    });
  });

  describe('routing', () => {
    it('reports an Ingress path sent to the wrong backend', () => {
      const r = kind();
      ingressPaths(find(r.objects, 'Ingress', 'demo-posts'))[0]!.backend.service.name = 'demo-auth';
      expect(checkRouting(r)).toEqual([
        'Ingress host localhost path /api/posts: routed via Ingress/demo-posts Prefix /api/posts to auth, expected posts',
        'Ingress host localhost path /api/posts/1: routed via Ingress/demo-posts Prefix /api/posts to auth, expected posts',
      ]);
    });

    it('reports /metrics, /healthz and /readyz made public by a catch-all path', () => {
      const r = kind();
      ingressPaths(find(r.objects, 'Ingress', 'demo-auth')).push({ path: '/', pathType: 'Prefix', backend: { service: { name: 'demo-auth', port: { name: 'http' } } } });
      expect(checkRouting(r)).toEqual(
        ['/metrics', '/healthz', '/readyz'].map((p) => `Ingress host localhost path ${p}: must not be routable, is routed via Ingress/demo-auth Prefix /`),
      );
    });

    it('reports a backend port the Service does not expose, and an ImplementationSpecific path', () => {
      const r = kind();
      const [login, wellKnown] = ingressPaths(find(r.objects, 'Ingress', 'demo-auth'));
      login!.backend.service.port = { name: 'metrics' };
      wellKnown!.pathType = 'ImplementationSpecific';
      expect(checkRouting(r)).toEqual([
        'Ingress/demo-auth: path /.well-known has pathType ImplementationSpecific; use Prefix or Exact',
        'Ingress host localhost path /api/login: routed via Ingress/demo-auth Exact /api/login to Service/demo-auth port metrics, which it does not expose',
      ]);
    });

    it('reports an HTTPRoute that exposes /metrics', () => {
      const r = renderOf({ chart: 'auth', values: 'production-values.yaml' });
      const route = find(r.objects, 'HTTPRoute', 'demo-auth');
      expect(checkRouting(r)).toEqual([]);
      field<{ matches: unknown[] }[]>(route, 'spec', 'rules')![0]!.matches.push({ path: { type: 'PathPrefix', value: '/' } });
      const host = field<string[]>(route, 'spec', 'hostnames')![0];
      // The catch-all also sends posts' paths to auth, which the check reports too.
      expect(checkRouting(r)).toEqual([
        ...['/api/posts', '/api/posts/1'].map((p) => `HTTPRoute host ${host} path ${p}: routed via HTTPRoute/demo-auth PathPrefix / to auth, expected posts`),
        ...['/metrics', '/healthz', '/readyz'].map((p) => `HTTPRoute host ${host} path ${p}: must not be routable, is routed via HTTPRoute/demo-auth PathPrefix /`),
      ]);
    });
  });

  describe('network policies', () => {
    const ha = (): Render => renderOf({ chart: UMBRELLA, values: 'kind-ha-values.yaml' });
    const egressOf = (r: Render, name: string) => field<{ to: unknown[]; ports: { port: number }[] }[]>(find(r.objects, 'NetworkPolicy', name), 'spec', 'egress')!;

    it('starts from policies that pass', () => {
      expect(checkNetworkPolicy(ha())).toEqual([]);
    });

    it('reports posts cut off from the JWKS and from DNS', () => {
      const r = ha();
      const egress = egressOf(r, 'demo-posts');
      const keep = egress.filter((rule) => !rule.ports.some((p) => p.port === 53 || p.port === 4000));
      egress.splice(0, egress.length, ...keep);
      expect(checkNetworkPolicy(r)).toEqual([
        'NetworkPolicy: Deployment/demo-posts cannot reach Deployment/demo-auth port 4000 (JWKS_URL)',
        'NetworkPolicy: Deployment/demo-posts cannot reach DNS (kube-system/kube-dns 53/UDP)',
      ]);
    });

    it('reports a database open to every pod when its policy is missing', () => {
      const r = ha();
      r.objects.splice(r.objects.indexOf(find(r.objects, 'NetworkPolicy', 'demo-posts-postgresql')), 1);
      expect(checkNetworkPolicy(r)).toEqual([
        'NetworkPolicy: a pod of another app in namespace chart-tests can reach StatefulSet/demo-posts-postgresql port 5432',
        'NetworkPolicy: a pod in namespace elsewhere can reach StatefulSet/demo-posts-postgresql port 5432',
      ]);
    });

    it('reports an ingress controller namespace the policies do not admit', () => {
      const r = ha();
      for (const ing of ['demo-auth', 'demo-posts']) (find(r.objects, 'Ingress', ing).spec as { ingressClassName: string }).ingressClassName = 'nginx';
      expect(checkNetworkPolicy(r)).toEqual([
        'NetworkPolicy: the ingress controller (namespace nginx) cannot reach Deployment/demo-auth port 4000',
        'NetworkPolicy: the ingress controller (namespace nginx) cannot reach Deployment/demo-posts port 4001',
      ]);
    });
  });

  describe('private keys', () => {
    it("reports auth's key set mounted into posts", () => {
      const r = kind();
      const posts = podSpec(find(r.objects, 'Deployment', 'demo-posts'));
      posts.volumes.push({ name: 'keys', secret: { secretName: 'demo-auth-keys' } });
      expect(checkPrivateKeys(r)).toEqual(['Secret/demo-auth-keys: posts must never see private keys, found a PEM private key']);
    });

    it('reports a private JWK in a posts object', () => {
      const r = kind();
      const sa = find(r.objects, 'ServiceAccount', 'demo-posts');
      sa.metadata.annotations = { jwk: JSON.stringify({ kty: 'RSA', n: 'x', e: 'AQAB', d: 'secret' }) };
      expect(checkPrivateKeys(r)).toEqual(['ServiceAccount/demo-posts: posts must never see private keys, found a private JWK member "d"']);
    });
  });

  describe('security', () => {
    it('reports a container without its securityContext', () => {
      const r = kind();
      delete container(r.objects, 'Deployment', 'demo-auth', 'auth').securityContext;
      expect(checkSecurity(r)).toEqual([
        `${AUTH}: securityContext is missing`,
        `${AUTH}: allowPrivilegeEscalation must be false`,
        `${AUTH}: capabilities must drop ALL`,
        `${AUTH}: readOnlyRootFilesystem must be true`,
      ]);
    });

    it('reports a test pod without resources and with a service account token', () => {
      const r = kind();
      const pod = find(r.objects, 'Pod', 'demo-posts-test');
      delete (pod.spec as { automountServiceAccountToken?: boolean }).automountServiceAccountToken;
      const c = podSpec(pod).containers[0] as { name: string; resources?: unknown };
      delete c.resources;
      const where = `Pod/demo-posts-test container ${c.name}`;
      expect(checkSecurity(r)).toEqual([
        'Pod/demo-posts-test: automountServiceAccountToken must be false',
        `${where}: resources.requests.cpu is missing`,
        `${where}: resources.requests.memory is missing`,
        `${where}: resources.limits.memory is missing`,
      ]);
    });
  });

  describe('rollout', () => {
    it('reports a missing checksum annotation and maxUnavailable 1', () => {
      const r = kind();
      const auth = find(r.objects, 'Deployment', 'demo-auth');
      const annotations = field<Record<string, string>>(auth, 'spec', 'template', 'metadata', 'annotations')!;
      for (const k of Object.keys(annotations)) if (k.startsWith('checksum/')) delete annotations[k];
      field<{ rollingUpdate: { maxUnavailable: number } }>(auth, 'spec', 'strategy')!.rollingUpdate.maxUnavailable = 1;
      expect(checkRollout(r)).toEqual([
        'Deployment/demo-auth: pod template has no checksum/* annotation, config changes would not roll the pods',
        'Deployment/demo-auth: strategy must be RollingUpdate with maxUnavailable 0',
      ]);
    });

    it('reports a PodDisruptionBudget on a single replica, and none on two', () => {
      const r = kind();
      (find(r.objects, 'Deployment', 'demo-auth').spec as { replicas: number }).replicas = 1;
      (find(r.objects, 'Deployment', 'demo-posts').spec as { replicas: number }).replicas = 2;
      expect(checkRollout(r)).toEqual([
        'Deployment/demo-auth: a PodDisruptionBudget (PodDisruptionBudget/demo-auth) with one replica blocks node drains',
        'Deployment/demo-posts: 2 replicas but no PodDisruptionBudget',
      ]);
    });
  });

  describe('drain', () => {
    const grace = (r: Render, name: string) => field<{ terminationGracePeriodSeconds: number }>(find(r.objects, 'Deployment', name), 'spec', 'template', 'spec')!;

    it("starts from the charts' defaults: both services stop with a preStop sleep the check accepts", () => {
      for (const chart of ['auth', 'posts']) {
        const r = renderOf({ chart, values: 'default' });
        expect(container(r.objects, 'Deployment', `demo-${chart}`, chart).lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
        expect(checkDrain(r)).toEqual([]);
      }
    });

    it('reports a grace period that does not hold preStop + SHUTDOWN_DELAY_MS + SHUTDOWN_TIMEOUT_MS + the exit margin', () => {
      const r = kind();
      grace(r, 'demo-auth').terminationGracePeriodSeconds = 24;
      expect(checkDrain(r)).toEqual([
        'Deployment/demo-auth: terminationGracePeriodSeconds 24 must be at least preStop 5s + SHUTDOWN_DELAY_MS 5s + SHUTDOWN_TIMEOUT_MS 10s + 5s exit margin (25s)',
      ]);
    });

    it('reports a preStop sleep and a shutdown delay shorter than the readiness window', () => {
      const r = kind();
      const posts = container(r.objects, 'Deployment', 'demo-posts', 'posts');
      posts.lifecycle!.preStop!.sleep!.seconds = 3;
      setEnv(posts, 'SHUTDOWN_DELAY_MS', '1000');
      expect(checkDrain(r)).toEqual([
        'Deployment/demo-posts: preStop sleep 3s is shorter than the readiness window (periodSeconds x failureThreshold = 4s), endpoints may still send traffic at SIGTERM',
        'Deployment/demo-posts: SHUTDOWN_DELAY_MS 1s is shorter than the readiness window (4s), the listener closes before the probe sees /readyz 503',
      ]);
    });

    it('reports waits that a slower readiness probe outgrows, with the kubelet defaults for unset fields', () => {
      const r = kind();
      const probe = container(r.objects, 'Deployment', 'demo-auth', 'auth').readinessProbe!;
      delete probe.periodSeconds;
      delete probe.failureThreshold;
      expect(checkDrain(r)).toEqual([
        'Deployment/demo-auth: preStop sleep 5s is shorter than the readiness window (periodSeconds x failureThreshold = 30s), endpoints may still send traffic at SIGTERM',
        'Deployment/demo-auth: SHUTDOWN_DELAY_MS 5s is shorter than the readiness window (30s), the listener closes before the probe sees /readyz 503',
      ]);
    });

    it('reports a preStop exec hook whose length it cannot know', () => {
      const r = kind();
      container(r.objects, 'Deployment', 'demo-auth', 'auth').lifecycle = { preStop: { exec: { command: ['sleep', '5'] } } };
      expect(checkDrain(r)).toEqual(['Deployment/demo-auth: preStop is not a sleep handler, so its length cannot be checked against the grace period']);
    });

    it('accepts no preStop hook (Kubernetes before 1.30) when the shutdown delay covers the window (rendered with --set)', async () => {
      const r = await kindWith('auth.shutdown.preStopSleepSeconds=0', 'posts.shutdown.preStopSleepSeconds=0');
      const auth = container(r.objects, 'Deployment', 'demo-auth', 'auth');
      expect([auth.lifecycle, container(r.objects, 'Deployment', 'demo-posts', 'posts').lifecycle]).toEqual([undefined, undefined]);
      expect(checkDrain(r)).toEqual([]);
      setEnv(auth, 'SHUTDOWN_DELAY_MS', '3000');
      expect(checkDrain(r)).toEqual(['Deployment/demo-auth: SHUTDOWN_DELAY_MS 3s is shorter than the readiness window (4s), the listener closes before the probe sees /readyz 503']);
    });
  });

  describe('key rotation CronJob', () => {
    const production = (): Render => renderOf({ chart: 'auth', values: 'production-values.yaml' });
    const JOB = 'CronJob/demo-auth-key-rotation';
    const rotate = (r: Render) => container(r.objects, 'CronJob', 'demo-auth-key-rotation', 'rotate');
    const jobSpec = (r: Render) => field<IPodSpec>(find(r.objects, 'CronJob', 'demo-auth-key-rotation'), 'spec', 'jobTemplate', 'spec', 'template', 'spec')!;

    it('starts from a production render that passes', () => {
      expect(checkKeyRotation(production())).toEqual([]);
    });

    it('reports a variable the script requires that is not set, and one nobody reads, after a rename in the script', () => {
      const r = production();
      const data = field<Record<string, string>>(find(r.objects, 'ConfigMap', 'demo-auth-key-rotation'), 'data')!;
      data['rotate-secret.mjs'] = data['rotate-secret.mjs']!.replace("env('SECRET_KEY')", "env('SECRET_DATA_KEY')");
      expect(checkKeyRotation(r)).toEqual([
        `${JOB}: env SECRET_DATA_KEY, which the script requires, is not set`,
        `${JOB}: env SECRET_KEY is read by neither the script nor auth-cli`,
      ]);
    });

    it('reports a work dir on the node disk, a token lifetime that differs from the Deployment and a missing namespace', () => {
      const r = production();
      const work = jobSpec(r).volumes!.find((v) => v.name === 'work')!;
      work.emptyDir = {};
      setEnv(rotate(r), 'ACCESS_TOKEN_TTL', '3600');
      removeEnv(rotate(r), 'NAMESPACE');
      expect(checkKeyRotation(r)).toEqual([
        `${JOB}: env NAMESPACE, which the script requires, is not set`,
        `${JOB}: ACCESS_TOKEN_TTL 3600 differs from the auth Deployment's 900`,
        `${JOB}: WORK_DIR /work is not a memory-backed emptyDir mount, so private keys would reach the node's disk`,
      ]);
    });

    it('reports the default service account token mounted instead of a projected one with the CA', () => {
      const r = production();
      const spec = jobSpec(r);
      spec.automountServiceAccountToken = true;
      const projected = spec.volumes!.find((v) => v.projected)!.projected!;
      projected.sources = projected.sources!.filter((src) => !src.configMap);
      expect(checkKeyRotation(r)).toEqual([
        `${JOB}: /var/run/secrets/kubernetes.io/serviceaccount is not a projected volume with a service account token and ca.crt`,
        `${JOB}: automountServiceAccountToken must be false (the job projects its own short-lived token)`,
      ]);
    });

    it('reports a job rotating a Secret auth does not read, which its Role does not cover either', () => {
      const r = production();
      setEnv(rotate(r), 'SECRET_NAME', 'auth-keys-old');
      expect(checkKeyRotation(r)).toEqual([
        `${JOB}: SECRET_NAME auth-keys-old is not the Secret auth reads its key set from (auth-keys)`,
        `${JOB}: ServiceAccount/demo-auth-key-rotation may not get Secret/auth-keys-old`,
        `${JOB}: ServiceAccount/demo-auth-key-rotation may not patch Secret/auth-keys-old`,
        `${JOB}: ServiceAccount/demo-auth-key-rotation has a rule beyond get/patch on Secret/auth-keys-old: {"apiGroups":[""],"resources":["secrets"],"resourceNames":["auth-keys"],"verbs":["get","patch"]}`,
      ]);
    });

    it('reports a Role that allows more than get and patch on the one Secret', () => {
      const r = production();
      field<{ verbs: string[]; resourceNames?: string[] }[]>(find(r.objects, 'Role', 'demo-auth-key-rotation'), 'rules')![0]!.verbs.push('list');
      expect(checkKeyRotation(r)).toEqual([
        `${JOB}: ServiceAccount/demo-auth-key-rotation has a rule beyond get/patch on Secret/auth-keys: {"apiGroups":[""],"resources":["secrets"],"resourceNames":["auth-keys"],"verbs":["get","patch","list"]}`,
      ]);
    });
  });
});

function podSpec(obj: K8sObject): { volumes: unknown[]; containers: unknown[] } {
  const spec = (obj.kind === 'Pod' ? obj.spec : field(obj, 'spec', 'template', 'spec')) as { volumes?: unknown[]; containers: unknown[] };
  spec.volumes ??= [];
  return spec as { volumes: unknown[]; containers: unknown[] };
}
