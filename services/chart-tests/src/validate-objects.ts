/**
 * Validates rendered objects offline against the OpenAPI schemas compiled into kubernetes-models
 * 5.1.0 (Kubernetes v1.36), and CRD objects against @kubernetes-models/prometheus-operator and
 * @kubernetes-models/gateway-api. A kind with no known schema is a problem, never a silent pass.
 * Fields the schemas do not declare are reported too (see unknown-fields.ts).
 */
import { ref, type K8sObject } from './k8s-object.js';
import { UnknownFieldChecker } from './unknown-fields.js';

interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: unknown): { validate(): void };
}

/** Which package holds the models of an API group ('' is the core group). */
const PACKAGE_OF_GROUP: Record<string, string> = {
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
  'gateway.networking.k8s.io': '@kubernetes-models/gateway-api',
};

function moduleFor(apiVersion: string, kind: string): string | undefined {
  if (!/^[A-Za-z0-9]+$/.test(kind)) return undefined;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (group === '') return `kubernetes-models/${apiVersion}/${kind}`;
  const pkg = PACKAGE_OF_GROUP[group] ?? (group.endsWith('.k8s.io') || !group.includes('.') ? 'kubernetes-models' : undefined);
  return pkg ? `${pkg}/${apiVersion}/${kind}` : undefined;
}

/** Kinds whose objects are also checked for undeclared fields (the compiler pass costs seconds, so not every kind). */
const STRICT_KINDS = [
  'v1/Service',
  'v1/ServiceAccount',
  'v1/Secret',
  'v1/ConfigMap',
  'v1/PersistentVolumeClaim',
  'v1/Pod',
  'apps/v1/Deployment',
  'apps/v1/StatefulSet',
  'batch/v1/Job',
  'batch/v1/CronJob',
  'networking.k8s.io/v1/Ingress',
  'networking.k8s.io/v1/NetworkPolicy',
  'policy/v1/PodDisruptionBudget',
  'autoscaling/v2/HorizontalPodAutoscaler',
  'rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1/RoleBinding',
  'monitoring.coreos.com/v1/ServiceMonitor',
  'gateway.networking.k8s.io/v1/HTTPRoute',
];

let strict: UnknownFieldChecker | undefined;

/** The shared checker of undeclared fields for STRICT_KINDS. */
export function strictChecker(): UnknownFieldChecker {
  strict ??= new UnknownFieldChecker(
    new Map(
      STRICT_KINDS.map((key) => {
        const kind = key.slice(key.lastIndexOf('/') + 1);
        return [key, moduleFor(key.slice(0, key.lastIndexOf('/')), kind)!];
      }),
    ),
  );
  return strict;
}

const models = new Map<string, Promise<ModelClass | undefined>>();

async function loadModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const specifier = moduleFor(apiVersion, kind);
  if (!specifier) return undefined;
  const key = `${apiVersion}/${kind}`;
  let model = models.get(key);
  if (!model) {
    model = import(specifier).then(
      (mod: Record<string, unknown>) => {
        const cls = mod[kind] as ModelClass | undefined;
        return cls && cls.apiVersion === apiVersion && cls.kind === kind ? cls : undefined;
      },
      () => undefined,
    );
    models.set(key, model);
  }
  return model;
}

// The API server refuses names that are not DNS-1123 subdomains; Services (and the DNS names
// posts uses to reach auth) need a DNS-1035 label of at most 63 characters.
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function nameProblems(obj: K8sObject): string[] {
  const name = obj.metadata?.name;
  if (typeof name !== 'string' || name === '') return [`${obj.kind}: metadata.name is missing`];
  if (obj.kind === 'Service') {
    return name.length <= 63 && DNS1035_LABEL.test(name) ? [] : [`${ref(obj)}: name must be a DNS-1035 label of at most 63 characters`];
  }
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name) ? [] : [`${ref(obj)}: name must be a DNS-1123 subdomain`];
}

/** Validates every object; returns one line per problem (empty when all are valid). */
export async function validateObjects(objects: readonly K8sObject[]): Promise<string[]> {
  const problems: string[] = [];
  for (const obj of objects) {
    problems.push(...nameProblems(obj));
    const model = await loadModel(String(obj.apiVersion), String(obj.kind));
    if (!model) {
      problems.push(`${ref(obj)}: no schema known for ${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    const { source: _source, ...data } = obj;
    try {
      new model(data).validate();
    } catch (err) {
      problems.push(`${ref(obj)}: ${(err as Error).message}`);
    }
    problems.push(...strictChecker().unknownFields(obj));
  }
  return problems;
}
