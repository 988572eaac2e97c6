import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from './test-stack.js';

const run = promisify(execFile);

async function hasPromtool(): Promise<boolean> {
  try {
    await run('promtool', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Feeds an exposition to `promtool check metrics` and returns its complaints. */
async function promtool(text: string): Promise<string> {
  return new Promise((resolve) => {
    const child = execFile('promtool', ['check', 'metrics'], (_err, stdout, stderr) => resolve(`${stdout}${stderr}`));
    child.stdin!.end(text);
  });
}

// prom-client's built-in `nodejs_active_*_total` gauges break the `_total` naming rule; they
// are the library's, not ours, and are the only warnings allowed.
const ALLOWED = /^nodejs_active_\w+_total /;

const available = await hasPromtool();
if (!available && process.env.CI) throw new Error('promtool is missing: .ci/run installs the Debian package prometheus');

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
  // Touch the routes so every metric family has samples.
  const token = await stack.token('jack', 'jack_password');
  await stack.login('jack', 'wrong');
  await fetch(`${stack.postsUrl}/api/posts`, { headers: { authorization: `Bearer ${token}` } });
  await fetch(`${stack.postsUrl}/api/posts`, { headers: { authorization: 'Bearer nope' } });
});
afterAll(async () => {
  await stack?.stop();
});

describe.skipIf(!available)('metrics exposition', () => {
  for (const service of ['auth', 'posts'] as const) {
    it(`${service}'s /metrics passes promtool check metrics`, async () => {
      const url = service === 'auth' ? stack.authUrl : stack.postsUrl;
      const res = await fetch(`${url}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('http_request_duration_seconds_bucket');
      const complaints = (await promtool(text))
        .split('\n')
        .filter(Boolean)
        .filter((line) => !ALLOWED.test(line));
      expect(complaints).toEqual([]);
    });
  }
});
