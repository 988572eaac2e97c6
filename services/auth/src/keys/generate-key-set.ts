import { createHash, generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { KeyEntry, KeySetFile } from './key-set-file.js';

const generateKeyPairAsync = promisify(generateKeyPair);

/** RSA sizes the CLI offers. */
export const KEY_BITS = [2048, 3072, 4096] as const;

/** The chart's convention, kept for keys made here too: first 16 hex chars of sha256(PEM). */
export function kidOf(pem: string): string {
  return createHash('sha256').update(pem).digest('hex').slice(0, 16);
}

/** ISO 8601 without milliseconds, the way the chart writes times; `ceil` rounds up (retire times). */
export function isoSeconds(ms: number, round: 'floor' | 'ceil' = 'floor'): string {
  return new Date(Math[round](ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Makes one RSA key entry (PKCS#8 PEM) that may sign from `activateAt` (default: `now`). */
export async function generateKeyEntry(options: { bits?: number; now?: Date; activateAt?: Date } = {}): Promise<KeyEntry> {
  const bits = options.bits ?? 2048;
  if (!(KEY_BITS as readonly number[]).includes(bits)) throw new Error(`bits must be one of ${KEY_BITS.join(', ')}`);
  const now = (options.now ?? new Date()).getTime();
  const { privateKey } = await generateKeyPairAsync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    kid: kidOf(privateKey),
    alg: 'RS256',
    createdAt: isoSeconds(now),
    activateAt: isoSeconds(options.activateAt?.getTime() ?? now),
    privateKey,
  };
}

/** A one-key set document whose key signs at once (local set-up, `keys generate`). */
export async function generateKeySet(options: { bits?: number; now?: Date } = {}): Promise<KeySetFile> {
  return { keys: [await generateKeyEntry(options)] };
}
