import { once } from 'node:events';
import { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServer, presetsPrototypes, type AppServer } from './app-server.js';

describe('createAppServer', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  /** Serves `app` on a free loopback port; `beforeServe` may add listeners first. */
  async function start(app: express.Express, beforeServe?: (server: AppServer['server']) => void) {
    const { server, serve } = createAppServer();
    beforeServe?.(server);
    serve(app);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it.runIf(presetsPrototypes())('builds req and res with the app prototypes, so express never has to change them', async () => {
    const app = express();
    const seen: { reqIsApp: boolean; resIsApp: boolean; reqIsMessage: boolean; resIsResponse: boolean }[] = [];
    app.get('/hello/:name', (req, res) => {
      res.status(201).json({ hello: req.params.name, query: req.query['q'], ip: req.ip });
    });
    // A listener added before the app's runs before express's own handling: it sees the objects
    // as the HTTP server made them.
    const url = await start(app, (server) =>
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        seen.push({
          reqIsApp: Object.getPrototypeOf(req) === app.request,
          resIsApp: Object.getPrototypeOf(res) === app.response,
          reqIsMessage: req instanceof IncomingMessage,
          resIsResponse: res instanceof ServerResponse,
        });
      }),
    );

    const response = await fetch(`${url}/hello/ada?q=1`);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ hello: 'ada', query: '1', ip: '127.0.0.1' });
    expect(seen).toEqual([{ reqIsApp: true, resIsApp: true, reqIsMessage: true, resIsResponse: true }]);
  });

  it('serves request bodies, streaming responses and keep-alive like a plain server', async () => {
    const app = express();
    app.use(express.json());
    app.post('/echo', (req, res) => res.json(req.body));
    app.get('/stream', (_req, res) => {
      res.write('a');
      setImmediate(() => res.end('b'));
    });
    const url = await start(app);
    for (let i = 0; i < 3; i++) {
      const echoed = await fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ i }) });
      expect(await echoed.json()).toEqual({ i });
    }
    const streamed = await fetch(`${url}/stream`);
    expect(await streamed.text()).toBe('ab');
  });

  it('keeps two apps apart: each server uses its own app prototypes', async () => {
    const first = express();
    const second = express();
    first.get('/', (req, res) => res.send(String(Object.getPrototypeOf(req) === first.request)));
    second.get('/', (req, res) => res.send(String(Object.getPrototypeOf(req) === second.request)));
    const [a, b] = await Promise.all([start(first), start(second)]);
    expect(await (await fetch(a)).text()).toBe('true');
    expect(await (await fetch(b)).text()).toBe('true');
  });
});

describe('presetsPrototypes', () => {
  it("is on where express's setPrototypeOf is slow (Node 20, 22) and off from Node 24", () => {
    expect(presetsPrototypes('20.20.2')).toBe(true);
    expect(presetsPrototypes('22.23.5')).toBe(true);
    expect(presetsPrototypes('24.21.0')).toBe(false);
    expect(presetsPrototypes('26.0.0')).toBe(false);
  });
});
