/**
 * "Works with Helm 3 and Helm 4", proven: the global setup renders every chart x values case with
 * both (helm 3 builds the umbrella's dependencies itself), and each helm 3 render must equal the
 * helm 4 render apart from what the charts generate at random (generated-material.ts). Lint and
 * the bad-values cases run with both helms in helm-lint.test.ts and values-schema.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { caseName } from './chart-matrix.js';
import { maskGenerated } from './generated-material.js';
import { field } from './k8s-object.js';
import { cloneObjects, parseManifest } from './manifest.js';
import { renderOf, suite } from './test-context.js';
import { find } from './test-mutate.js';
import { helmMajor } from './tools.js';

const s = suite();
const helm4 = helmMajor(s.helmVersion ?? undefined) === 4;
const why = s.helm3Missing ?? s.helmMissing ?? (helm4 ? '' : `(helm is ${s.helmVersion}, not Helm 4)`);
const pairs = s.renders.map((r4) => [caseName(r4), r4, s.helm3Renders.find((r3) => caseName(r3) === caseName(r4))] as const);

describe.skipIf(!s.helm3 || !helm4)(`helm 3 (${s.helm3Version}) renders like helm 4 (${s.helmVersion}) ${why}`, () => {
  it('renders the same cases', () => {
    expect(s.helm3Renders.map(caseName)).toEqual(s.renders.map(caseName));
    expect(pairs.length).toBeGreaterThanOrEqual(10);
  });

  it.each(pairs)('%s', (_name, r4, r3) => {
    expect(r4.code, r4.stderr).toBe(0);
    expect(r3?.code, r3?.stderr).toBe(0);
    expect(maskGenerated(parseManifest(r3!.stdout))).toEqual(maskGenerated(parseManifest(r4.stdout)));
  });
});

describe.skipIf(!s.helm)(`masking generated material hides nothing else ${s.helmMissing ?? ''}`, () => {
  const ha = () => renderOf({ chart: 'no-shared-secret', values: 'kind-ha-values.yaml' }).objects;
  const data = (objects: ReturnType<typeof ha>, name: string) => field<Record<string, string>>(find(objects, 'Secret', name), 'data')!;

  it('masks the key set, the database password and checksums, and keeps the rest', () => {
    const masked = maskGenerated(ha());
    expect(data(masked, 'demo-auth-keys')['keys.json']).toBe('<generated key set [{"alg":"RS256","retiring":false,"privateKey":"RSA PRIVATE KEY"}]>');
    expect(data(masked, 'demo-posts-postgresql').url).toBe('postgres://posts:<generated password>@demo-posts-postgresql:5432/posts');
    expect(field(find(masked, 'Deployment', 'demo-posts'), 'spec', 'template', 'metadata', 'annotations', 'checksum/database')).toBe('<sha256>');
    expect(data(masked, 'demo-auth-users')['users.yaml']).toContain('username: jack');
  });

  it.each([
    ['a label', (o: ReturnType<typeof ha>) => (find(o, 'Service', 'demo-auth').metadata.labels!['app.kubernetes.io/version'] = '9.9.9')],
    ['the database host', (o: ReturnType<typeof ha>) => (data(o, 'demo-posts-postgresql').url = Buffer.from('postgres://posts:x@elsewhere:5432/posts').toString('base64'))],
    [
      'a second key in the key set',
      (o: ReturnType<typeof ha>) => {
        const d = data(o, 'demo-auth-keys');
        const set = JSON.parse(Buffer.from(d['keys.json']!, 'base64').toString('utf8')) as { keys: { kid: string }[] };
        set.keys.push({ ...set.keys[0]!, kid: 'another' });
        d['keys.json'] = Buffer.from(JSON.stringify(set)).toString('base64');
      },
    ],
  ])('still tells renders apart by %s', (_what, change) => {
    const base = ha();
    const changed = cloneObjects(base);
    change(changed);
    expect(maskGenerated(changed)).not.toEqual(maskGenerated(base));
  });
});
