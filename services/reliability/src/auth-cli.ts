import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../auth/dist/cli.js', import.meta.url));

/** Runs the built auth CLI (`auth-cli keys rotate ...`) with exactly `env` (plus PATH); resolves with its stdout. */
export async function runAuthCli(args: readonly string[], env: Readonly<Record<string, string>>): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, timeout: 60_000 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`auth-cli ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}
