import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock, testApp } from '../test-fixtures.js';

type TestApp = Awaited<ReturnType<typeof testApp>>;
let t: TestApp | undefined;
afterEach(() => t?.stop());

async function app(env: Record<string, string>) {
  const clock = manualClock(Date.now());
  t = await testApp({ clock: clock.now, env: { LOGIN_FAILURE_WINDOW_SECONDS: '60', TRUST_PROXY: '1', ...env } });
  const attempt = (username: string, password: string, ip = '203.0.113.7') =>
    request(t!.app).post('/api/login').set('X-Forwarded-For', ip).send({ username, password });
  return { clock, attempt };
}

describe('login rate limiting', () => {
  it('answers 429 with Retry-After and the error shape once a username has too many failures', async () => {
    const { attempt } = await app({ LOGIN_MAX_FAILURES: '3', LOGIN_IP_MAX_FAILURES: '0' });
    for (let i = 0; i < 3; i++) await attempt('jack', 'wrong').expect(401);
    const limited = await attempt('jack', 'jack_password').expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(59);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body).toEqual({ error: 'too_many_requests', message: expect.any(String), msg: expect.any(String) });
    // Another user is not affected by jack's failures.
    await attempt('robert', 'robert_password').expect(200);
    const metrics = (await request(t!.app).get('/metrics')).text;
    expect(metrics).toMatch(/^auth_login_failures_total\{reason="rate_limited"\} 1$/m);
  });

  it('lets the username try again once the window has passed', async () => {
    const { attempt, clock } = await app({ LOGIN_MAX_FAILURES: '2', LOGIN_IP_MAX_FAILURES: '0' });
    for (let i = 0; i < 2; i++) await attempt('jack', 'wrong').expect(401);
    await attempt('jack', 'jack_password').expect(429);
    clock.advance(60_000);
    await attempt('jack', 'jack_password').expect(200);
  });

  it('resets the username count on a successful login', async () => {
    const { attempt } = await app({ LOGIN_MAX_FAILURES: '3', LOGIN_IP_MAX_FAILURES: '0' });
    for (let i = 0; i < 2; i++) await attempt('jack', 'wrong').expect(401);
    await attempt('jack', 'jack_password').expect(200);
    for (let i = 0; i < 3; i++) await attempt('jack', 'wrong').expect(401);
    await attempt('jack', 'wrong').expect(429);
  });

  it('limits one client IP trying many usernames, by the address the proxy forwards', async () => {
    const { attempt } = await app({ LOGIN_MAX_FAILURES: '100', LOGIN_IP_MAX_FAILURES: '4' });
    for (let i = 0; i < 4; i++) await attempt(`user${i}`, 'guess').expect(401);
    await attempt('jack', 'jack_password').expect(429);
    await attempt('jack', 'jack_password', '198.51.100.9').expect(200);
  });

  it('does not let a valid login clear a spraying IP’s failures', async () => {
    const { attempt } = await app({ LOGIN_MAX_FAILURES: '100', LOGIN_IP_MAX_FAILURES: '3' });
    for (let i = 0; i < 2; i++) await attempt(`user${i}`, 'guess').expect(401);
    await attempt('jack', 'jack_password').expect(200);
    await attempt('user9', 'guess').expect(401);
    await attempt('user10', 'guess').expect(429);
  });

  it('does not let concurrent attempts slip past the limit', async () => {
    const { attempt } = await app({ LOGIN_MAX_FAILURES: '3', LOGIN_IP_MAX_FAILURES: '0' });
    const statuses = (await Promise.all(Array.from({ length: 8 }, () => attempt('jack', 'wrong')))).map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
  });
});
