/**
 * The real helm binary, run with its cache/config/data homes in a private folder so the suite
 * neither reads nor writes the user's helm state.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** What one helm invocation printed. */
export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of `helm template`. */
export interface TemplateOptions {
  valuesFiles?: readonly string[];
  /** `--set` assignments, e.g. `replicaCount=2`. */
  set?: readonly string[];
}

/** The release name and namespace every render uses, so names in checks are predictable. */
export const RELEASE = 'demo';
export const NAMESPACE = 'chart-tests';

/** A helm binary with a private home. */
export class Helm {
  constructor(
    readonly binary: string,
    private readonly home: string,
  ) {}

  /** Runs helm; never throws on a non-zero exit (tests assert helm's own messages). */
  run(args: readonly string[]): Promise<HelmResult> {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: this.home,
      HELM_CACHE_HOME: join(this.home, 'cache'),
      HELM_CONFIG_HOME: join(this.home, 'config'),
      HELM_DATA_HOME: join(this.home, 'data'),
    };
    return new Promise((resolve, reject) => {
      execFile(this.binary, args, { env, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') return reject(err);
        resolve({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr });
      });
    });
  }

  /** `helm lint --strict` of a chart with one values file (or its defaults). */
  lint(chartDir: string, valuesFile?: string): Promise<HelmResult> {
    return this.run(['lint', '--strict', chartDir, ...(valuesFile ? ['-f', valuesFile] : [])]);
  }

  /** `helm template`, tests included, with the suite's release name and namespace. */
  template(chartDir: string, options: TemplateOptions = {}): Promise<HelmResult> {
    return this.run([
      'template',
      RELEASE,
      chartDir,
      '--namespace',
      NAMESPACE,
      ...(options.valuesFiles ?? []).flatMap((f) => ['-f', f]),
      ...(options.set ?? []).flatMap((s) => ['--set', s]),
    ]);
  }

  /** Fetches a chart's dependencies (file:// ones here) into its charts/ folder. */
  async dependencyBuild(chartDir: string): Promise<void> {
    const res = await this.run(['dependency', 'build', chartDir]);
    if (res.code !== 0) throw new Error(`helm dependency build ${chartDir} failed:\n${res.stderr}`);
  }
}
