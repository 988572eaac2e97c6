import { Buffer } from 'node:buffer';
import { importJWK, type CryptoKey } from 'jose';
import { JwksFetchError } from './jwks-errors.js';

/** One verification key of the set, imported once per fetch. */
export interface VerificationKey {
  readonly kid: string;
  readonly n: string;
  readonly e: string;
  readonly key: CryptoKey;
}

/** The result of importing a JWK Set: usable keys by kid, and why others were skipped. */
export interface ImportedKeySet {
  readonly keys: ReadonlyMap<string, VerificationKey>;
  readonly skipped: readonly string[];
}

const MIN_MODULUS_BYTES = 256; // RSA 2048

/**
 * Imports the RS256 signing keys of a JWK Set document. Only `kty: RSA`, `alg: RS256`,
 * `use: sig` (or no `use`) keys with a kid and a modulus of at least 2048 bits are kept:
 * whatever else an issuer publishes can never verify a token here. A key whose `n`/`e`
 * equal the one held under that kid is reused, so an unchanged set costs no import.
 * Throws `JwksFetchError` when the document is not a JWK Set at all.
 */
export async function importKeySet(
  document: unknown,
  previous: ReadonlyMap<string, VerificationKey> = new Map(),
): Promise<ImportedKeySet> {
  const list = (document as { keys?: unknown } | null)?.keys;
  if (typeof document !== 'object' || document === null || !Array.isArray(list)) {
    throw new JwksFetchError('the response is not a JWK Set (no "keys" array)');
  }
  const keys = new Map<string, VerificationKey>();
  const skipped: string[] = [];
  const duplicates = new Set<string>();
  for (const [index, item] of list.entries()) {
    const jwk = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const { kid, kty, alg, use, n, e } = jwk;
    const label = typeof kid === 'string' ? `kid ${JSON.stringify(kid.slice(0, 64))}` : `keys[${index}]`;
    const reason =
      typeof kid !== 'string' || kid.length === 0 || kid.length > 256 ? 'no usable kid'
      : kty !== 'RSA' ? `kty ${String(kty)} is not RSA`
      : alg !== 'RS256' ? `alg ${String(alg)} is not RS256`
      : use !== undefined && use !== 'sig' ? `use ${String(use)} is not sig`
      : typeof n !== 'string' || typeof e !== 'string' ? 'no n/e'
      : Buffer.from(n, 'base64url').length < MIN_MODULUS_BYTES ? 'modulus shorter than 2048 bits'
      : undefined;
    if (reason !== undefined) {
      skipped.push(`${label}: ${reason}`);
      continue;
    }
    const id = kid as string;
    // Two keys under one kid are ambiguous: trust neither.
    if (keys.has(id) || duplicates.has(id)) {
      keys.delete(id);
      duplicates.add(id);
      skipped.push(`${label}: duplicate kid`);
      continue;
    }
    const held = previous.get(id);
    if (held && held.n === n && held.e === e) {
      keys.set(id, held);
      continue;
    }
    try {
      // Import the public members only, whatever else the entry carries.
      const key = (await importJWK({ kty: 'RSA', n: n as string, e: e as string }, 'RS256')) as CryptoKey;
      keys.set(id, { kid: id, n: n as string, e: e as string, key });
    } catch (err) {
      skipped.push(`${label}: import failed (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return { keys, skipped };
}
