/**
 * The exposition must parse with `promtool check metrics` and auth's own metrics must draw no
 * lint warning. promtool comes from the Debian package `prometheus`; without it this is skipped.
 */
import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './test-fixtures.js';

const promtool = spawnSync('promtool', ['--version']).status === 0;
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
  await request(t.app).post('/api/login').send({ username: 'jack', password: 'jack_password' });
});
afterAll(() => t.stop());

describe('/metrics', () => {
  it.skipIf(!promtool)('passes promtool check metrics, apart from prom-client’s nodejs_active_* gauges', async () => {
    const text = (await request(t.app).get('/metrics').expect(200)).text;
    const run = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    const problems = `${run.stdout}${run.stderr}`
      .split('\n')
      .filter((line) => line.trim() !== '' && !/^nodejs_active_\w+_total/.test(line));
    expect(problems).toEqual([]);
  });

  it('exposes auth’s metrics with help and type lines', async () => {
    const text = (await request(t.app).get('/metrics').expect(200)).text;
    for (const [name, type] of [
      ['auth_tokens_issued_total', 'counter'],
      ['auth_login_failures_total', 'counter'],
      ['auth_key_reload_total', 'counter'],
      ['auth_signing_key_info', 'gauge'],
      ['auth_signing_key_age_seconds', 'gauge'],
      ['auth_keys_published', 'gauge'],
    ]) {
      expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, 'm'));
      expect(text).toMatch(new RegExp(`^# TYPE ${name} ${type}$`, 'm'));
    }
  });
});
