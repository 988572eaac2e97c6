import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendGeneratedRequest } from './send-generated-request.js';

describe('sendGeneratedRequest', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/teapot' ? 418 : 200;
      res.end('ok');
    });
    // node drops a CONNECT it has no handler for; this one does so explicitly.
    server.on('connect', (_req, socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reports the status of a fetch request', async () => {
    expect(await sendGeneratedRequest(url, { kind: 't', method: 'GET', path: '/teapot', headers: {} })).toEqual({ status: 418 });
  });

  it('reads the status line of a raw request, including the parser’s own 400', async () => {
    const raw = (text: string) => ({ kind: 'raw', method: 'RAW', path: '/', headers: {}, raw: new TextEncoder().encode(text) });
    expect(await sendGeneratedRequest(url, raw('GET /teapot HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'))).toEqual({ status: 418 });
    expect(await sendGeneratedRequest(url, raw('G@T / HTTP/1.1\r\nHost: x\r\n\r\n'))).toEqual({ status: 400 });
  });

  it('reports 0 when the peer closes without answering', async () => {
    const outcome = await sendGeneratedRequest(url, { kind: 'raw', method: 'RAW', path: '/', headers: {}, raw: new TextEncoder().encode('CONNECT x:443 HTTP/1.1\r\nHost: x\r\n\r\n') });
    expect(outcome.status).toBe(0);
  });

  it('reports 0 with the cause when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await sendGeneratedRequest(`http://127.0.0.1:${port}`, { kind: 't', method: 'GET', path: '/', headers: {} })).toEqual({ status: 0, error: 'ECONNREFUSED' });
  });
});
