import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '@app/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './clock.js';
import { ServiceProcess, type ServiceSpec } from './service-process.js';

const server = (env: Record<string, string> = {}, extra: Partial<ServiceSpec> = {}): ServiceSpec => ({
  name: 'test-server',
  entry: fileURLToPath(new URL('./test-server.mjs', import.meta.url)),
  env,
  ...extra,
});
const getJson = async (url: string) => (await fetch(url)).json() as Promise<{ env: Record<string, string>; execArgv: string[] }>;
const refuses = (url: string) => fetch(url).then(() => undefined, () => true);

describe('ServiceProcess', { timeout: 30_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'testkit-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts on a free loopback port with exactly its environment plus PATH and PORT, and stops with SIGTERM', async () => {
    const service = await ServiceProcess.start(server({ GREETING: 'hi' }));
    const { env } = await getJson(`${service.url}/env`);
    expect(Object.keys(env).sort()).toEqual(['GREETING', 'PATH', 'PORT']);
    expect(env.PORT).toBe(String(service.port));
    expect(service.url).toBe(`http://127.0.0.1:${service.port}`);
    expect(service.pid).toBeGreaterThan(0);
    expect(service.startupMs).toBeGreaterThan(0);
    expect(service.alive).toBe(true);
    expect(await service.stop()).toEqual({ code: 0, signal: null });
    expect(service.alive).toBe(false);
    expect(await refuses(service.url)).toBe(true);
  });

  it('passes node flags before the entry and listens on a port chosen beforehand', async () => {
    const port = await freePort();
    const service = await ServiceProcess.start(server({}, { port, nodeArgs: ['--max-old-space-size=64', '--no-warnings'] }));
    try {
      expect(service.url).toBe(`http://127.0.0.1:${port}`);
      expect((await getJson(`${service.url}/env`)).execArgv).toEqual(['--max-old-space-size=64', '--no-warnings']);
    } finally {
      await service.stop();
    }
  });

  it('waits through 503 answers for a 200, and takes any answer when told so', async () => {
    const strict = await ServiceProcess.start(server({ READY_AFTER_MS: '500' }));
    const strictReady = (await fetch(`${strict.url}/readyz`)).status;
    await strict.stop();
    expect(strict.startupMs).toBeGreaterThanOrEqual(500);
    expect(strictReady).toBe(200);

    const lenient = await ServiceProcess.start(server({ READY_AFTER_MS: '600000' }, { readyPath: '/nowhere', readyWhen: 'any' }));
    const lenientReady = (await fetch(`${lenient.url}/readyz`)).status;
    await lenient.stop();
    expect(lenientReady).toBe(503);
  });

  it('rejects with what the process wrote when it exits before it is ready', async () => {
    await expect(ServiceProcess.start(server({ FAIL_AT_START: 'KEYS_FILE: required' }))).rejects.toThrow(
      /^test-server did not start: it exited with 3 before it was ready\nKEYS_FILE: required$/,
    );
  });

  it('gives up after readyTimeoutMs, naming what it waited for, and kills the process', async () => {
    const port = await freePort();
    await expect(ServiceProcess.start(server({ READY_AFTER_MS: '600000' }, { port, readyTimeoutMs: 300 }))).rejects.toThrow(
      `test-server did not start: timed out after 300 ms waiting for http://127.0.0.1:${port}/readyz to answer 200`,
    );
    expect(await refuses(`http://127.0.0.1:${port}/readyz`)).toBe(true);
  });

  it('keeps the last 200 lines of stdout and stderr for failure messages', async () => {
    const service = await ServiceProcess.start(server({ STDOUT_LINES: '250', STDERR_TEXT: 'last words, no newline' }));
    await waitFor('the output to arrive', 5_000, async () => (service.output().includes('stdout line 249') && service.output().includes('last words') ? true : undefined));
    await service.stop();
    const lines = service.output().split('\n');
    expect(lines).toHaveLength(200);
    expect(lines).toContain('last words, no newline');
    expect(lines).not.toContain('stdout line 50');
  });

  it('appends stdout to a file when given one, and keeps only stderr then', async () => {
    const file = join(dir, 'server.log');
    const service = await ServiceProcess.start(server({ STDOUT_LINES: '3', STDERR_TEXT: 'on stderr\n' }, { stdoutFile: file }));
    await waitFor('stderr to arrive', 5_000, async () => (service.output() ? true : undefined));
    await service.stop();
    expect(await readFile(file, 'utf8')).toBe('stdout line 0\nstdout line 1\nstdout line 2\n');
    expect(service.output()).toBe('on stderr');
  });

  it('reads the memory and CPU time of the live process, and nothing once it has crashed', async () => {
    const service = await ServiceProcess.start(server());
    // In this order: the peak (VmHWM) is at least the RSS at any earlier moment, while read at
    // the same time the RSS may be taken a moment later, after the process grew.
    const rss = await service.rss();
    const peak = await service.peakRss();
    const cpu = await service.cpuSeconds();
    expect(rss).toBeGreaterThan(2 ** 20);
    expect(peak).toBeGreaterThanOrEqual(rss!);
    // Starting node costs CPU time, counted in 10 ms ticks.
    expect(cpu).toBeGreaterThan(0);
    service.signal('SIGKILL');
    expect(await service.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(service.alive).toBe(false);
    expect(await service.rss()).toBeUndefined();
    expect(await service.cpuSeconds()).toBeUndefined();
  });

  it('kills a process that ignores SIGTERM once the grace period is over', async () => {
    const service = await ServiceProcess.start(server({ IGNORE_SIGTERM: '1' }));
    expect(await service.stop(300)).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('never outlives the process that started it', async () => {
    // A separate node process that starts a server through the built testkit and exits at once.
    const port = await freePort();
    const testkit = new URL('../dist/index.js', import.meta.url).href;
    const script = `
      const { ServiceProcess } = await import(${JSON.stringify(testkit)});
      await ServiceProcess.start(${JSON.stringify(server({}, { port }))});
      process.exit(0);`;
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
    await waitFor(`port ${port} to be closed`, 5_000, async () => (await refuses(`http://127.0.0.1:${port}/readyz`)) || undefined);
  });
});
