import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ENSURE_TOOLS, REPO_ROOT, TOOLS_HELM, TOOLS_HELM3 } from './repo-paths.js';
import { suite } from './test-context.js';
import { findBinary, requireInCi } from './tools.js';

const run = promisify(execFile);
const s = suite();
const shellcheck = requireInCi('shellcheck', await findBinary('shellcheck', '--version', 'apt-get install -y shellcheck'));
const scriptsDir = join(REPO_ROOT, 'k8s/scripts');
const scripts = readdirSync(scriptsDir).filter((f) => f.endsWith('.sh'));

describe.skipIf(!s.helm || !s.helm3)(`ensure-tools.sh ${s.helmMissing ?? s.helm3Missing ?? ''}`, () => {
  it('is silent and idempotent once the tools are there, and leaves a helm v3 or v4 and a helm3 v3', async () => {
    const { stdout, stderr } = await run('bash', [ENSURE_TOOLS]);
    expect({ stdout, stderr }).toEqual({ stdout: '', stderr: '' });
    const version = await run(TOOLS_HELM, ['version', '--template', '{{.Version}}']);
    expect(version.stdout).toMatch(/^v[34]\./);
    const helm3 = await run(TOOLS_HELM3, ['version', '--template', '{{.Version}}']);
    expect(helm3.stdout).toMatch(/^v3\./);
    const kubectl = await run(join(REPO_ROOT, '.tools/bin/kubectl'), ['version', '--client']);
    expect(kubectl.stdout).toMatch(/Client Version: v1\./);
  });
});

describe.skipIf(!shellcheck.path)(`the k8s scripts pass shellcheck ${shellcheck.missing ?? ''}`, () => {
  it.each(scripts)('%s', async (script) => {
    const res = await run(shellcheck.path!, ['--severity=style', join(scriptsDir, script)]).catch((err: { stdout: string; code: number }) => err);
    expect('code' in res ? res.stdout : '').toBe('');
  });
});
