import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { formatKeySetFile, parseKeySetFile, validateKeySetFile, type KeySetFile } from './key-set-file.js';

/**
 * Writes a key set atomically: a temp file in the same directory (mode 0600, it holds private
 * keys), fsync, then rename over the target. A reader (the key store's poll) sees the old or
 * the new document, never half of one.
 */
export async function writeKeySetFile(path: string, set: KeySetFile): Promise<void> {
  const text = formatKeySetFile(validateKeySetFile(set));
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

/** Reads and validates a key set file (no key import). */
export async function readKeySetFile(path: string): Promise<KeySetFile> {
  return parseKeySetFile(await readFile(path, 'utf8'));
}
