import { describe, expect, it } from 'vitest';
import { manualClock } from '../test-fixtures.js';
import { FailureLimiter } from './failure-limiter.js';

describe('FailureLimiter', () => {
  it('allows maxFailures attempts per window, then says how long to wait', () => {
    const clock = manualClock();
    const limiter = new FailureLimiter({ maxFailures: 2, windowMs: 10_000, clock: clock.now });
    expect(limiter.take('k').allowed).toBe(true);
    clock.advance(4000);
    expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    clock.advance(6000);
    expect(limiter.take('k').allowed).toBe(true);
  });

  it('gives an attempt back on refund and forgets the key on reset', () => {
    const limiter = new FailureLimiter({ maxFailures: 1, windowMs: 10_000, clock: manualClock().now });
    limiter.take('k');
    limiter.refund('k');
    expect(limiter.take('k').allowed).toBe(true);
    limiter.reset('k');
    expect(limiter.size).toBe(0);
  });

  it('is disabled with maxFailures 0', () => {
    const limiter = new FailureLimiter({ maxFailures: 0, windowMs: 10_000, clock: manualClock().now });
    for (let i = 0; i < 100; i++) expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.size).toBe(0);
  });

  it('stays within maxEntries under a flood of distinct keys', () => {
    const limiter = new FailureLimiter({ maxFailures: 5, windowMs: 60_000, clock: manualClock().now, maxEntries: 1000 });
    for (let i = 0; i < 10_000; i++) limiter.take(`user-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(1000);
    expect(limiter.take('user-9999')).toEqual({ allowed: true });
  });
});
