/**
 * posts finds auth's keys in-cluster: JWKS_URL's host is the auth Service's DNS name in the
 * release namespace, its port one that Service exposes, its path /.well-known/jwks.json; and
 * posts accepts what auth issues (same ISSUER, same AUDIENCE).
 */
import { APP_SCHEMAS, appOfService, appPods, type AppPod } from '../apps.js';
import { field, ref, type K8sObject, type Render } from '../k8s-object.js';
import { containerEnv, envMap } from '../pod-env.js';
import { resolveServiceHost, urlPort } from '../service-dns.js';

const JWKS_PATH = '/.well-known/jwks.json';

function envOf(appPod: AppPod, objects: readonly K8sObject[]): Record<string, string> {
  return envMap(containerEnv(appPod.container, objects));
}

/** Problems with how posts reaches and trusts auth in a render. */
export function checkJwksUrl({ objects, namespace }: Render): string[] {
  const problems: string[] = [];
  const pods = appPods(objects);
  const auth = pods.find((p) => p.app === 'auth');
  for (const posts of pods.filter((p) => p.app === 'posts')) {
    const where = `${ref(posts.pod.owner)} container ${posts.container.name}`;
    const env = envOf(posts, objects);
    if (auth) {
      const authEnv = envOf(auth, objects);
      for (const name of ['ISSUER', 'AUDIENCE'] as const) {
        // An unset variable is the service's own default (auth derives its ISSUER only locally).
        const mine = env[name] ?? APP_SCHEMAS.posts[name].default;
        const theirs = authEnv[name] ?? APP_SCHEMAS.auth[name].default;
        if (mine !== theirs) problems.push(`${where}: ${name} ${mine} differs from auth's ${theirs}`);
      }
    }
    const raw = env.JWKS_URL;
    if (raw === undefined) {
      if (auth) problems.push(`${where}: JWKS_URL is not set (it must name the auth Service in-cluster)`);
      continue;
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      problems.push(`${where}: JWKS_URL ${raw} is not a URL`);
      continue;
    }
    if (url.pathname !== JWKS_PATH) problems.push(`${where}: JWKS_URL path ${url.pathname} is not ${JWKS_PATH}`);
    if (!auth) continue; // standalone posts chart: auth is another release
    const svc = resolveServiceHost(objects, namespace, url.hostname);
    if (!svc || appOfService(objects, svc)?.app !== 'auth') {
      problems.push(`${where}: JWKS_URL host ${url.hostname} is not the auth Service (in namespace ${namespace})`);
      continue;
    }
    const ports = (field<{ port: number }[]>(svc, 'spec', 'ports') ?? []).map((p) => p.port);
    if (!ports.includes(urlPort(url))) {
      problems.push(`${where}: JWKS_URL port ${urlPort(url)} is not exposed by ${ref(svc)} (${ports.join(', ')})`);
    }
  }
  return problems;
}
