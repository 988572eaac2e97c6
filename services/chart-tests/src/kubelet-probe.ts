/**
 * Runs an httpGet probe as the kubelet does: GET http://<pod>:<port><path> with the probe's
 * headers, success for a status from 200 to 399, failure on timeout. The period is compressed
 * (the kubelet waits periodSeconds between tries; a test need not).
 */
import { request } from 'node:http';
import type { IProbe } from 'kubernetes-models/v1/Probe';

/** One probe attempt; resolves to the status code, or 0 when there was no answer in time. */
export function probeOnce(probe: IProbe, host: string, port: number): Promise<number> {
  const get = probe.httpGet;
  if (!get) return Promise.reject(new Error('only httpGet probes can be run'));
  const headers = Object.fromEntries((get.httpHeaders ?? []).map((h) => [h.name, h.value]));
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  return new Promise((resolve) => {
    const req = request({ host, port, path: get.path ?? '/', method: 'GET', headers: { 'user-agent': 'kube-probe/1.36', ...headers }, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** True for the status codes the kubelet counts as success. */
export function probeSucceeded(status: number): boolean {
  return status >= 200 && status < 400;
}

/** Probes until success; rejects after `timeoutMs` or as soon as `stillRunning` says no. */
export async function waitForProbe(
  probe: IProbe,
  host: string,
  port: number,
  options: { timeoutMs: number; intervalMs?: number; stillRunning?: () => boolean },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 0;
  for (;;) {
    if (options.stillRunning && !options.stillRunning()) throw new Error('the process exited before its probe succeeded');
    last = await probeOnce(probe, host, port);
    if (probeSucceeded(last)) return;
    if (Date.now() > deadline) throw new Error(`probe GET ${probe.httpGet?.path} on port ${port} failed for ${options.timeoutMs} ms (last status ${last || 'no answer'})`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}
