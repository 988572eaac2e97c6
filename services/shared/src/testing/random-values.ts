/** A small deterministic PRNG (mulberry32), so a generated run replays exactly from its seed. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random building blocks for generated input, all drawn from one seeded PRNG. */
export class RandomValues {
  readonly random: () => number;

  constructor(seed: number) {
    this.random = prng(seed);
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.random() < p;
  }

  /** One of `items`, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Up to `max` UTF-16 code units from the whole BMP, lone surrogates and controls included. */
  str(max: number): string {
    return Array.from({ length: this.int(max) }, () => String.fromCharCode(this.int(0xffff))).join('');
  }

  /** A percent-encoded string (encodeURIComponent refuses lone surrogates, so they become '?'). */
  uri(max: number): string {
    return encodeURIComponent(this.str(max).replace(/[\uD800-\uDFFF]/g, '?'));
  }

  /**
   * A JSON value of odd shape: nulls, huge and negative numbers, long and binary-ish strings,
   * nested arrays, and objects using `fields` plus names a handler must not trust.
   */
  json(fields: readonly string[], depth = 0): unknown {
    switch (this.int(8)) {
      case 0:
        return null;
      case 1:
        return this.random() * 1e308 * (this.chance(0.5) ? -1 : 1);
      case 2:
        return this.str(300);
      case 3:
        return 'x'.repeat(this.int(20_000));
      case 4:
        return depth > 3 ? [] : Array.from({ length: 3 }, () => this.json(fields, depth + 1));
      case 5:
        return this.chance(0.5);
      default: {
        if (depth > 3) return {};
        const o: Record<string, unknown> = {};
        const odd = this.pick(['author', 'id', 'sub', '__proto__', 'constructor', this.str(5)]);
        for (const k of [...fields, odd]) if (this.chance(0.7)) o[k] = this.json(fields, depth + 1);
        return o;
      }
    }
  }
}
