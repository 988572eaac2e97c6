import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.js';

describe('LruCache', () => {
  it('evicts the least recently used entry past its bound', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('keeps an entry used within the last maxSize/2 insertions', () => {
    const cache = new LruCache<number, number>(10);
    for (let i = 0; i < 10; i += 1) cache.set(i, i);
    for (let i = 10; i < 100; i += 1) {
      expect(cache.get(0), `after ${i - 10} insertions`).toBe(0);
      cache.set(i, i);
    }
    expect(cache.size).toBe(10);
  });

  it('stores nothing with size 0', () => {
    const cache = new LruCache<string, number>(0);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
  });

  it('deletes by predicate', () => {
    const cache = new LruCache<string, { kid: string }>(10);
    cache.set('t1', { kid: 'a' });
    cache.set('t2', { kid: 'b' });
    cache.set('t3', { kid: 'a' });
    expect(cache.deleteWhere((v) => v.kid === 'a')).toBe(2);
    expect(cache.size).toBe(1);
    expect(cache.get('t2')).toEqual({ kid: 'b' });
  });
});
