import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLocalState } from '@app/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginToken, postLogin } from './login-request.js';
import { serviceEntry } from './service-entry.js';
import { ServiceProcess } from './service-process.js';

describe('loginToken and postLogin against the real auth', { timeout: 30_000 }, () => {
  let dir: string;
  let auth: ServiceProcess;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'testkit-login-'));
    const state = await ensureLocalState(dir);
    auth = await ServiceProcess.start({
      name: 'auth',
      entry: serviceEntry('auth'),
      env: { HOST: '127.0.0.1', LOG_LEVEL: 'warn', ISSUER: 'http://auth.test', KEYS_FILE: state.keysFile, USERS_FILE: state.usersFile },
    });
  });
  afterAll(async () => {
    await auth?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('returns the access token of a right password', async () => {
    const token = await loginToken(auth.url, 'jack', 'jack_password');
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { typ: string; alg: string };
    expect(header).toMatchObject({ typ: 'at+jwt', alg: 'RS256' });
  });

  it('throws naming the status and the error body for a wrong password', async () => {
    await expect(loginToken(auth.url, 'jack', 'not-the-password')).rejects.toThrow(/^login as jack answered 401: \{.*"error":"invalid_credentials"/);
  });

  it('hands back the whole response, extra headers sent along', async () => {
    const res = await postLogin(auth.url, 'robert', 'robert_password', { 'x-request-id': 'testkit-login-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('testkit-login-1');
    expect(await res.json()).toMatchObject({ token_type: 'Bearer' });
  });
});
