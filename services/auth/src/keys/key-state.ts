import type { KeyEntry } from './key-set-file.js';

/**
 * Where a key is in its life, at a given instant:
 * - `next`: published, not signing yet (its `activateAt` is in the future)
 * - `current`: the one key that signs now
 * - `retiring`: superseded, still published so the tokens it signed keep verifying
 * - `gone`: past `retireAt`; neither published nor used
 */
export type KeyState = 'next' | 'current' | 'retiring' | 'gone';

/** The times that decide a key's state, as epoch milliseconds. */
export interface KeyTimes {
  readonly kid: string;
  readonly createdAt: number;
  readonly activateAt: number;
  readonly retireAt: number | undefined;
}

/** The times of a stored entry. */
export function keyTimesOf(entry: KeyEntry): KeyTimes {
  return {
    kid: entry.kid,
    createdAt: Date.parse(entry.createdAt),
    activateAt: Date.parse(entry.activateAt),
    retireAt: entry.retireAt === undefined ? undefined : Date.parse(entry.retireAt),
  };
}

/** Newest first: by activateAt, then createdAt, then kid, so every replica picks the same key. */
export function newestFirst(a: KeyTimes, b: KeyTimes): number {
  return b.activateAt - a.activateAt || b.createdAt - a.createdAt || (a.kid < b.kid ? 1 : a.kid > b.kid ? -1 : 0);
}

/**
 * The key that signs at `now`: the newest key whose `activateAt` has passed and that may still
 * sign. A key with a `retireAt` stops signing `tokenTtlMs` before it, so no token outlives the
 * publication of the key that signed it. Undefined when no key qualifies.
 */
export function signingKeyOf<K extends KeyTimes>(keys: readonly K[], now: number, tokenTtlMs: number): K | undefined {
  let best: K | undefined;
  for (const k of keys) {
    if (k.activateAt > now) continue;
    if (k.retireAt !== undefined && now + tokenTtlMs > k.retireAt) continue;
    if (!best || newestFirst(k, best) < 0) best = k;
  }
  return best;
}

/** The state of `key` (one of `keys`) at `now`. */
export function keyStateOf<K extends KeyTimes>(key: K, keys: readonly K[], now: number, tokenTtlMs: number): KeyState {
  if (key.retireAt !== undefined && now >= key.retireAt) return 'gone';
  if (key.activateAt > now) return 'next';
  return signingKeyOf(keys, now, tokenTtlMs) === key ? 'current' : 'retiring';
}
