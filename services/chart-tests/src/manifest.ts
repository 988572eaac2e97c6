/** Turns `helm template` output into objects, keeping each one's `# Source:` for messages. */
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from './k8s-object.js';

/** Parses a multi-document manifest; empty documents are dropped, anything not an object throws. */
export function parseManifest(text: string): K8sObject[] {
  const out: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`invalid YAML in the rendered manifest: ${doc.errors[0]!.message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`a rendered document is not an object: ${JSON.stringify(value).slice(0, 100)}`);
    }
    const obj = value as K8sObject;
    const source = /# Source: (\S+)/.exec(doc.commentBefore ?? '')?.[1];
    if (source) obj.source = source;
    out.push(obj);
  }
  return out;
}

/** A deep copy, for tests that break a render on purpose. */
export function cloneObjects(objects: readonly K8sObject[]): K8sObject[] {
  return structuredClone(objects) as K8sObject[];
}
