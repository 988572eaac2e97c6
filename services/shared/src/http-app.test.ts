import { Writable } from 'node:stream';
import { Router } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { BadRequestError, TooManyRequestsError, UnauthorizedError } from './errors.js';
import { Health } from './health.js';
import { createHttpApp, finishApp } from './http-app.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';

function build() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      cb();
    },
  });
  const logger = createLogger({ service: 'test', level: 'debug', destination });
  const metrics = createMetrics({ defaultMetrics: false });
  const health = new Health();
  const app = createHttpApp({ logger, metrics, health, bodyLimitBytes: 1024, trustProxy: 0 });
  const router = Router();
  router.get('/things/:id', (req, res) => {
    req.log.info({ headers: req.headers, password: 'hunter2' }, 'handler ran');
    res.json({ id: req.params.id });
  });
  router.post('/things', (req, res) => res.status(201).json({ got: req.body }));
  router.get('/boom', () => {
    throw new Error('database password is hunter2');
  });
  router.get('/bad', () => {
    throw new BadRequestError('limit must be a number');
  });
  router.get('/slow-down', () => {
    throw new TooManyRequestsError('too many attempts', 12.2);
  });
  router.get('/who', () => {
    throw new UnauthorizedError('token expired', { tokenPresented: true });
  });
  app.use(router);
  finishApp(app);
  return { app, lines, metrics, health };
}

describe('createHttpApp', () => {
  it('echoes a well-formed X-Request-Id and generates one otherwise', async () => {
    const { app } = build();
    const given = await request(app).get('/things/1').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const bad = await request(app).get('/things/1').set('X-Request-Id', 'no spaces allowed <>');
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes one access line per request with the route template, and redacts secrets', async () => {
    const { app, lines } = build();
    await request(app).get('/things/42').set('Authorization', 'Bearer secret-token').set('Cookie', 'sid=1');
    const access = lines.filter((l) => l.msg === 'request completed');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ route: '/things/:id', res: { statusCode: 200 }, req: { method: 'GET' } });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('secret-token');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('sid=1');
  });

  it('labels the histogram with route templates, never raw paths', async () => {
    const { app, metrics } = build();
    await request(app).get('/things/1');
    await request(app).get('/things/2');
    await request(app).get('/nope/123');
    const text = await metrics.registry.metrics();
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/things/:id",status_code="200"} 2');
    expect(text).toContain('route="unmatched",status_code="404"');
    expect(text).not.toContain('/nope/123');
  });

  it('answers JSON errors: 404, 400 malformed JSON, 415 wrong type, 413 too large', async () => {
    const { app } = build();
    const notFound = await request(app).get('/missing');
    expect(notFound.status).toBe(404);
    expect(notFound.body).toEqual({ error: 'not_found', message: 'no route for GET /missing' });

    const malformed = await request(app).post('/things').set('Content-Type', 'application/json').send('{"a":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('malformed_json');

    const wrongType = await request(app).post('/things').set('Content-Type', 'text/plain').send('hello');
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.message).toContain('text/plain');

    const huge = await request(app).post('/things').send({ big: 'x'.repeat(2048) });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toBe('payload_too_large');

    const ok = await request(app).post('/things').send({ a: 1 });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ got: { a: 1 } });
  });

  it('hides the details of unexpected errors', async () => {
    const { app, lines } = build();
    const res = await request(app).get('/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal_error', message: 'internal server error' });
    expect(res.text).not.toContain('hunter2');
    expect(lines.some((l) => l.msg === 'request failed')).toBe(true);
  });

  it('maps AppErrors to their status, code and headers', async () => {
    const { app } = build();
    const bad = await request(app).get('/bad');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'invalid_request', message: 'limit must be a number' });
    const limited = await request(app).get('/slow-down');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('13');
    const who = await request(app).get('/who');
    expect(who.status).toBe(401);
    expect(who.headers['www-authenticate']).toBe('Bearer error="invalid_token", error_description="token expired"');
  });

  it('sets helmet headers and no X-Powered-By', async () => {
    const { app } = build();
    const res = await request(app).get('/things/1');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('reports readiness from its checks and turns 503 when draining', async () => {
    const { app, health } = build();
    let dbUp = false;
    health.addCheck('database', () => dbUp);
    expect((await request(app).get('/healthz')).status).toBe(200);
    const down = await request(app).get('/readyz');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'unavailable', checks: { database: false } });
    dbUp = true;
    expect((await request(app).get('/readyz')).status).toBe(200);
    health.startDraining();
    const draining = await request(app).get('/readyz');
    expect(draining.status).toBe(503);
    expect(draining.body.status).toBe('shutting_down');
  });

  it('serves Prometheus text on /metrics', async () => {
    const { app } = build();
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('# TYPE http_request_duration_seconds histogram');
  });
});
