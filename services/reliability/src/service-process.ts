import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { waitForReady } from '@app/local';

/** How a service process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

const OUTPUT_LINES = 200;

/** The built entry point of a service, run as in production (`node services/<name>/dist/main.js`). */
export function serviceEntry(name: 'auth' | 'posts'): string {
  return fileURLToPath(new URL(`../../${name}/dist/main.js`, import.meta.url));
}

/**
 * One real service process on loopback. Its environment is exactly what the case gives it
 * (plus PATH), never the test runner's, so a run is reproducible from the case alone. The
 * last lines of its output are kept for failure messages.
 */
export class ServiceProcess {
  private readonly lines: string[] = [];
  readonly exited: Promise<Exit>;

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line) this.lines.push(line);
      this.lines.splice(0, Math.max(0, this.lines.length - OUTPUT_LINES));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }) as Exit);
  }

  /**
   * Starts `node services/<name>/dist/main.js` listening on 127.0.0.1:`port` and resolves once
   * `/readyz` answers 200 (or `/healthz` when `waitFor` says so); rejects with its output if it
   * exits or is not ready in time.
   */
  static async start(
    name: 'auth' | 'posts',
    port: number,
    env: Readonly<Record<string, string>>,
    options: { waitFor?: 'readyz' | 'healthz'; timeoutMs?: number } = {},
  ): Promise<ServiceProcess> {
    const child = spawn(process.execPath, [serviceEntry(name)], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'warn', ...env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(name, `http://127.0.0.1:${port}`, child);
    const probe = `${service.url}/${options.waitFor ?? 'readyz'}`;
    const died = service.exited.then((exit) => {
      throw new Error(`it exited (${exit.signal ?? exit.code}) before it was ready`);
    });
    const ready = waitForReady([probe], options.timeoutMs ?? 20_000);
    // Whichever loses the race settles later, unobserved.
    died.catch(() => undefined);
    ready.catch(() => undefined);
    try {
      await Promise.race([ready, died]);
    } catch (err) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start: ${err instanceof Error ? err.message : String(err)}\n${service.output()}`);
    }
    return service;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** True until the process has exited. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the process wrote (stdout and stderr). */
  output(): string {
    return this.lines.join('\n');
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
}
