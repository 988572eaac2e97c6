import http from 'node:http';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { Health } from './health.js';
import { listen, shutdown } from './lifecycle.js';
import { createLogger } from './logger.js';

const logger = createLogger({ service: 'test', level: 'silent' });

function get(url: string, agent?: http.Agent): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
      .on('error', reject);
  });
}

describe('shutdown', () => {
  it('reports 503 during the delay, finishes in-flight requests, then refuses connections', async () => {
    const health = new Health();
    const app = express();
    app.use(health.router());
    app.get('/slow', (_req, res) => {
      setTimeout(() => res.send('done'), 300);
    });
    const running = await listen(app, 0, '127.0.0.1');
    const agent = new http.Agent({ keepAlive: true });
    expect((await get(`${running.url}/readyz`, agent)).status).toBe(200);

    const inFlight = get(`${running.url}/slow`, agent);
    await new Promise((r) => setTimeout(r, 50));
    let closedHook = false;
    const done = shutdown({
      server: running.server,
      health,
      logger,
      delayMs: 200,
      timeoutMs: 5_000,
      onClosed: () => {
        closedHook = true;
      },
    });
    const duringDelay = await get(`${running.url}/readyz`);
    expect(duringDelay.status).toBe(503);

    expect(await inFlight).toMatchObject({ status: 200, body: 'done' });
    expect(await done).toBe(0);
    expect(closedHook).toBe(true);
    await expect(get(`${running.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
  });

  it('gives up with exit code 1 when a request outlives the timeout', async () => {
    const health = new Health();
    const app = express();
    app.get('/hang', () => {
      /* never answers */
    });
    const running = await listen(app, 0, '127.0.0.1');
    const hung = get(`${running.url}/hang`).catch((err: Error) => err);
    await new Promise((r) => setTimeout(r, 50));
    const code = await shutdown({ server: running.server, health, logger, delayMs: 0, timeoutMs: 200 });
    expect(code).toBe(1);
    expect(await hung).toBeInstanceOf(Error);
  });
});
