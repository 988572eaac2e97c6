import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { childEnv, serviceEntry } from '@app/testkit';

const run = promisify(execFile);

/** Runs the built auth CLI (`auth-cli keys rotate ...`) with exactly `env` (plus PATH); resolves with its stdout. */
export async function runAuthCli(args: readonly string[], env: Readonly<Record<string, string>>): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [serviceEntry('auth', 'cli.js'), ...args], { env: childEnv(env), timeout: 60_000 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`auth-cli ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}
