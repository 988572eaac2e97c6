/**
 * Runs the real nginx in the foreground with a generated configuration under a temp prefix, on
 * a free loopback port, logging to stderr; `stop()` ends that one process.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from '@app/shared';

/** A running nginx. */
export interface NginxServer {
  readonly port: number;
  stop(): Promise<void>;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Writes `config(listen)` under `prefix`, checks it with `nginx -t`, starts nginx and waits until it listens. */
export async function startNginx(binary: string, prefix: string, config: (listen: string) => string): Promise<NginxServer> {
  await mkdir(prefix, { recursive: true });
  const port = await freePort();
  const configFile = join(prefix, 'nginx.conf');
  await writeFile(configFile, config(`127.0.0.1:${port}`));
  const args = ['-p', prefix, '-c', configFile, '-e', 'stderr'];

  const test = spawn(binary, [...args, '-t', '-q'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let testOutput = '';
  test.stderr.on('data', (c: Buffer) => (testOutput += c.toString('utf8')));
  const [testCode] = (await once(test, 'exit')) as [number | null];
  if (testCode !== 0) throw new Error(`nginx -t rejected ${configFile}:\n${testOutput}`);

  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let printed = '';
  child.stderr.on('data', (c: Buffer) => (printed = (printed + c.toString('utf8')).slice(-20_000)));
  const exited = once(child, 'exit');
  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${printed}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not listen on ${port}:\n${printed}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGQUIT'); // graceful shutdown
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
