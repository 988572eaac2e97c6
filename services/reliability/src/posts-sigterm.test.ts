import { now, sleep } from '@app/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reportCase } from './case-report.js';
import { PacedLoad, summarize } from './paced-load.js';
import { loadProfile } from './profile.js';
import { ReliabilityStack } from './reliability-stack.js';
import { createPost, listPosts, probe } from './requests.js';
import { slowUpload } from './slow-upload.js';

const profile = loadProfile();
const SLOW_UPLOADS = 3;

describe('SIGTERM to posts under load', () => {
  let stack: ReliabilityStack;

  beforeAll(async () => {
    stack = await ReliabilityStack.start({ posts: { SHUTDOWN_DELAY_MS: String(profile.shutdownDelayMs), SHUTDOWN_TIMEOUT_MS: '10000' } });
  });
  afterAll(() => stack?.stop());

  it('completes every request accepted before the signal, serves through the delay, and exits 0', async () => {
    const posts = stack.postsProcess;
    const tokens = await Promise.all((['jack', 'robert', 'lina'] as const).map((u) => stack.token(u)));
    const token = (i: number) => tokens[i % tokens.length]!.token;
    const load = new PacedLoad({
      ratePerSecond: profile.readRate,
      send: (i) => (i % 10 === 0 ? createPost(posts.url, token(i), `load ${i}`) : listPosts(posts.url, token(i), 'read')),
    }).start();
    // Several probes may wait at once, so a stalled event loop (an fsync) cannot hide the window from the poller.
    const readiness = new PacedLoad({ ratePerSecond: 20, maxInFlight: 8, send: () => probe(`${posts.url}/readyz`) }).start();
    // Warm up first: a cold process on a busy machine answers its first second slowly.
    await sleep(2_000);

    // Uploads whose bodies finish only after the listener has closed: accepted before the signal, in flight through all of it.
    let finishUploads!: () => void;
    const uploadsMayFinish = new Promise<void>((resolve) => (finishUploads = resolve));
    const uploads = Array.from({ length: SLOW_UPLOADS }, (_, i) => slowUpload(posts.url, token(i), `slow ${i}`, uploadsMayFinish));
    await sleep(200);
    const signalledAt = now();
    posts.signal('SIGTERM');
    setTimeout(finishUploads, profile.shutdownDelayMs + 500);
    const exit = await posts.exited;
    const exitedAt = now();
    await sleep(300);
    const [samples, probes, uploadStatuses] = await Promise.all([load.stop(), readiness.stop(), Promise.all(uploads)]);

    const before = samples.filter((s) => s.startedAt < signalledAt);
    const inFlightAtSignal = before.filter((s) => s.endedAt > signalledAt);
    const afterSignal = samples.filter((s) => s.startedAt >= signalledAt && s.startedAt < exitedAt);
    const servedAfterSignal = afterSignal.filter((s) => s.status >= 200 && s.status < 300);
    // Once the listener is closed a request is refused (status 0); an answer other than 2xx would be a bug.
    const answeredBadly = afterSignal.filter((s) => s.status !== 0 && (s.status < 200 || s.status >= 300));
    const afterExit = samples.filter((s) => s.startedAt > exitedAt);
    const failedBefore = summarize(before).failures;
    // The signal reaches the process through its event loop: a margin keeps a probe already queued out of the check.
    const probesAfterSignal = probes.filter((p) => p.startedAt > signalledAt + 300);
    const readyAfterSignal = probesAfterSignal.filter((p) => p.status === 200);
    const notReadyAfterSignal = probesAfterSignal.filter((p) => p.status === 503);
    const passed = await reportCase(inject('figuresDir'), profile.name, {
      order: 3,
      title: `SIGTERM to posts, SHUTDOWN_DELAY_MS=${profile.shutdownDelayMs}`,
      load: `GET /api/posts (1 in 10 a POST) at ${profile.readRate} req/s (achieved ${load.achievedRate.toFixed(0)}) plus ${SLOW_UPLOADS} uploads whose bodies end after the listener closed`,
      measured:
        `${before.length} requests before the signal (${inFlightAtSignal.length} in flight at it), ${failedBefore.length} failed; ` +
        `after it ${servedAfterSignal.length} served, ${afterSignal.length - servedAfterSignal.length - answeredBadly.length} refused, ${answeredBadly.length} answered non-2xx; ` +
        `slow uploads ${uploadStatuses.join(', ')}; /readyz after the signal: ${notReadyAfterSignal.length}× 503, ${readyAfterSignal.length}× 200; ` +
        `exit ${exit.signal ?? exit.code} ${((exitedAt - signalledAt) / 1000).toFixed(2)} s after the signal`,
      target: 'every request accepted before the signal answered 2xx; exit code 0',
    });

    expect(exit, posts.output()).toEqual({ code: 0, signal: null });
    expect(failedBefore.slice(0, 5)).toEqual([]);
    expect(before.filter((s) => s.tag === 'write').length).toBeGreaterThan(0);
    expect(uploadStatuses).toEqual(Array(SLOW_UPLOADS).fill(201));
    // Draining: new requests are still served during the delay, never answered with an error.
    expect(servedAfterSignal.length).toBeGreaterThan(0);
    expect(answeredBadly.slice(0, 5)).toEqual([]);
    expect(notReadyAfterSignal.length).toBeGreaterThan(0);
    expect(readyAfterSignal).toEqual([]);
    // The process really stopped listening: requests after its exit were refused.
    expect(afterExit.length).toBeGreaterThan(0);
    expect(afterExit.every((s) => s.status === 0)).toBe(true);
    await passed();
  });
});
