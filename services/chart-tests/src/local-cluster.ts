/**
 * Stands in for cluster networking when the rendered pods run as local processes: a Service
 * name and port resolve, through the Service's targetPort and the selected pod's container
 * port, to the loopback address of the process running that pod; URLs in env values that name
 * a Service (any in-cluster DNS form) are rewritten to that address.
 */
import { appOfService, type App } from './apps.js';
import { containerPortNumber, field, ofKind, type K8sObject } from './k8s-object.js';
import type { PodProcess } from './pod-process.js';
import { resolveServiceHost, urlPort } from './service-dns.js';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
}

/** The running pod processes of one render. */
export class LocalCluster {
  private readonly pods = new Map<App, PodProcess>();

  constructor(
    private readonly objects: readonly K8sObject[],
    private readonly namespace: string,
  ) {}

  /** Registers a started pod process. */
  add(pod: PodProcess): void {
    this.pods.set(pod.appPod.app, pod);
  }

  /** `127.0.0.1:<port>` of the process behind a Service port (by number or name). */
  address(serviceName: string, port: number | string): string {
    const svc = ofKind(this.objects, 'Service').find((s) => s.metadata.name === serviceName);
    if (!svc) throw new Error(`Service ${serviceName} is not in the render`);
    const sp = (field<ServicePort[]>(svc, 'spec', 'ports') ?? []).find((p) => p.port === port || (p.name !== undefined && p.name === port));
    if (!sp) throw new Error(`Service ${serviceName} has no port ${port}`);
    const appPod = appOfService(this.objects, svc);
    const running = appPod && this.pods.get(appPod.app);
    if (!appPod || !running) throw new Error(`Service ${serviceName} selects no running app pod`);
    const containerPort = containerPortNumber(appPod.container, sp.targetPort ?? sp.port);
    if (containerPort === undefined) throw new Error(`Service ${serviceName} port ${port} targets ${sp.targetPort}, which the pod does not declare`);
    return `127.0.0.1:${running.localPort(containerPort)}`;
  }

  /** Rewrites every env value that is a URL naming a rendered Service to the local address. */
  rewriteUrls(env: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) {
      let url: URL | undefined;
      try {
        url = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? new URL(value) : undefined;
      } catch {
        url = undefined;
      }
      const svc = url && resolveServiceHost(this.objects, this.namespace, url.hostname);
      if (url && svc) {
        url.host = this.address(svc.metadata.name, urlPort(url));
        out[name] = url.toString().replace(/\/$/, value.endsWith('/') ? '/' : '');
      } else {
        out[name] = value;
      }
    }
    return out;
  }
}
