import { describe, expect, it } from 'vitest';
import { loadProfile } from './profile.js';

describe('loadProfile', () => {
  it('runs the fast profile unless told otherwise', () => {
    expect(loadProfile({}).name).toBe('fast');
    expect(loadProfile({ RELIABILITY_PROFILE: '' }).name).toBe('fast');
  });

  it('gives the full profile the durations of the issue', () => {
    const full = loadProfile({ RELIABILITY_PROFILE: 'full' });
    expect(full.authDownMs).toBe(60_000);
    expect(full.badInputRequests).toBeGreaterThanOrEqual(10_000);
    expect(full.readRate).toBeGreaterThanOrEqual(200);
    expect(full.loginLatencyRatioBound).toBe(2);
  });

  it('refuses an unknown profile, naming the variable', () => {
    expect(() => loadProfile({ RELIABILITY_PROFILE: 'slow' })).toThrow(/RELIABILITY_PROFILE: must be fast or full \(got "slow"\)/);
  });
});
