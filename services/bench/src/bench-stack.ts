import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLocalState, type LocalState } from '@app/local';
import { freePort } from '@app/shared';
import { serviceEntry, ServiceProcess, type ServiceSpec } from '@app/testkit';

/** The compiled entry of one of the bench's own servers (the peers); works from src/ and dist/. */
export function benchServerEntry(name: string): string {
  return fileURLToPath(new URL(`../dist/servers/${name}.js`, import.meta.url));
}

/** Where the children's stdout goes (/dev/null, or one file per server under `logDir`) and extra node flags. */
export interface ServiceOutput {
  logDir?: string;
  /** Flags for node before the entry, e.g. `--cpu-prof` (applied to every process). */
  nodeArgs?: readonly string[];
}

/**
 * Starts `spec` as the bench runs every server: NODE_ENV=production unless the spec says
 * otherwise, stdout to /dev/null or the log directory (an access line per request would
 * otherwise flood the load generator), the run's node flags. Stderr is kept, so a start-up
 * failure names its reason.
 */
export function startBenchProcess(spec: ServiceSpec, output: ServiceOutput = {}): Promise<ServiceProcess> {
  return ServiceProcess.start({
    ...spec,
    env: { NODE_ENV: 'production', ...spec.env },
    stdoutFile: output.logDir ? join(output.logDir, `${spec.name}.log`) : '/dev/null',
    ...(output.nodeArgs ? { nodeArgs: output.nodeArgs } : {}),
  });
}

/** Settings every real service gets in the bench: production defaults, loopback, no drain delay. */
const SERVICE_ENV = { HOST: '127.0.0.1', SHUTDOWN_DELAY_MS: '0', AUDIENCE: 'posts' } as const;

/**
 * The processes of one bench run: the real auth (its key set and cost-10 demo users generated
 * into a temp directory, as `npm start` does), and whatever posts instances and peers the suites
 * start, each once. Everything is stopped and deleted by `stop`.
 */
export class BenchStack {
  private readonly running = new Map<string, Promise<ServiceProcess>>();
  private readonly cleanups: (() => Promise<void>)[] = [];

  private constructor(
    readonly dir: string,
    readonly state: LocalState,
    readonly issuer: string,
    private readonly authPort: number,
    private readonly output: ServiceOutput,
    private readonly logLevel: string,
  ) {}

  /** Prepares the state directory; auth starts on first use. */
  static async create(options: { logDir?: string; logLevel: string; cpuProfileDir?: string }): Promise<BenchStack> {
    const dir = await mkdtemp(join(tmpdir(), 'bench-'));
    const state = await ensureLocalState(join(dir, 'data'));
    const authPort = await freePort();
    const output: ServiceOutput = {
      ...(options.logDir ? { logDir: options.logDir } : {}),
      ...(options.cpuProfileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] } : {}),
    };
    return new BenchStack(dir, state, `http://127.0.0.1:${authPort}`, authPort, output, options.logLevel);
  }

  get jwksUrl(): string {
    return `${this.issuer}/.well-known/jwks.json`;
  }

  /** The environment of an auth process on this stack's key set (the users file unless replaced). */
  authEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...SERVICE_ENV,
      LOG_LEVEL: this.logLevel,
      ISSUER: this.issuer,
      KEYS_FILE: this.state.keysFile,
      USERS_FILE: this.state.usersFile,
      ...extra,
    };
  }

  /** The environment of a posts process trusting this stack's auth. */
  postsEnv(databaseUrl: string): Record<string, string> {
    return {
      ...SERVICE_ENV,
      LOG_LEVEL: this.logLevel,
      ISSUER: this.issuer,
      JWKS_URL: this.jwksUrl,
      DATABASE_URL: databaseUrl,
      SEED_DEMO_DATA: 'true',
    };
  }

  /** The auth service every posts instance and peer trusts (the real `main.js`). */
  auth(): Promise<ServiceProcess> {
    return this.service({
      name: 'auth',
      entry: serviceEntry('auth'),
      env: this.authEnv(),
      port: this.authPort,
    });
  }

  /** posts on an SQLite file in the stack's directory, seeded with the demo posts. */
  postsSqlite(): Promise<ServiceProcess> {
    return this.service({
      name: 'posts-sqlite',
      entry: serviceEntry('posts'),
      env: this.postsEnv(`sqlite:${join(this.dir, 'posts.sqlite')}`),
    });
  }

  /** Starts `spec` once (auth first when needed); later calls get the same process. */
  service(spec: ServiceSpec): Promise<ServiceProcess> {
    let started = this.running.get(spec.name);
    if (!started) {
      const needsAuth = spec.name !== 'auth';
      started = (needsAuth ? this.auth() : Promise.resolve()).then(() => startBenchProcess(spec, this.output));
      this.running.set(spec.name, started);
    }
    return started;
  }

  /** Starts a process that is not shared (start-up timing); the caller stops it. */
  startOnce(spec: ServiceSpec): Promise<ServiceProcess> {
    return startBenchProcess(spec, this.output);
  }

  /** Every process started through `service` that came up. */
  async processes(): Promise<ServiceProcess[]> {
    const settled = await Promise.allSettled(this.running.values());
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }

  /** Writes `value` as JSON into the stack's directory and returns the path. */
  async writeJson(name: string, value: unknown): Promise<string> {
    const path = join(this.dir, name);
    await writeFile(path, JSON.stringify(value));
    return path;
  }

  /** Runs `cleanup` when the stack stops (after the processes are gone), the last registered first. */
  onStop(cleanup: () => Promise<void>): void {
    this.cleanups.push(cleanup);
  }

  /** Stops every process, runs the clean-ups, deletes the directory. */
  async stop(): Promise<void> {
    const processes = await this.processes();
    await Promise.all(processes.filter((p) => p.name !== 'auth').map((p) => p.stop()));
    await Promise.all(processes.filter((p) => p.name === 'auth').map((p) => p.stop()));
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
