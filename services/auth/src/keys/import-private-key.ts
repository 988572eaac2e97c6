import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** The public members of an RSA JWK. */
export interface RsaPublicJwk {
  kty: 'RSA';
  n: string;
  e: string;
}

/** Smallest modulus accepted: RFC 7518 requires 2048 bits for RS256. */
export const MIN_RSA_BITS = 2048;

/**
 * Imports an RSA private key from PKCS#1 or PKCS#8 PEM. node's `createPrivateKey` accepts both
 * (jose's `importPKCS8` only takes PKCS#8, and Helm's `genPrivateKey "rsa"` writes PKCS#1), and
 * jose signs with the resulting `KeyObject` directly, so each key is imported exactly once.
 */
export function importPrivateKey(pem: string): { privateKey: KeyObject; publicJwk: RsaPublicJwk; bits: number } {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    // The crypto error text can quote parts of the input; say only what failed.
    throw new Error('privateKey is not a readable PEM private key');
  }
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new Error(`privateKey must be an RSA key, not ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  }
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) throw new Error(`privateKey must have at least ${MIN_RSA_BITS} bits, not ${bits}`);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new Error('privateKey has no RSA public members');
  return { privateKey, publicJwk: { kty: 'RSA', n: jwk.n, e: jwk.e }, bits };
}
