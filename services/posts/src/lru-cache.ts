interface Slot<V> {
  readonly value: V;
  stamp: number;
}

/**
 * A bounded, approximately least-recently-used map on top of `Map`'s insertion order. Moving
 * an entry to the end on every hit would churn the hash table (and the GC) on the request hot
 * path, so a hit only re-inserts an entry from the older half: an entry used within the last
 * `maxSize / 2` insertions is never the one evicted, and a hit is usually one `Map.get`.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, Slot<V>>();
  private readonly refreshAfter: number;
  private clock = 0;

  constructor(readonly maxSize: number) {
    this.refreshAfter = Math.max(1, Math.floor(maxSize / 2));
  }

  /** The value for `key`, marking it recently used. */
  get(key: K): V | undefined {
    const slot = this.map.get(key);
    if (slot === undefined) return undefined;
    if (this.clock - slot.stamp >= this.refreshAfter) {
      this.map.delete(key);
      slot.stamp = ++this.clock;
      this.map.set(key, slot);
    }
    return slot.value;
  }

  /** Stores `value`, evicting the least recently used entry when full. No-op when maxSize is 0. */
  set(key: K, value: V): void {
    if (this.maxSize <= 0) return;
    this.map.delete(key);
    this.map.set(key, { value, stamp: ++this.clock });
    if (this.map.size > this.maxSize) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }

  /** Removes `key`. */
  delete(key: K): boolean {
    return this.map.delete(key);
  }

  /** Removes every entry whose value matches; returns how many went. */
  deleteWhere(predicate: (value: V, key: K) => boolean): number {
    let removed = 0;
    for (const [key, slot] of this.map) {
      if (predicate(slot.value, key)) {
        this.map.delete(key);
        removed += 1;
      }
    }
    return removed;
  }

  get size(): number {
    return this.map.size;
  }

  /** Drops everything. */
  clear(): void {
    this.map.clear();
  }
}
