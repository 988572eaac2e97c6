/**
 * values.schema.json and the charts' own `fail` checks reject bad values before anything
 * reaches a cluster, each with a message that names the value, under Helm 4 and Helm 3 alike.
 * A `fail` message is the same text with every helm; schema errors are asserted as helm 4 prints
 * them (the pinned v4.1.4), and with every helm through the value path they name, because Helm 3
 * before 3.18 words them differently (schema-errors.ts reads both).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCharts } from './chart-matrix.js';
import { CHARTS_DIR } from './repo-paths.js';
import { schemaErrorPaths } from './schema-errors.js';
import { helm, helm3, suite } from './test-context.js';
import { helmMajor } from './tools.js';

interface BadValues {
  chart: string;
  why: string;
  set: string[];
  /** The line helm 4 prints (a `fail` message: what every helm prints). */
  message: string;
  /** For a schema error: the value path it names, `chart: a.b.c`, asserted with every helm. */
  path?: string;
}

const CASES: BadValues[] = [
  { chart: 'auth', why: 'a negative replica count', path: 'auth: replicaCount', set: ['replicaCount=-1'], message: "- at '/replicaCount': minimum: got -1, want 0" },
  { chart: 'auth', why: 'a misspelt key', path: 'auth: replicas', set: ['replicas=2'], message: "- at '': additional properties 'replicas' not allowed" },
  { chart: 'auth', why: 'an unknown pull policy', path: 'auth: image.pullPolicy', set: ['image.pullPolicy=Sometimes'], message: "- at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'" },
  { chart: 'auth', why: 'an issuer that is not http(s)', path: 'auth: issuer', set: ['issuer=ftp://auth.example'], message: "- at '/issuer': 'ftp://auth.example' does not match pattern" },
  { chart: 'auth', why: 'a log level pino lacks', path: 'auth: logLevel', set: ['logLevel=verbose'], message: "- at '/logLevel': value must be one of 'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'" },
  { chart: 'auth', why: 'a plaintext password as hash', path: 'auth: users.list.0.hash', set: ['users.list[0].username=eve,users.list[0].hash=plaintext'], message: "- at '/users/list/0/hash': 'plaintext' does not match pattern" },
  { chart: 'auth', why: 'a Secret name Kubernetes refuses', path: 'auth: keys.existingSecret', set: ['keys.existingSecret=Bad_Name'], message: "- at '/keys/existingSecret': 'Bad_Name' does not match pattern" },
  { chart: 'auth', why: 'a port out of range', path: 'auth: containerPort', set: ['containerPort=70000'], message: "- at '/containerPort': maximum: got 70,000, want 65,535" },
  {
    chart: 'auth',
    why: 'a grace period that does not hold the drain and the exit margin',
    set: ['terminationGracePeriodSeconds=24'],
    message: 'auth: terminationGracePeriodSeconds (24) must be at least shutdown.preStopSleepSeconds + delaySeconds + timeoutSeconds + 5s exit margin (25)',
  },
  {
    chart: 'auth',
    why: 'a shutdown delay shorter than the readiness probe needs to notice',
    set: ['shutdown.delaySeconds=1'],
    message: 'auth: shutdown.delaySeconds (1) must be at least readinessProbe.periodSeconds x failureThreshold (4)',
  },
  {
    chart: 'posts',
    why: 'a preStop sleep shorter than the readiness window',
    set: ['shutdown.preStopSleepSeconds=3'],
    message: 'posts: shutdown.preStopSleepSeconds (3) must be 0 (no preStop hook) or at least readinessProbe.periodSeconds x failureThreshold (4)',
  },
  {
    chart: 'posts',
    why: 'a slower readiness probe the default waits no longer cover',
    set: ['readinessProbe.periodSeconds=5'],
    message: 'posts: shutdown.preStopSleepSeconds (5) must be 0 (no preStop hook) or at least readinessProbe.periodSeconds x failureThreshold (10)',
  },
  { chart: 'auth', why: 'an Ingress without host', set: ['ingress.enabled=true'], message: 'auth: the Ingress needs a host: set ingress.host or global.ingress.host' },
  { chart: 'auth', why: 'an HTTPRoute without Gateway', set: ['httpRoute.enabled=true'], message: 'auth: httpRoute.enabled needs httpRoute.parentRefs (the Gateway to attach to)' },
  { chart: 'posts', why: 'two replicas on one SQLite file', path: 'posts: database.existingSecret', set: ['replicaCount=2'], message: "- at '/replicaCount': maximum: got 2, want 1" },
  {
    chart: 'posts',
    why: 'two databases at once',
    set: ['database.existingSecret=pg,postgresql.enabled=true'],
    message: 'posts: choose one database: database.existingSecret (external) or postgresql.enabled (in-chart), not both',
  },
  { chart: 'posts', why: 'a JWKS TTL floor above its ceiling', set: ['jwks.minTtlSeconds=100,jwks.maxTtlSeconds=10'], message: 'posts: jwks.minTtlSeconds must not exceed jwks.maxTtlSeconds' },
  { chart: 'posts', why: 'a volume size Kubernetes cannot parse', path: 'posts: persistence.size', set: ['persistence.size=lots'], message: "- at '/persistence/size': 'lots' does not match pattern" },
  { chart: 'posts', why: 'a database URL in values instead of a Secret', path: 'posts: database.url', set: ['database.url=postgres://u:p@db/posts'], message: "- at '/database': additional properties 'url' not allowed" },
  {
    chart: 'no-shared-secret',
    why: 'a shared issuer that is not http(s)',
    path: 'no-shared-secret: global.issuer',
    set: ['global.issuer=ftp://auth.example'],
    message: "no-shared-secret:\n- at '/global/issuer': 'ftp://auth.example' does not match pattern",
  },
  { chart: 'no-shared-secret', why: 'a bad subchart value', path: 'auth: replicaCount', set: ['auth.replicaCount=-1'], message: "auth:\n- at '/replicaCount': minimum: got -1, want 0" },
  { chart: 'no-shared-secret', why: 'a host name with a space', path: 'no-shared-secret: global.ingress.host', set: ['global.ingress.host=Bad Host'], message: "- at '/global/ingress/host': 'Bad Host' does not match pattern" },
  { chart: 'no-shared-secret', why: 'a misspelt top-level key', path: 'no-shared-secret: bogus', set: ['bogus=1'], message: "no-shared-secret:\n- at '': additional properties 'bogus' not allowed" },
];

