/**
 * Failures of the key set that the verifier maps to responses: an unknown `kid` is the
 * token's problem (401); an unusable key set is ours (503, the client may retry).
 */

/** The token names a key id that the current key set (even after a refetch) does not hold. */
export class UnknownKidError extends Error {
  constructor(readonly kid: string) {
    super(`no key with kid ${JSON.stringify(kid.slice(0, 64))} in the JWK Set`);
    this.name = 'UnknownKidError';
  }
}

/** No usable key set: none fetched yet, or the last good one is older than the stale limit. */
export class JwksUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwksUnavailableError';
  }
}

/** One fetch of the JWK Set failed (network, timeout, status, or an invalid document). */
export class JwksFetchError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JwksFetchError';
  }
}
