/**
 * Masks what the charts generate afresh on every render (auth's `genPrivateKey` key set, the
 * in-chart PostgreSQL's `randAlphaNum` password and the `checksum/*` annotations derived from
 * them), so two renders can be compared for everything else. A key set keeps its shape (how many
 * keys, their alg, which are retiring); a password is masked only where it appears.
 */
import { parseKeySetFile } from '@app/auth';
import { podTemplates, type K8sObject } from './k8s-object.js';
import { cloneObjects } from './manifest.js';

const SHA256 = /^[0-9a-f]{64}$/;

/** The shape of a key set file, or undefined when the text is not one. */
function keySetShape(text: string): string | undefined {
  try {
    const { keys } = parseKeySetFile(text);
    return JSON.stringify(keys.map((k) => ({ alg: k.alg, retiring: k.retireAt !== undefined, privateKey: /-----BEGIN ([A-Z ]+)-----/.exec(k.privateKey)?.[1] })));
  } catch {
    return undefined;
  }
}

function maskSecret(secret: K8sObject): void {
  const data = secret.data as Record<string, string> | undefined;
  if (!data) return;
  const decoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  const password = decoded.password;
  for (const [key, text] of Object.entries(decoded)) {
    const shape = keySetShape(text);
    data[key] = shape !== undefined ? `<generated key set ${shape}>` : password ? text.split(password).join('<generated password>') : text;
  }
}

/** A copy of the objects with generated material masked (Secret data is left decoded). */
export function maskGenerated(objects: readonly K8sObject[]): K8sObject[] {
  const copy = cloneObjects(objects);
  for (const obj of copy) if (obj.kind === 'Secret') maskSecret(obj);
  // A checksum hashes a rendered Secret, compared above with its generated parts masked.
  for (const pod of podTemplates(copy)) {
    for (const [k, v] of Object.entries(pod.annotations)) if (k.startsWith('checksum/') && SHA256.test(v)) pod.annotations[k] = '<sha256>';
  }
  return copy;
}
