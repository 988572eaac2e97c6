import { ttlSeconds } from './cache-control.js';
import { fetchJwks } from './fetch-jwks.js';
import { importKeySet, type VerificationKey } from './import-key-set.js';

/** What one conditional fetch established: how long to trust the set, and the new keys on a 200. */
export interface LoadedKeySet {
  readonly kind: 'ok' | 'not_modified';
  readonly ttlSeconds: number;
  readonly fetched?: { readonly keys: ReadonlyMap<string, VerificationKey>; readonly etag: string | undefined };
  readonly skipped: readonly string[];
}

/** Settings of `loadKeySet`. */
export interface LoadKeySetOptions {
  timeoutMs: number;
  minTtlSeconds: number;
  maxTtlSeconds: number;
  /** The set held now: its ETag makes the request conditional, its keys are reused when unchanged. */
  held?: { keys: ReadonlyMap<string, VerificationKey>; etag: string | undefined };
  signal?: AbortSignal;
}

/** Fetches (conditionally) and imports the JWK Set at `url`; throws `JwksFetchError` on any failure. */
export async function loadKeySet(url: string, options: LoadKeySetOptions): Promise<LoadedKeySet> {
  const response = await fetchJwks(url, {
    timeoutMs: options.timeoutMs,
    etag: options.held?.etag,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const ttl = ttlSeconds(response.cacheControl, options.minTtlSeconds, options.maxTtlSeconds);
  if (response.kind === 'not_modified') return { kind: 'not_modified', ttlSeconds: ttl, skipped: [] };
  const imported = await importKeySet(response.body, options.held?.keys);
  return { kind: 'ok', ttlSeconds: ttl, fetched: { keys: imported.keys, etag: response.etag }, skipped: imported.skipped };
}
