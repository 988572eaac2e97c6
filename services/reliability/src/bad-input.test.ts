import { malformedRequests, sendGeneratedRequest, type GeneratedRequest, type RandomValues, type RequestShape } from '@app/shared/testing';
import { median, now, type ServiceProcess } from '@app/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reportCase } from './case-report.js';
import { loadProfile } from './profile.js';
import { ReliabilityStack } from './reliability-stack.js';

const profile = loadProfile();
const CONCURRENCY = 8;

interface Run {
  /** Requests sent before the first RSS reading, while heap and buffers grow to their working size. */
  readonly warmUp: number;
  readonly requests: number;
  readonly statuses: Map<number, number>;
  /** Requests answered >= 500, or not answered at all although fetch could send them. */
  readonly failures: string[];
  /** Median RSS over the first and over the last quarter of the measured phase. */
  readonly rssWarm: number;
  readonly rssEnd: number;
  readonly rssPeak: number;
  readonly seconds: number;
}

/** The resident set size of `service` in bytes; throws when it has gone, which the case then reports. */
async function rssOf(service: ServiceProcess): Promise<number> {
  const rss = await service.rss();
  if (rss === undefined) throw new Error(`${service.name} has exited: no VmRSS in /proc/${service.pid}/status\n${service.output()}`);
  return rss;
}

/**
 * Sends `warmUp` and then `count` generated requests to `service`, `CONCURRENCY` at a time,
 * reading its RSS every 250 ms of the second phase. A single reading lands anywhere on the
 * garbage collector's sawtooth (tens of MiB here), so the start and the end are each the median
 * of the readings over a quarter of the phase: a leak moves it, the sawtooth does not.
 */
async function flood(service: ServiceProcess, shape: RequestShape, seed: number, warmUp: number, count: number): Promise<Run> {
  const requests = malformedRequests({ seed, shape, harsh: true });
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let next = 0;
  const phase = (end: number) => Promise.all(Array.from({ length: CONCURRENCY }, () => worker(end)));
  const worker = async (end: number) => {
    while (next < end) {
      const index = next++;
      const req = requests.next().value as GeneratedRequest;
      const outcome = await sendGeneratedRequest(service.url, req);
      statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
      // Only a raw malformed request may be dropped without an answer (node does that for CONNECT).
      if (outcome.status >= 500 || (outcome.status === 0 && !req.raw)) {
        failures.push(`#${index} ${req.kind} ${req.method} ${req.path.slice(0, 100)} -> ${outcome.status} ${outcome.error ?? ''}`);
      }
    }
  };
  await phase(warmUp);
  const readings = [{ sent: warmUp, rss: await rssOf(service) }];
  const sampler = setInterval(() => void rssOf(service).then((rss) => readings.push({ sent: next, rss }), () => undefined), 250);
  const started = now();
  await phase(warmUp + count);
  const seconds = (now() - started) / 1000;
  clearInterval(sampler);
  readings.push({ sent: warmUp + count, rss: await rssOf(service) });
  const rss = (from: number, to: number) => median(readings.filter((r) => r.sent >= warmUp + from * count && r.sent <= warmUp + to * count).map((r) => r.rss));
  const rssPeak = Math.max(...readings.map((r) => r.rss));
  return { warmUp, requests: count, statuses, failures, seconds, rssWarm: rss(0, 0.25), rssEnd: rss(0.75, 1), rssPeak };
}

