/**
 * values.schema.json and the charts' own `fail` checks reject bad values before anything
 * reaches a cluster, each with a message that names the value. Messages are asserted as helm 4
 * prints them (the pinned helm v4.1.4); with a helm 3 from PATH only the value's path is asserted,
 * because helm 3 words schema errors differently.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listCharts } from './chart-matrix.js';
import { helm, suite } from './test-context.js';

interface BadValues {
  chart: string;
  why: string;
  set: string[];
  /** The line helm 4 prints. */
  message: string;
  /** The value's path, asserted with any helm. */
  path: string;
}

const CASES: BadValues[] = [
  { chart: 'auth', why: 'a negative replica count', set: ['replicaCount=-1'], path: 'replicaCount', message: "- at '/replicaCount': minimum: got -1, want 0" },
  { chart: 'auth', why: 'a misspelt key', set: ['replicas=2'], path: 'replicas', message: "- at '': additional properties 'replicas' not allowed" },
  { chart: 'auth', why: 'an unknown pull policy', set: ['image.pullPolicy=Sometimes'], path: 'pullPolicy', message: "- at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'" },
  { chart: 'auth', why: 'an issuer that is not http(s)', set: ['issuer=ftp://auth.example'], path: 'issuer', message: "- at '/issuer': 'ftp://auth.example' does not match pattern" },
  { chart: 'auth', why: 'a log level pino lacks', set: ['logLevel=verbose'], path: 'logLevel', message: "- at '/logLevel': value must be one of 'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'" },
  { chart: 'auth', why: 'a plaintext password as hash', set: ['users.list[0].username=eve,users.list[0].hash=plaintext'], path: 'hash', message: "- at '/users/list/0/hash': 'plaintext' does not match pattern" },
  { chart: 'auth', why: 'a Secret name Kubernetes refuses', set: ['keys.existingSecret=Bad_Name'], path: 'existingSecret', message: "- at '/keys/existingSecret': 'Bad_Name' does not match pattern" },
  { chart: 'auth', why: 'a port out of range', set: ['containerPort=70000'], path: 'containerPort', message: "- at '/containerPort': maximum: got 70,000, want 65,535" },
  {
    chart: 'auth',
    why: 'a grace period that does not hold the drain and the exit margin',
    set: ['terminationGracePeriodSeconds=24'],
    path: 'terminationGracePeriodSeconds',
    message: 'auth: terminationGracePeriodSeconds (24) must be at least shutdown.preStopSleepSeconds + delaySeconds + timeoutSeconds + 5s exit margin (25)',
  },
  {
    chart: 'auth',
    why: 'a shutdown delay shorter than the readiness probe needs to notice',
    set: ['shutdown.delaySeconds=1'],
    path: 'shutdown.delaySeconds',
    message: 'auth: shutdown.delaySeconds (1) must be at least readinessProbe.periodSeconds x failureThreshold (4)',
  },
  {
    chart: 'posts',
    why: 'a preStop sleep shorter than the readiness window',
    set: ['shutdown.preStopSleepSeconds=3'],
    path: 'shutdown.preStopSleepSeconds',
    message: 'posts: shutdown.preStopSleepSeconds (3) must be 0 (no preStop hook) or at least readinessProbe.periodSeconds x failureThreshold (4)',
  },
  {
    chart: 'posts',
    why: 'a slower readiness probe the default waits no longer cover',
    set: ['readinessProbe.periodSeconds=5'],
    path: 'readinessProbe',
    message: 'posts: shutdown.preStopSleepSeconds (5) must be 0 (no preStop hook) or at least readinessProbe.periodSeconds x failureThreshold (10)',
  },
  { chart: 'auth', why: 'an Ingress without host', set: ['ingress.enabled=true'], path: 'ingress', message: 'auth: the Ingress needs a host: set ingress.host or global.ingress.host' },
  { chart: 'auth', why: 'an HTTPRoute without Gateway', set: ['httpRoute.enabled=true'], path: 'httpRoute', message: 'auth: httpRoute.enabled needs httpRoute.parentRefs (the Gateway to attach to)' },
  { chart: 'posts', why: 'two replicas on one SQLite file', set: ['replicaCount=2'], path: 'replicaCount', message: "- at '/replicaCount': maximum: got 2, want 1" },
  {
    chart: 'posts',
    why: 'two databases at once',
    set: ['database.existingSecret=pg,postgresql.enabled=true'],
    path: 'database',
    message: 'posts: choose one database: database.existingSecret (external) or postgresql.enabled (in-chart), not both',
  },
  { chart: 'posts', why: 'a JWKS TTL floor above its ceiling', set: ['jwks.minTtlSeconds=100,jwks.maxTtlSeconds=10'], path: 'jwks', message: 'posts: jwks.minTtlSeconds must not exceed jwks.maxTtlSeconds' },
  { chart: 'posts', why: 'a volume size Kubernetes cannot parse', set: ['persistence.size=lots'], path: 'size', message: "- at '/persistence/size': 'lots' does not match pattern" },
  { chart: 'posts', why: 'a database URL in values instead of a Secret', set: ['database.url=postgres://u:p@db/posts'], path: 'url', message: "- at '/database': additional properties 'url' not allowed" },
  {
    chart: 'no-shared-secret',
    why: 'a shared issuer that is not http(s)',
    set: ['global.issuer=ftp://auth.example'],
    path: 'issuer',
    message: "no-shared-secret:\n- at '/global/issuer': 'ftp://auth.example' does not match pattern",
  },
  { chart: 'no-shared-secret', why: 'a bad subchart value', set: ['auth.replicaCount=-1'], path: 'replicaCount', message: "auth:\n- at '/replicaCount': minimum: got -1, want 0" },
  { chart: 'no-shared-secret', why: 'a host name with a space', set: ['global.ingress.host=Bad Host'], path: 'host', message: "- at '/global/ingress/host': 'Bad Host' does not match pattern" },
  { chart: 'no-shared-secret', why: 'a misspelt top-level key', set: ['bogus=1'], path: 'bogus', message: "no-shared-secret:\n- at '': additional properties 'bogus' not allowed" },
];

const s = suite();
let helmMajor = 0;

describe.skipIf(!s.helm)(`bad values are rejected with a clear message ${s.helmMissing ?? ''}`, () => {
  beforeAll(async () => {
    const res = await helm().run(['version', '--template', '{{.Version}}']);
    helmMajor = Number(/^v(\d+)\./.exec(res.stdout)?.[1] ?? 0);
  });

  it('has cases for every chart that exists', () => {
    const charts = listCharts(s.chartsDir);
    expect(charts.length).toBeGreaterThanOrEqual(3);
    for (const chart of charts) expect(CASES.some((c) => c.chart === chart), `no bad-values case for ${chart}`).toBe(true);
  });

  it.each(CASES.map((c) => [`${c.chart}: ${c.why}`, c] as const))('rejects %s', async (_name, c) => {
    const res = await helm().template(join(s.chartsDir, c.chart), { set: c.set });
    expect(res.code, res.stdout).not.toBe(0);
    if (helmMajor >= 4) expect(res.stderr).toContain(c.message);
    else expect(res.stderr).toContain(c.path.split('.').pop()!);
  });
});
