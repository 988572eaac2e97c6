import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';
import { fetchJwks } from './fetch-jwks.js';
import { JwksFetchError } from './jwks-errors.js';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(status: number, body: string, headers: Record<string, string> = {}): Promise<string> {
  server = createServer((_req, res) => res.writeHead(status, headers).end(body));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
}

describe('fetchJwks', () => {
  it('returns the body, ETag and Cache-Control of a 200', async () => {
    const url = await serve(200, '{"keys":[]}', { etag: '"v1"', 'cache-control': 'max-age=60' });
    expect(await fetchJwks(url, { timeoutMs: 1000 })).toEqual({ kind: 'ok', body: { keys: [] }, etag: '"v1"', cacheControl: 'max-age=60' });
  });

  it.each([
    ['a 500', 500, 'oops', /answered 500/],
    ['a body that is not JSON', 200, '<html>', /not JSON/],
    ['a 304 to an unconditional request', 304, '', /unconditional/],
    ['a body over the size limit', 200, JSON.stringify({ keys: [], pad: 'x'.repeat(2000) }), /over 1000/],
  ])('fails with JwksFetchError on %s', async (_label, status, body, message) => {
    const url = await serve(status, body);
    const error = await fetchJwks(url, { timeoutMs: 1000, maxBytes: 1000 }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(JwksFetchError);
    expect((error as Error).message).toMatch(message);
  });

  it('fails with "timed out" when the issuer accepts the connection but never answers', async () => {
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    const error = await fetchJwks(url, { timeoutMs: 200 }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(JwksFetchError);
    expect((error as Error).message).toMatch(/timed out/);
  });

  it('refuses a streamed body (no Content-Length) once it passes the size limit', async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 20; i++) res.write('x'.repeat(100));
      res.end();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    const error = await fetchJwks(url, { timeoutMs: 1000, maxBytes: 1000 }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(JwksFetchError);
    expect((error as Error).message).toMatch(/over 1000 bytes/);
  });

  it('fails with JwksFetchError when nothing listens', async () => {
    const url = await serve(200, '{}');
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    await expect(fetchJwks(url, { timeoutMs: 1000 })).rejects.toBeInstanceOf(JwksFetchError);
  });
});

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the maximum, with bounded jitter', () => {
    const mid = { initialMs: 100, maxMs: 1000, random: () => 0.5 };
    expect([1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n, mid))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(1, { ...mid, random: () => 0 })).toBe(80);
    expect(backoffDelay(1, { ...mid, random: () => 0.999999 })).toBe(120);
  });
});