const drift = (run: Run) => ((run.rssEnd - run.rssWarm) / run.rssWarm) * 100;
const describeRun = (name: string, run: Run) =>
  `${name}: ${run.warmUp} + ${run.requests} (after the warm-up in ${run.seconds.toFixed(1)} s), ${run.failures.length} >= 500 or unanswered, ` +
  `statuses ${[...run.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s === 0 ? 'dropped' : s}×${n}`).join(' ')}, ` +
  `RSS median ${(run.rssWarm / 2 ** 20).toFixed(0)} → ${(run.rssEnd / 2 ** 20).toFixed(0)} MiB (${drift(run) >= 0 ? '+' : ''}${drift(run).toFixed(1)} %), peak ${(run.rssPeak / 2 ** 20).toFixed(0)} MiB`;

describe('generated malformed requests against both services', () => {
  let stack: ReliabilityStack;

  beforeAll(async () => {
    stack = await ReliabilityStack.start();
  });
  afterAll(() => stack?.stop());

  it('answers every one below 500, stays alive and keeps its memory flat', async () => {
    const posts = stack.postsProcess;
    const [jack, robert] = await Promise.all([stack.token('jack'), stack.token('robert')]);
    const listed = await fetch(`${posts.url}/api/posts`, { headers: { authorization: `Bearer ${jack.token}` } });
    const ids = ((await listed.json()) as { id: string }[]).map((p) => p.id);
    const id = (r: RandomValues) => r.pick([...ids, crypto.randomUUID(), r.uri(40), '%00', '..%2F..', 'x'.repeat(3000), '1']);
    const common = ['/', '/healthz', '/readyz', '/metrics', '/nope', '/api'];
    const postsShape: RequestShape = {
      paths: [() => '/api/posts', (r) => `/api/posts/${id(r)}`, (r) => r.pick(common)],
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      fields: ['title', 'body'],
      credentials: [jack.token, robert.token, jack.token.slice(0, -4), `${jack.token.split('.').slice(0, 2).join('.')}.`],
      query: (r) => `limit=${r.pick(['0', '-1', '1e3', '50', 'NaN', r.uri(10)])}&cursor=${r.pick(['', r.uri(20), 'cDEuMQ'])}`,
      validBody: (r) => ({ title: `fuzz ${r.int(1000)}`, body: 'b'.repeat(r.int(500)) }),
    };
    const authShape: RequestShape = {
      paths: [() => '/api/login', () => '/.well-known/jwks.json', () => '/.well-known/openid-configuration', (r) => r.pick(common)],
      methods: ['GET', 'POST'],
      fields: ['username', 'password'],
      credentials: [jack.token],
      validBody: (r) => ({ username: r.pick(['jack', 'robert', 'lina', r.str(20)]), password: r.str(30) }),
    };

    const [postsRun, authRun] = await Promise.all([
      flood(posts, postsShape, 6_001, profile.badInputWarmUp, profile.badInputRequests),
      flood(stack.auth, authShape, 6_002, profile.badInputWarmUp, profile.badInputRequests),
    ]);
    const health = await Promise.all([posts, stack.auth].map(async (s) => (await fetch(`${s.url}/healthz`)).status));
    const passed = await reportCase(inject('figuresDir'), profile.name, {
      order: 5,
      title: `Bad input: ${profile.badInputWarmUp} + ${profile.badInputRequests} generated malformed requests per service`,
      load: `bodies, invalid UTF-8, bodies up to 2.5 MB, odd content types and encodings, header floods, odd methods, paths, queries and tokens, raw malformed HTTP; ${CONCURRENCY} at a time per service, both at once`,
      measured: `${describeRun('posts', postsRun)}; ${describeRun('auth', authRun)}; /healthz after: ${health.join(', ')}`,
      target: '0 responses >= 500, both alive, RSS after the warm-up vs at the end within 20 %',
    });

    expect(postsRun.failures.slice(0, 10), posts.output()).toEqual([]);
    expect(authRun.failures.slice(0, 10), stack.auth.output()).toEqual([]);
    expect([posts.alive, stack.auth.alive, ...health]).toEqual([true, true, 200, 200]);
    for (const run of [postsRun, authRun]) expect(Math.abs(drift(run))).toBeLessThanOrEqual(20);
    // The runs reached past validation, not only the cheapest refusals.
    for (const status of [200, 201, 400, 401, 404, 413, 415]) expect(postsRun.statuses.get(status) ?? 0, `posts ${status}`).toBeGreaterThan(0);
    for (const status of [200, 400, 401, 404, 415, 429]) expect(authRun.statuses.get(status) ?? 0, `auth ${status}`).toBeGreaterThan(0);
    await passed();
  });
});
