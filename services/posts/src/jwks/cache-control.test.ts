import { describe, expect, it } from 'vitest';
import { maxAgeSeconds, ttlSeconds } from './cache-control.js';

describe('Cache-Control parsing', () => {
  it('reads max-age among other directives', () => {
    expect(maxAgeSeconds('public, max-age=300')).toBe(300);
    expect(maxAgeSeconds('max-age="60", must-revalidate')).toBe(60);
  });

  it('treats no-cache and no-store as zero and a missing header as unknown', () => {
    expect(maxAgeSeconds('no-cache')).toBe(0);
    expect(maxAgeSeconds('public, max-age=300, no-store')).toBe(0);
    expect(maxAgeSeconds(null)).toBeUndefined();
    expect(maxAgeSeconds('max-age=abc')).toBeUndefined();
  });

  it('clamps the lifetime to the configured bounds', () => {
    expect(ttlSeconds('max-age=5', 30, 3600)).toBe(30);
    expect(ttlSeconds('max-age=999999', 30, 3600)).toBe(3600);
    expect(ttlSeconds('max-age=300', 30, 3600)).toBe(300);
    expect(ttlSeconds(undefined, 30, 3600)).toBe(30);
  });
});
