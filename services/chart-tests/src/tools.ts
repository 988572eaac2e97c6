/**
 * Finds the external binaries the chart suite drives. In CI a missing tool is an error, never a
 * skip; on a developer's machine helm is fetched by ensure-tools.sh (the npm registry is
 * reachable) and a missing nginx skips only the test that needs it, with the reason.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { ENSURE_TOOLS, TOOLS_HELM, TOOLS_HELM3 } from './repo-paths.js';

const run = promisify(execFile);

/** A tool's path, or why it is unavailable. */
export type Tool = { path: string; missing?: undefined } | { path?: undefined; missing: string };

/** True when running under CI (CI=true, as .ci/run and GitHub Actions set it). */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env.CI ?? '').toLowerCase();
  return v !== '' && v !== 'false' && v !== '0';
}

/** A helm binary and the version it reports, or why it is unavailable. */
export type HelmTool = ({ path: string; version: string } & { missing?: undefined }) | { path?: undefined; version?: undefined; missing: string };

/** The major version of a helm `{{.Version}}`, e.g. 4 for v4.1.4 (0 when unknown). */
export function helmMajor(version: string | undefined): number {
  return Number(/^v(\d+)\./.exec(version ?? '')?.[1] ?? 0);
}

async function helmAt(label: string, path: string, majors: readonly number[], setupFailure: string): Promise<HelmTool> {
  try {
    const { stdout } = await run(path, ['version', '--template', '{{.Version}}']);
    const version = stdout.trim();
    if (majors.includes(helmMajor(version))) return { path, version };
    return { missing: `${label} unavailable: ${path} is ${version}, not v${majors.join(' or v')}` };
  } catch {
    return { missing: `${label} unavailable: ${setupFailure || `${path} does not run`}` };
  }
}

/**
 * helm (v3/v4 from PATH, or v4 from the pinned npm layer) and helm3 (a Helm 3 from PATH or the
 * pinned v3 layer) via ensure-tools.sh, each checked by running it.
 */
export async function findHelms(): Promise<{ helm: HelmTool; helm3: HelmTool }> {
  let failure = '';
  try {
    await run('bash', [ENSURE_TOOLS], { timeout: 300_000 });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    failure = `${ENSURE_TOOLS} failed${stderr ? `: ${stderr}` : ''}`;
  }
  const [helm, helm3] = await Promise.all([helmAt('helm', TOOLS_HELM, [3, 4], failure), helmAt('helm 3', TOOLS_HELM3, [3], failure)]);
  return { helm, helm3 };
}

/** A binary from PATH or the sbin folders a non-root PATH may lack, if `<binary> <versionFlag>` runs. */
export async function findBinary(name: string, versionFlag: string, installHint: string, env: NodeJS.ProcessEnv = process.env): Promise<Tool> {
  const dirs = [...(env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      await run(candidate, [versionFlag]);
      return { path: candidate };
    } catch {
      // not here
    }
  }
  return { missing: `${name} is not installed (${installHint})` };
}

/** nginx (Debian's nginx-light), which the manifest-driven run puts in front of the services. */
export function findNginx(env: NodeJS.ProcessEnv = process.env): Promise<Tool> {
  return findBinary('nginx', '-v', 'apt-get install -y nginx-light', env);
}

/** Applies the CI policy: in CI a missing tool throws, elsewhere it is reported for a skip. */
export function requireInCi<T extends { missing?: string | undefined }>(name: string, tool: T, env: NodeJS.ProcessEnv = process.env): T {
  if (tool.missing !== undefined && inCi(env)) {
    throw new Error(`${name} is required when CI is set: ${tool.missing}`);
  }
  return tool;
}
