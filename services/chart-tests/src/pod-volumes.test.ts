import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { K8sObject } from './k8s-object.js';
import { layOutMounts, remapPaths } from './pod-volumes.js';

describe('remapPaths', () => {
  const mounts = new Map([
    ['/data', '/tmp/pod/data'],
    ['/etc/auth/keys', '/tmp/pod/etc/auth/keys'],
  ]);

  it.each([
    ['/data', '/tmp/pod/data'],
    ['/data/posts.sqlite', '/tmp/pod/data/posts.sqlite'],
    ['sqlite:/data/posts.sqlite', 'sqlite:/tmp/pod/data/posts.sqlite'],
    ['/etc/auth/keys/keys.json', '/tmp/pod/etc/auth/keys/keys.json'],
    ['/database', '/database'],
    ['http://demo-auth:4000/data', 'http://demo-auth:4000/data'],
    ['info', 'info'],
  ])('maps %s to %s', (value, expected) => {
    expect(remapPaths(value, mounts)).toBe(expected);
  });
});

describe('layOutMounts', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('writes Secret items with their mode, an emptyDir, and a subPath file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mounts-'));
    dirs.push(root);
    const objects: K8sObject[] = [
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { 'a.json': Buffer.from('{"a":1}').toString('base64') }, stringData: { b: 'plain' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'app.conf': 'x=1' } },
    ];
    const mounts = await layOutMounts(
      {
        containers: [],
        volumes: [
          { name: 'secret', secret: { secretName: 's', defaultMode: 0o440, items: [{ key: 'a.json', path: 'sub/a.json' }] } },
          { name: 'tmp', emptyDir: {} },
          { name: 'conf', configMap: { name: 'c' } },
        ],
      },
      {
        name: 'app',
        volumeMounts: [
          { name: 'secret', mountPath: '/etc/s' },
          { name: 'tmp', mountPath: '/tmp' },
          { name: 'conf', mountPath: '/etc/app.conf', subPath: 'app.conf' },
        ],
      },
      objects,
      root,
    );
    expect([...mounts.keys()]).toEqual(['/etc/s', '/tmp', '/etc/app.conf']);
    expect(await readFile(join(root, 'etc/s/sub/a.json'), 'utf8')).toBe('{"a":1}');
    expect((await stat(join(root, 'etc/s/sub/a.json'))).mode & 0o777).toBe(0o440);
    expect((await stat(join(root, 'tmp'))).isDirectory()).toBe(true);
    expect(await readFile(join(root, 'etc/app.conf'), 'utf8')).toBe('x=1');
  });

  it('refuses a volume whose Secret is not in the render', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mounts-'));
    dirs.push(root);
    await expect(
      layOutMounts({ containers: [], volumes: [{ name: 'k', secret: { secretName: 'external' } }] }, { name: 'app', volumeMounts: [{ name: 'k', mountPath: '/k' }] }, [], root),
    ).rejects.toThrow('volume k: Secret/external is not in the render');
  });

  it('writes a projected service account token only when the caller provides the one the kubelet would', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mounts-'));
    dirs.push(root);
    const spec = {
      containers: [],
      volumes: [{ name: 'api', projected: { defaultMode: 0o440, sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 900 } }, { configMap: { name: 'ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }] } }],
    };
    const app = { name: 'app', volumeMounts: [{ name: 'api', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] };
    const objects: K8sObject[] = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ca' }, data: { 'ca.crt': 'CA' } }];
    await expect(layOutMounts(spec, app, objects, join(root, 'none'))).rejects.toThrow('volume api: a service account token comes from the kubelet, none was provided');
    await layOutMounts(spec, app, objects, root, { serviceAccountToken: 'tok' });
    const dir = join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
    expect([await readFile(join(dir, 'token'), 'utf8'), await readFile(join(dir, 'ca.crt'), 'utf8')]).toEqual(['tok', 'CA']);
    expect((await stat(join(dir, 'token'))).mode & 0o777).toBe(0o440);
  });
});
