import { DEMO_USERS } from '@app/local';
import { median, now, quantile } from '@app/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reportCase } from './case-report.js';
import { PacedLoad, type Sample } from './paced-load.js';
import { loadProfile } from './profile.js';
import { ReliabilityStack } from './reliability-stack.js';

const profile = loadProfile();
const MAX_FAILURES = 5;
const p95 = (xs: readonly number[]) => quantile(xs, 0.95);

describe('login brute force against one user', () => {
  let stack: ReliabilityStack;

  beforeAll(async () => {
    // One proxy hop is trusted, so X-Forwarded-For gives each simulated client its own address.
    stack = await ReliabilityStack.start({ auth: { TRUST_PROXY: '1', LOGIN_MAX_FAILURES: String(MAX_FAILURES) }, posts: false });
  });
  afterAll(() => stack?.stop());

  /** Logs robert and lina in one after the other, each from their own address, for `ms`; returns the latencies. */
  async function otherUsersLogins(ms: number): Promise<{ latencies: number[]; statuses: number[] }> {
    const others = DEMO_USERS.filter((u) => u.username !== 'jack');
    const latencies: number[] = [];
    const statuses: number[] = [];
    const end = now() + ms;
    for (let i = 0; now() < end; i += 1) {
      const user = others[i % others.length]!;
      const started = now();
      const res = await stack.login(user.username, user.password, { 'x-forwarded-for': `10.0.0.${i % others.length}` });
      await res.arrayBuffer();
      latencies.push(now() - started);
      statuses.push(res.status);
    }
    return { latencies, statuses };
  }

  it('answers 429 with Retry-After past the limit and does not slow other users down', async () => {
    // Quiet and burst phases alternate, so whatever else the machine does weighs on both sides alike.
    const before = { latencies: [] as number[], statuses: [] as number[] };
    const during = { latencies: [] as number[], statuses: [] as number[] };
    const attempts: Sample[] = [];
    const phaseMs = profile.bruteForceMs / profile.bruteForceCycles;
    let achieved = 0;
    for (let cycle = 0; cycle < profile.bruteForceCycles; cycle += 1) {
      const quiet = await otherUsersLogins(phaseMs);
      before.latencies.push(...quiet.latencies);
      before.statuses.push(...quiet.statuses);
      // Wrong passwords for jack, each from another address, so the per-username limit is the one that bites.
      const offset = attempts.length;
      const burst = new PacedLoad({
        ratePerSecond: profile.bruteForceRate,
        send: async (i) => {
          const n = offset + i;
          const res = await stack.login('jack', `guess-${n}`, { 'x-forwarded-for': `203.0.113.${(n % 250) + 1}` });
          return { status: res.status, detail: { retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> } };
        },
      }).start();
      const loud = await otherUsersLogins(phaseMs);
      attempts.push(...(await burst.stop()));
      achieved += burst.achievedRate / profile.bruteForceCycles;
      during.latencies.push(...loud.latencies);
      during.statuses.push(...loud.statuses);
    }
    const jackMeanwhile = await stack.login('jack', 'jack_password', { 'x-forwarded-for': '10.0.0.9' });

    const limited = attempts.filter((a) => a.status === 429);
    const rejected = attempts.filter((a) => a.status === 401);
    const detail = (a: (typeof attempts)[number]) => a.detail as { retryAfter: string | null; body: Record<string, unknown> };
    const badRetryAfter = limited.filter((a) => !/^[1-9]\d*$/.test(detail(a).retryAfter ?? ''));
    const badShape = [...limited, ...rejected].filter((a) => typeof detail(a).body.error !== 'string' || typeof detail(a).body.message !== 'string');
    const ratio = median(during.latencies) / median(before.latencies);
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    const passed = await reportCase(inject('figuresDir'), profile.name, {
      order: 6,
      title: 'Login brute force against one user',
      load:
        `wrong passwords for jack at ${profile.bruteForceRate} req/s (achieved ${achieved.toFixed(0)}) from 250 addresses, ${profile.bruteForceCycles} bursts totalling ${profile.bruteForceMs / 1000} s; ` +
        `robert and lina log in one after the other between and during them (bcrypt cost 10)`,
      measured:
        `${attempts.length} attempts: ${rejected.length}× 401, ${limited.length}× 429 (all with Retry-After: ${badRetryAfter.length === 0}), ${attempts.length - rejected.length - limited.length} other; ` +
        `jack's right password meanwhile: ${jackMeanwhile.status}; other users' logins p50/p95 ${ms(median(before.latencies))}/${ms(p95(before.latencies))} before, ` +
        `${ms(median(during.latencies))}/${ms(p95(during.latencies))} during (${before.latencies.length} + ${during.latencies.length} logins): median ratio ${ratio.toFixed(2)}`,
      target: `429 with Retry-After after ${MAX_FAILURES} failures; other users' median login latency <= 2x (this profile asserts <= ${profile.loginLatencyRatioBound}x)`,
    });

    expect(rejected.length).toBe(MAX_FAILURES);
    expect(limited.length).toBe(attempts.length - MAX_FAILURES);
    expect(badRetryAfter).toEqual([]);
    expect(badShape).toEqual([]);
    expect([...before.statuses, ...during.statuses].every((s) => s === 200)).toBe(true);
    expect(during.latencies.length).toBeGreaterThan(2);
    expect(ratio).toBeLessThanOrEqual(profile.loginLatencyRatioBound);
    await passed();
  });
});
