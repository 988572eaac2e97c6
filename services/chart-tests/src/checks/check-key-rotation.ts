/**
 * The key rotation CronJob gives its script what the script reads: the command runs a script a
 * ConfigMap mount provides; every variable the script requires is set and every variable set is
 * read by the script or by auth-cli (authConfigSchema), with the CLI's timings equal to the
 * Deployment's; the work dir is memory-backed (private keys never reach the node's disk); the
 * service account dir holds a projected token and the cluster CA, and no other token is mounted;
 * SECRET_NAME/SECRET_KEY are the Secret and key auth reads its key set from; and a Role lets the
 * job's ServiceAccount get and patch that Secret, nothing more. The script's own variables are
 * read from the script text the ConfigMap carries, so a renamed variable shows up here.
 */
import { posix } from 'node:path';
import { authConfigSchema } from '@app/auth';
import { appPods } from '../apps.js';
import { field, ofKind, podTemplates, ref, type IContainer, type IPodSpec, type K8sObject, type Render } from '../k8s-object.js';
import { configData, containerEnv, envMap } from '../pod-env.js';

/** The label value that marks the rotation CronJob's pods (charts/auth key-rotation-cronjob.yaml). */
export const KEY_ROTATION_COMPONENT = 'key-rotation';

/** The variables auth-cli's `keys rotate` reads, which must match what the running pods enforce. */
const CLI_TIMINGS = ['ACCESS_TOKEN_TTL', 'JWKS_MAX_AGE', 'CLOCK_SKEW_SECONDS'] as const;

/** What a script reads from its environment: `env('NAME')`, `env('NAME', 'default')`, `process.env.NAME`. */
export function scriptEnv(text: string): { required: string[]; defaults: Record<string, string>; optional: string[] } {
  const required: string[] = [];
  const defaults: Record<string, string> = {};
  for (const m of text.matchAll(/\benv\('([A-Z0-9_]+)'(?:,\s*'([^']*)')?\)/g)) {
    if (m[2] === undefined) required.push(m[1]!);
    else defaults[m[1]!] = m[2];
  }
  const optional = [...text.matchAll(/process\.env\.([A-Z0-9_]+)/g)].map((m) => m[1]!);
  return { required, defaults, optional };
}

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs?: string[];
}

/** The mount whose path holds `path` (longest match), with its volume. */
function mountOf(spec: IPodSpec, container: IContainer, path: string) {
  const mount = (container.volumeMounts ?? [])
    .filter((m) => path === m.mountPath || path.startsWith(`${m.mountPath.replace(/\/+$/, '')}/`))
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
  const volume = (spec.volumes ?? []).find((v) => v.name === mount?.name);
  return mount && volume ? { mount, volume } : undefined;
}

/** The Secret and key the auth Deployment mounts at the folder of KEYS_FILE. */
function authKeySource(objects: readonly K8sObject[]): { secret?: string; key?: string } {
  const auth = appPods(objects).find((p) => p.app === 'auth' && p.pod.owner.kind === 'Deployment');
  if (!auth) return {};
  const keysFile = envMap(containerEnv(auth.container, objects)).KEYS_FILE ?? '';
  const found = mountOf(auth.pod.spec, auth.container, keysFile);
  const item = found?.volume.secret?.items?.find((i) => posix.join(found.mount.mountPath, i.path) === keysFile);
  return { secret: found?.volume.secret?.secretName, key: item?.key };
}

function rbacProblems(objects: readonly K8sObject[], namespace: string, serviceAccount: string, secret: string): string[] {
  const bound = ofKind(objects, 'RoleBinding').filter((b) =>
    (field<{ kind: string; name: string; namespace?: string }[]>(b, 'subjects') ?? []).some(
      (s) => s.kind === 'ServiceAccount' && s.name === serviceAccount && (s.namespace ?? namespace) === namespace,
    ),
  );
  const rules = bound.flatMap((b) => {
    const role = ofKind(objects, field<string>(b, 'roleRef', 'kind') ?? 'Role').find((r) => r.metadata.name === field<string>(b, 'roleRef', 'name'));
    return field<Rule[]>(role, 'rules') ?? [];
  });
  const problems: string[] = [];
  const onSecret = (r: Rule) => (r.apiGroups ?? []).includes('') && (r.resources ?? []).includes('secrets');
  for (const verb of ['get', 'patch']) {
    if (!rules.some((r) => onSecret(r) && (r.resourceNames ?? []).includes(secret) && (r.verbs ?? []).includes(verb))) {
      problems.push(`ServiceAccount/${serviceAccount} may not ${verb} Secret/${secret}`);
    }
  }
  for (const r of rules) {
    const broader = !onSecret(r) || (r.resources ?? []).length !== 1 || (r.resourceNames ?? []).join() !== secret || (r.verbs ?? []).some((v) => !['get', 'patch'].includes(v));
    if (broader) problems.push(`ServiceAccount/${serviceAccount} has a rule beyond get/patch on Secret/${secret}: ${JSON.stringify(r)}`);
  }
  return problems;
}

