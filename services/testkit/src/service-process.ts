import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { freePort } from '@app/shared';
import { childEnv } from './child-env.js';
import { now, sleep, waitFor } from './clock.js';
import { cpuSeconds } from './cpu-seconds.js';
import { memoryBytes } from './memory-bytes.js';

/** How a process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** How to start one server process. */
export interface ServiceSpec {
  /** Shown in results and error messages. */
  readonly name: string;
  /** The compiled entry module, run as `node <entry>`. */
  readonly entry: string;
  /** The whole environment of the child besides PATH and PORT: nothing of this process's is inherited. */
  readonly env: Readonly<Record<string, string>>;
  /** A port chosen beforehand (the URL must be known to others first, or a restart keeps it); a free one otherwise. */
  readonly port?: number;
  /** Polled until it answers; `/readyz` unless told (`/healthz`, any path of a server without probes). */
  readonly readyPath?: string;
  /** `200` (the default): only a 200 counts as ready; `any`: any HTTP answer does. */
  readonly readyWhen?: 200 | 'any';
  /** Flags for node before the entry, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  /**
   * A file stdout is appended to (`/dev/null` drops it): a server that logs a line per request
   * would otherwise make this process read every line under load. Without it, stdout joins
   * stderr in the output tail.
   */
  readonly stdoutFile?: string;
  /** How long it may take to become ready. */
  readonly readyTimeoutMs?: number;
}

const OUTPUT_LINES = 200;
const LINE_CHARS = 4_000;
// Fine enough for start-up times in milliseconds; a refused connection costs next to nothing.
const READY_POLL_MS = 10;

// Children never outlive this process, even when it is interrupted or crashes.
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

/**
 * A server running as its own process on loopback (`node <entry>`, as in production). Its
 * environment is exactly its spec's, so a run is reproducible from the spec alone; the last
 * lines it wrote are kept for failure messages.
 */
export class ServiceProcess {
  readonly exited: Promise<Exit>;
  /** Exited, and its output pipes drained. */
  private readonly closed: Promise<void>;
  private readonly lines: string[] = [];
  private readonly partial = new Map<Readable, string>();
  private readyAfterMs = Number.NaN;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    live.add(child);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        live.delete(child);
        resolve({ code, signal });
      });
    });
    this.closed = new Promise((resolve) => child.once('close', () => resolve()));
    child.on('error', (err) => this.lines.push(`[spawn] ${err.message}`));
    for (const stream of [child.stdout, child.stderr]) stream?.setEncoding('utf8').on('data', (chunk: string) => this.keep(stream, chunk));
  }

  /**
   * Spawns `spec` and resolves once `readyPath` answers as `readyWhen` asks; rejects with the
   * output tail if the process exits first or is not ready in time (and kills it then).
   */
  static async start(spec: ServiceSpec): Promise<ServiceProcess> {
    const port = spec.port ?? (await freePort());
    const stdout = spec.stdoutFile === undefined ? 'pipe' : openSync(spec.stdoutFile, 'a');
    const started = now();
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.entry], {
        env: { ...childEnv(spec.env), PORT: String(port) },
        stdio: ['ignore', stdout, 'pipe'],
      });
    } finally {
      if (typeof stdout === 'number') closeSync(stdout);
    }
    const service = new ServiceProcess(spec.name, port, child);
    const readyUrl = `${service.url}${spec.readyPath ?? '/readyz'}`;
    const when = spec.readyWhen ?? 200;
    try {
      if (child.pid === undefined) throw new Error(`could not spawn ${spec.entry}`);
      await waitFor(`${readyUrl} to answer${when === 200 ? ' 200' : ''}`, spec.readyTimeoutMs ?? 30_000, async () => {
        if (!service.alive) throw new Error(`it exited with ${child.exitCode ?? child.signalCode} before it was ready`);
        return (await answers(readyUrl, when)) || undefined;
      }, READY_POLL_MS);
    } catch (err) {
      if (child.pid !== undefined) {
        if (service.alive) child.kill('SIGKILL');
        // Its last words may still be in the pipes when it has exited.
        await Promise.race([service.closed, sleep(1_000)]);
      }
      throw new Error(`${spec.name} did not start: ${err instanceof Error ? err.message : String(err)}\n${service.output() || '(no output)'}`);
    }
    service.readyAfterMs = now() - started;
    return service;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** Milliseconds from spawn to the first ready answer. */
  get startupMs(): number {
    return this.readyAfterMs;
  }

  /** True until the process has exited. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the process wrote (stderr, and stdout unless it went to a file). */
  output(): string {
    return [...this.lines, ...[...this.partial.values()].filter(Boolean)].slice(-OUTPUT_LINES).join('\n');
  }

  /** Sends `signal` (SIGKILL to crash it, SIGTERM for a graceful shutdown). */
  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Ends the process if it still runs: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<Exit> {
    if (this.alive) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exited;
  }

  /** Resident set size now in bytes (VmRSS), undefined after exit. */
  rss(): Promise<number | undefined> {
    return memoryBytes(this.pid, 'VmRSS');
  }

  /** Peak resident set size so far in bytes (VmHWM), undefined after exit. */
  peakRss(): Promise<number | undefined> {
    return memoryBytes(this.pid, 'VmHWM');
  }

  /** CPU seconds used so far (user + system), undefined after exit. */
  cpuSeconds(): Promise<number | undefined> {
    return cpuSeconds(this.pid);
  }

  private keep(stream: Readable, chunk: string): void {
    const parts = ((this.partial.get(stream) ?? '') + chunk).split('\n');
    this.partial.set(stream, parts.pop()!.slice(-LINE_CHARS));
    for (const line of parts) if (line) this.lines.push(line.slice(0, LINE_CHARS));
    this.lines.splice(0, Math.max(0, this.lines.length - OUTPUT_LINES));
  }
}