const s = suite();
const helms = [
  { name: 'helm', available: s.helm, missing: s.helmMissing, exact: helmMajor(s.helmVersion ?? undefined) >= 4, run: helm, chartsDir: s.chartsDir },
  { name: 'helm 3', available: s.helm3, missing: s.helm3Missing, exact: false, run: helm3, chartsDir: s.helm3ChartsDir },
];

it('has cases for every chart that exists', () => {
  const charts = listCharts(CHARTS_DIR);
  expect(charts.length).toBeGreaterThanOrEqual(3);
  for (const chart of charts) expect(CASES.some((c) => c.chart === chart), `no bad-values case for ${chart}`).toBe(true);
});

describe.each(helms)('$name', ({ available, missing, exact, run, chartsDir }) => {
  describe.skipIf(!available)(`rejects bad values with a clear message ${missing ?? ''}`, () => {
    it.each(CASES.map((c) => [`${c.chart}: ${c.why}`, c] as const))('%s', async (_name, c) => {
      const res = await run().template(join(chartsDir, c.chart), { set: c.set });
      expect(res.code, res.stdout).not.toBe(0);
      if (exact || !c.path) expect(res.stderr).toContain(c.message);
      if (c.path) expect(schemaErrorPaths(res.stderr), res.stderr).toContain(c.path);
    });
  });
});
