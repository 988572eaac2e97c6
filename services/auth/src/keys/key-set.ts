import { createHash, type KeyObject } from 'node:crypto';
import { importPrivateKey, type RsaPublicJwk } from './import-private-key.js';
import { KeySetFileError, type KeySetFile } from './key-set-file.js';
import { keyStateOf, newestFirst, signingKeyOf, type KeyState, type KeyTimes } from './key-state.js';

export type { KeyState } from './key-state.js';

/** A key of the set, imported once, with its times as epoch milliseconds. */
export interface LoadedKey extends KeyTimes {
  readonly alg: 'RS256';
  readonly bits: number;
  readonly privateKey: KeyObject;
  readonly publicJwk: RsaPublicJwk;
}

/** A published JWK: public members only. */
export interface PublicJwk extends RsaPublicJwk {
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

/** The JWKS document as served, with its strong ETag. */
export interface JwksDocument {
  readonly body: string;
  readonly etag: string;
  readonly keyCount: number;
}

/**
 * An imported key set and its state machine. Time is always passed in (epoch ms), so tests
 * drive it with an injected clock and replicas reading the same file agree on every answer.
 */
export class KeySet {
  readonly keys: readonly LoadedKey[];
  private readonly tokenTtlMs: number;
  private readonly jwksCache = new Map<string, JwksDocument>();

  /**
   * `tokenTtlSeconds`: a key only signs while a token it signs now would expire before the key's
   * `retireAt`, so no token ever outlives the publication of its key.
   */
  constructor(keys: readonly LoadedKey[], options: { tokenTtlSeconds?: number } = {}) {
    this.keys = [...keys].sort(newestFirst);
    this.tokenTtlMs = (options.tokenTtlSeconds ?? 0) * 1000;
  }

  /** Imports every key of a validated document; throws naming the key that failed. */
  static fromFile(file: KeySetFile, options: { tokenTtlSeconds?: number } = {}): KeySet {
    const keys = file.keys.map((entry, index): LoadedKey => {
      let imported: ReturnType<typeof importPrivateKey>;
      try {
        imported = importPrivateKey(entry.privateKey);
      } catch (err) {
        throw new KeySetFileError(`keys[${index}] (kid ${entry.kid}): ${(err as Error).message}`);
      }
      return {
        kid: entry.kid,
        alg: entry.alg,
        createdAt: Date.parse(entry.createdAt),
        activateAt: Date.parse(entry.activateAt),
        retireAt: entry.retireAt === undefined ? undefined : Date.parse(entry.retireAt),
        ...imported,
      };
    });
    return new KeySet(keys, options);
  }

  /** The key that signs at `now`: the newest activated key that may still sign; none if no key qualifies. */
  signingKey(now: number): LoadedKey | undefined {
    return signingKeyOf(this.keys, now, this.tokenTtlMs);
  }

  /** The state of `key` at `now`. */
  stateOf(key: LoadedKey, now: number): KeyState {
    return keyStateOf(key, this.keys, now, this.tokenTtlMs);
  }

  /** Every key not past its publication end, newest first. */
  published(now: number): LoadedKey[] {
    return this.keys.filter((k) => this.stateOf(k, now) !== 'gone');
  }

  /** The JWKS document at `now`, rendered once per distinct set of published keys. */
  jwks(now: number): JwksDocument {
    const published = this.published(now);
    const cacheKey = published.map((k) => k.kid).join('\n');
    let doc = this.jwksCache.get(cacheKey);
    if (!doc) {
      const keys: PublicJwk[] = published.map((k) => ({ ...k.publicJwk, kid: k.kid, alg: k.alg, use: 'sig' }));
      const body = JSON.stringify({ keys });
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      doc = { body, etag, keyCount: keys.length };
      this.jwksCache.set(cacheKey, doc);
    }
    return doc;
  }
}
