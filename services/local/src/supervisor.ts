import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** One service process the launcher runs. */
export interface ServiceSpec {
  readonly name: string;
  readonly entry: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Runs each service as its own process (as in production) and stops them together: the first
 * SIGINT/SIGTERM is forwarded as SIGTERM to every child; if one child dies on its own, the others
 * are stopped too. Resolves with the exit code the launcher should use.
 */
export async function supervise(specs: readonly ServiceSpec[], log: (line: string) => void): Promise<number> {
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const stopAll = (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${why})`);
    for (const child of children.values()) if (child.exitCode === null) child.kill('SIGTERM');
  };

  const exits = specs.map(async (spec) => {
    // Own process group: a terminal's Ctrl-C reaches the launcher only, which forwards one SIGTERM.
    const child = spawn(process.execPath, [spec.entry], { env: spec.env, stdio: 'inherit', detached: true });
    children.set(spec.name, child);
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    if (!stopping) stopAll(`${spec.name} exited with ${signal ?? code}`);
    return stopping && signal === 'SIGTERM' ? 0 : (code ?? 1);
  });

  const onSignal = (signal: NodeJS.Signals) => stopAll(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Never leave children behind, even on an unexpected launcher exit.
  process.on('exit', () => {
    for (const child of children.values()) if (child.exitCode === null) child.kill('SIGKILL');
  });

  const codes = await Promise.all(exits);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  return Math.max(0, ...codes);
}
