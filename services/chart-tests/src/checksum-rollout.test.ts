/**
 * The checksum annotations do their job: a change to a start-up Secret (auth's users) changes
 * auth's pod template, so `helm upgrade` rolls the pods; and two renders of the same values give
 * identical pod templates, although the key set is random under `helm template` (auth
 * hot-reloads keys, so they are deliberately not checksummed and must not roll pods).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashPassword } from '@app/auth';
import { describe, expect, it } from 'vitest';
import { field, type K8sObject } from './k8s-object.js';
import { renderKindWith, renderOf, suite } from './test-context.js';
import { find } from './test-mutate.js';

const s = suite();

const render = async (...valuesFiles: string[]): Promise<K8sObject[]> => (await renderKindWith({ valuesFiles })).objects;

const template = (objects: K8sObject[], name: string) => field<{ metadata: { annotations: Record<string, string> } }>(find(objects, 'Deployment', name), 'spec', 'template')!;

describe.skipIf(!s.helm)(`checksum annotations roll pods on config changes only ${s.helmMissing ?? ''}`, () => {
  it('renders identical pod templates twice, though the generated key set differs', async () => {
    const first = renderOf({ chart: 'no-shared-secret', values: 'kind-values.yaml' }).objects;
    const second = await render();
    expect(find(second, 'Secret', 'demo-auth-keys')).not.toEqual(find(first, 'Secret', 'demo-auth-keys'));
    for (const name of ['demo-auth', 'demo-posts']) expect(template(second, name)).toEqual(template(first, name));
  });

  it("changes only auth's checksum/users when a user is added", async () => {
    const file = join(s.work, 'extra-user-values.yaml');
    const hash = await hashPassword('eve_password');
    await writeFile(file, `auth:\n  users:\n    list:\n      - username: eve\n        hash: "${hash}"\n`);
    const before = renderOf({ chart: 'no-shared-secret', values: 'kind-values.yaml' }).objects;
    const after = await render(file);
    const a = template(before, 'demo-auth');
    const b = template(after, 'demo-auth');
    expect(b.metadata.annotations['checksum/users']).toMatch(/^[0-9a-f]{64}$/);
    expect(b.metadata.annotations['checksum/users']).not.toBe(a.metadata.annotations['checksum/users']);
    expect({ ...b, metadata: { ...b.metadata, annotations: { ...b.metadata.annotations, 'checksum/users': 'x' } } }).toEqual({
      ...a,
      metadata: { ...a.metadata, annotations: { ...a.metadata.annotations, 'checksum/users': 'x' } },
    });
    expect(template(after, 'demo-posts')).toEqual(template(before, 'demo-posts'));
  });
});