function jobProblems(job: K8sObject, spec: IPodSpec, objects: readonly K8sObject[], namespace: string): string[] {
  const where = ref(job);
  const container = spec.containers[0]!;
  const [runner, script] = [...(container.command ?? []), ...(container.args ?? [])];
  const scriptMount = script ? mountOf(spec, container, script) : undefined;
  const configMap = scriptMount?.volume.configMap?.name;
  const text = configMap && script ? configData(objects, 'ConfigMap', configMap)?.[posix.relative(scriptMount.mount.mountPath, script)] : undefined;
  if (runner !== 'node' || text === undefined) return [`${where}: command ${[runner, script].join(' ')} does not run a script from a rendered ConfigMap with node`];

  const problems: string[] = [];
  const reads = scriptEnv(text);
  const env = envMap(containerEnv(container, objects, { 'metadata.namespace': namespace }));
  for (const name of reads.required) if (env[name] === undefined) problems.push(`${where}: env ${name}, which the script requires, is not set`);
  for (const name of Object.keys(env)) {
    const read = reads.required.includes(name) || Object.hasOwn(reads.defaults, name) || reads.optional.includes(name);
    if (!read && !Object.hasOwn(authConfigSchema, name)) problems.push(`${where}: env ${name} is read by neither the script nor auth-cli`);
  }
  if (env.NAMESPACE !== undefined && env.NAMESPACE !== namespace) problems.push(`${where}: NAMESPACE ${env.NAMESPACE} is not the release namespace ${namespace}`);

  const auth = appPods(objects).find((p) => p.app === 'auth' && p.pod.owner.kind === 'Deployment');
  const authEnv = auth ? envMap(containerEnv(auth.container, objects)) : {};
  for (const name of CLI_TIMINGS) {
    if (env[name] !== authEnv[name]) problems.push(`${where}: ${name} ${env[name] ?? '(unset)'} differs from the auth Deployment's ${authEnv[name] ?? '(unset)'}`);
  }

  const work = env.WORK_DIR === undefined ? undefined : mountOf(spec, container, env.WORK_DIR);
  if (!work || work.mount.mountPath !== env.WORK_DIR || work.volume.emptyDir?.medium !== 'Memory') {
    problems.push(`${where}: WORK_DIR ${env.WORK_DIR ?? '(unset)'} is not a memory-backed emptyDir mount, so private keys would reach the node's disk`);
  }

  const saDir = env.SERVICE_ACCOUNT_DIR ?? reads.defaults.SERVICE_ACCOUNT_DIR ?? '';
  const sa = mountOf(spec, container, saDir);
  const sources = sa?.mount.mountPath === saDir ? (sa.volume.projected?.sources ?? []) : [];
  const files = sources.flatMap((s) => (s.serviceAccountToken ? [s.serviceAccountToken.path] : (s.configMap?.items ?? s.secret?.items ?? []).map((i) => i.path)));
  if (!sources.some((s) => s.serviceAccountToken?.path === 'token') || !files.includes('ca.crt')) {
    problems.push(`${where}: ${saDir} is not a projected volume with a service account token and ca.crt`);
  }
  if (spec.automountServiceAccountToken !== false) problems.push(`${where}: automountServiceAccountToken must be false (the job projects its own short-lived token)`);

  const keys = authKeySource(objects);
  if (env.SECRET_NAME !== keys.secret) problems.push(`${where}: SECRET_NAME ${env.SECRET_NAME ?? '(unset)'} is not the Secret auth reads its key set from (${keys.secret ?? 'none'})`);
  if (env.SECRET_KEY !== keys.key) problems.push(`${where}: SECRET_KEY ${env.SECRET_KEY ?? '(unset)'} is not the key auth reads its key set from (${keys.key ?? 'none'})`);
  problems.push(...rbacProblems(objects, namespace, spec.serviceAccountName ?? 'default', env.SECRET_NAME ?? '').map((p) => `${where}: ${p}`));
  return problems;
}

/** Problems with the key rotation CronJob of a render (none when the render has no such job). */
export function checkKeyRotation({ objects, namespace }: Render): string[] {
  return podTemplates(ofKind(objects, 'CronJob'))
    .filter((p) => p.labels['app.kubernetes.io/component'] === KEY_ROTATION_COMPONENT)
    .flatMap((p) => jobProblems(p.owner, p.spec, objects, namespace));
}
