import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@app/shared';
import { cpuSeconds } from './cpu-time.js';
import { peakRssBytes } from './peak-rss.js';

/** How to start one server process. */
export interface ServiceSpec {
  /** Shown in results and error messages. */
  readonly name: string;
  /** The compiled entry module, run as `node <entry>`. */
  readonly entry: string;
  /** The whole environment of the child besides PATH, NODE_ENV and PORT (nothing is inherited). */
  readonly env: Readonly<Record<string, string>>;
  /** Polled until it answers; the services' `/readyz`, any path for the peers. */
  readonly readyPath: string;
  /** `200`: only a 200 counts as ready (the services); `any`: any HTTP answer (the peers). */
  readonly readyWhen: 200 | 'any';
  /** A port chosen beforehand (when the URL must be known to others first); a free one otherwise. */
  readonly port?: number;
}

/** A server running as its own process on loopback. */
export interface ServiceProcess {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** Milliseconds from spawn to the first ready answer. */
  readonly startupMs: number;
  /** Peak RSS so far in bytes (VmHWM), undefined after exit. */
  peakRss(): Promise<number | undefined>;
  /** CPU seconds used so far (user + system), undefined after exit. */
  cpuSeconds(): Promise<number | undefined>;
  /** SIGTERM, then SIGKILL if it has not exited within a few seconds. */
  stop(): Promise<void>;
}

/** Where the children's stdout goes (/dev/null, or one file per service under `logDir`) and extra node flags. */
export interface ServiceOutput {
  logDir?: string;
  /** Flags for node before the entry, e.g. `--cpu-prof` (applied to every process). */
  nodeArgs?: readonly string[];
}

const READY_POLL_MS = 10;
const STOP_GRACE_MS = 5_000;

// Children never outlive the bench, even when it is interrupted or crashes.
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

async function answers(url: string, when: 200 | 'any'): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await res.arrayBuffer();
    return when === 'any' || res.status === 200;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const gone = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await gone;
  clearTimeout(timer);
}

/**
 * Spawns `node <entry>` with a clean environment and waits until it answers on `readyPath`.
 * The services log at their configured level; their stdout goes to /dev/null unless a log
 * directory is given (an access line per request would otherwise flood the load generator).
 * Stderr is kept, so a start-up failure names its reason.
 */
export async function startService(spec: ServiceSpec, output: ServiceOutput = {}, timeoutMs = 30_000): Promise<ServiceProcess> {
  const port = spec.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const stdoutFd = openSync(output.logDir ? join(output.logDir, `${spec.name}.log`) : '/dev/null', 'a');
  const started = performance.now();
  const child = spawn(process.execPath, [...(output.nodeArgs ?? []), spec.entry], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_ENV: 'production', ...spec.env, PORT: String(port) },
    stdio: ['ignore', stdoutFd, 'pipe'],
  });
  closeSync(stdoutFd);
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.name}: could not spawn ${spec.entry}`);

  const deadline = started + timeoutMs;
  for (;;) {
    if (exited(child)) {
      throw new Error(`${spec.name} exited with ${child.exitCode ?? child.signalCode} before it was ready: ${stderr.trim() || '(no stderr)'}`);
    }
    if (await answers(`${url}${spec.readyPath}`, spec.readyWhen)) break;
    if (performance.now() > deadline) {
      await stopChild(child);
      throw new Error(`${spec.name} was not ready within ${timeoutMs} ms: ${stderr.trim() || '(no stderr)'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  const startupMs = performance.now() - started;
  return {
    name: spec.name,
    pid,
    url,
    startupMs,
    peakRss: () => peakRssBytes(pid),
    cpuSeconds: () => cpuSeconds(pid),
    stop: () => stopChild(child),
  };
}
