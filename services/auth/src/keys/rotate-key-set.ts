import { isoSeconds } from './generate-key-set.js';
import type { KeyEntry, KeySetFile } from './key-set-file.js';
import { keyStateOf, keyTimesOf, signingKeyOf } from './key-state.js';

export interface RotateOptions {
  now: Date;
  /** Seconds from now until the new key signs; it is published at once. */
  activateInSeconds: number;
  /** ACCESS_TOKEN_TTL: how long a token signed by the superseded key stays valid. */
  tokenTtlSeconds: number;
  /** CLOCK_SKEW_SECONDS: margin for verifiers and replicas whose clocks run late. */
  clockSkewSeconds: number;
  /** Skip the rotation when the current key is younger than this (lets a CronJob run often). */
  minAgeSeconds?: number;
  /** Makes the new key (injected so tests need not wait for RSA generation). */
  newKey: (activateAt: Date) => Promise<KeyEntry>;
}

/** What `rotateKeySet` did; `set` is the document to write when `changed`. */
export interface RotationReport {
  set: KeySetFile;
  changed: boolean;
  added?: { kid: string; activateAt: string };
  retired: { kid: string; retireAt: string }[];
  pruned: string[];
  /** Why no key was added (a key already pending, the current key too young). */
  skipped?: string;
}

/**
 * One rotation step, safe to repeat: prunes keys past `retireAt`; unless a key is already
 * pending, adds a key that signs after `activateInSeconds`; and gives every superseded key a
 * `retireAt` = its last signing instant + token TTL + clock skew, so it stays published until
 * the last token it signed has expired.
 */
export async function rotateKeySet(set: KeySetFile, options: RotateOptions): Promise<RotationReport> {
  const now = options.now.getTime();
  const ttlMs = options.tokenTtlSeconds * 1000;
  const graceMs = ttlMs + options.clockSkewSeconds * 1000;
  const all = set.keys.map((entry) => ({ entry, ...keyTimesOf(entry) }));

  const pruned = all.filter((k) => keyStateOf(k, all, now, ttlMs) === 'gone').map((k) => k.kid);
  const kept = all.filter((k) => !pruned.includes(k.kid));
  const unchanged = (skipped: string): RotationReport => ({
    set: { keys: kept.map((k) => k.entry) },
    changed: pruned.length > 0,
    retired: [],
    pruned,
    skipped,
  });

  const pending = kept.find((k) => k.activateAt > now);
  if (pending) {
    return unchanged(`key ${pending.kid} is already pending (signs from ${pending.entry.activateAt}); not adding another`);
  }
  const current = signingKeyOf(kept, now, ttlMs);
  if (current && options.minAgeSeconds !== undefined && now - current.createdAt < options.minAgeSeconds * 1000) {
    return unchanged(`the current key ${current.kid} is younger than ${options.minAgeSeconds} s; not rotating`);
  }

  // With nothing signing, waiting would only prolong an outage: the new key signs at once.
  // Otherwise it must activate strictly after the current key (times are whole seconds), or a
  // rotation in the same second as the last one would tie and leave the old key signing.
  const activateAt = current ? Math.max(now + options.activateInSeconds * 1000, current.activateAt + 1000) : now;
  const added = await options.newKey(new Date(activateAt));
  const retired: RotationReport['retired'] = [];
  const keys = kept.map(({ entry, ...times }): KeyEntry => {
    // The current key signs until the new one takes over; any other one has stopped already.
    const isCurrent = times.kid === current?.kid;
    const needed = (isCurrent ? activateAt : now) + graceMs;
    if (times.retireAt !== undefined && (times.retireAt >= needed || !isCurrent)) return entry;
    const retireAt = isoSeconds(needed, 'ceil');
    retired.push({ kid: entry.kid, retireAt });
    return { ...entry, retireAt };
  });
  return {
    set: { keys: [...keys, added] },
    changed: true,
    added: { kid: added.kid, activateAt: added.activateAt },
    retired,
    pruned,
  };
}
