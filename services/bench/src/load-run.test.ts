import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@app/shared';
import type { ServiceProcess } from '@app/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchServerEntry, startBenchProcess } from './bench-stack.js';
import { runLoad } from './load-run.js';

const BODY = [{ title: 'jack post', author: 'jack' }];
let dir: string;
let server: ServiceProcess;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'load-run-'));
  const bodyFile = join(dir, 'body.json');
  await writeFile(bodyFile, JSON.stringify(BODY));
  // The bare peer, as its own process: the load generator never shares its event loop.
  server = await startBenchProcess({
    name: 'bare',
    entry: benchServerEntry('bare-express'),
    env: { BODY_FILE: bodyFile, ROUTE: '/api/posts' },
    readyPath: '/api/posts',
    readyWhen: 'any',
  });
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const base = { connections: 2, durationS: 0.3 };

describe('runLoad', () => {
  it('reports throughput, latency and no problem when every response is the expected one', async () => {
    const result = await runLoad({ ...base, url: `${server.url}/api/posts`, expectBody: JSON.stringify(BODY) });
    expect(result.problems).toEqual([]);
    expect(result.responses).toBeGreaterThan(0);
    expect(result.statusCounts).toEqual({ '200': result.responses });
    expect(result.rps).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
  });

  it('counts every response with another body as a mismatch', async () => {
    const result = await runLoad({ ...base, url: `${server.url}/api/posts`, expectBody: '[]' });
    expect(result.mismatches).toBe(result.responses);
    expect(result.problems).toEqual([`${result.responses} responses with a wrong body`]);
  });

  it('flags statuses other than the expected one and does not count them as throughput', async () => {
    const notFound = await runLoad({ ...base, url: `${server.url}/nowhere` });
    expect(notFound.rps).toBe(0);
    expect(notFound.problems).toEqual([`unexpected statuses 404 x${notFound.responses}`]);
    const expected404 = await runLoad({ ...base, url: `${server.url}/nowhere`, expectStatus: 404 });
    expect(expected404.problems).toEqual([]);
    expect(expected404.rps).toBeGreaterThan(0);
  });

  it('flags a server that does not answer at all', async () => {
    const result = await runLoad({ ...base, url: `http://127.0.0.1:${await freePort()}/api/posts` });
    expect(result.responses).toBe(0);
    expect(result.problems[0]).toBe('no response');
    expect(result.problems[1]).toMatch(/connection errors/);
  });
});
