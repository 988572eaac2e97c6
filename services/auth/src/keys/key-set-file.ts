/**
 * The key set file (`KEYS_FILE`): the on-disk document the chart and the CLI write and the
 * key store reads. Its format is fixed by the team contract; this module only parses and
 * validates it, it never imports key material.
 */

/** One key of the set, as stored. */
export interface KeyEntry {
  kid: string;
  alg: 'RS256';
  /** ISO 8601 instant the key was made. */
  createdAt: string;
  /** ISO 8601 instant from which the key may sign (it is published before that). */
  activateAt: string;
  /** ISO 8601 instant the key stops being published; absent while it is not superseded. */
  retireAt?: string;
  /** PKCS#1 (`BEGIN RSA PRIVATE KEY`) or PKCS#8 (`BEGIN PRIVATE KEY`) PEM. */
  privateKey: string;
}

/** The whole document. */
export interface KeySetFile {
  keys: KeyEntry[];
}

/** Thrown for a document that is not a usable key set; the message says what is wrong. */
export class KeySetFileError extends Error {
  override readonly name = 'KeySetFileError';
}

const KID = /^[A-Za-z0-9._~-]{1,128}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function instant(value: unknown, where: string, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !ISO.test(value) || Number.isNaN(Date.parse(value))) {
    throw new KeySetFileError(`${where} must be an ISO 8601 date-time such as 2026-12-04T09:00:00Z`);
  }
  return value;
}

function entry(raw: unknown, index: number): KeyEntry {
  const where = `keys[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new KeySetFileError(`${where} must be an object`);
  const r = raw as Record<string, unknown>;
  if (typeof r.kid !== 'string' || !KID.test(r.kid)) {
    throw new KeySetFileError(`${where}.kid must be 1-128 characters of A-Z a-z 0-9 . _ ~ -`);
  }
  if (r.alg !== 'RS256') throw new KeySetFileError(`${where}.alg must be "RS256"`);
  if (typeof r.privateKey !== 'string' || !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(r.privateKey)) {
    throw new KeySetFileError(`${where}.privateKey must be a PKCS#1 or PKCS#8 PEM private key`);
  }
  const createdAt = instant(r.createdAt, `${where}.createdAt`, true)!;
  const activateAt = instant(r.activateAt, `${where}.activateAt`, true)!;
  const retireAt = instant(r.retireAt, `${where}.retireAt`, false);
  if (retireAt !== undefined && Date.parse(retireAt) < Date.parse(activateAt)) {
    throw new KeySetFileError(`${where}.retireAt must not be before its activateAt`);
  }
  return { kid: r.kid, alg: 'RS256', createdAt, activateAt, ...(retireAt ? { retireAt } : {}), privateKey: r.privateKey };
}

/** Validates a parsed document: at least one key, unique kids, well-formed fields. */
export function validateKeySetFile(doc: unknown): KeySetFile {
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { keys?: unknown }).keys)) {
    throw new KeySetFileError('a key set must be an object with a "keys" array');
  }
  const rawKeys = (doc as { keys: unknown[] }).keys;
  if (rawKeys.length === 0) throw new KeySetFileError('the key set has no keys');
  if (rawKeys.length > 100) throw new KeySetFileError('the key set has more than 100 keys');
  const keys = rawKeys.map(entry);
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key.kid)) throw new KeySetFileError(`kid "${key.kid}" appears more than once`);
    seen.add(key.kid);
  }
  return { keys };
}

/** Parses the text of a key set file; throws `KeySetFileError` with the reason. */
export function parseKeySetFile(text: string): KeySetFile {
  if (text.trim() === '') throw new KeySetFileError('the key set file is empty');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // Never echo the content: it holds private keys.
    throw new KeySetFileError('the key set file is not valid JSON');
  }
  return validateKeySetFile(doc);
}

/** Serialises a key set the way the CLI writes it (stable, human-diffable). */
export function formatKeySetFile(set: KeySetFile): string {
  return `${JSON.stringify(set, null, 2)}\n`;
}
