import { performance } from 'node:perf_hooks';
import request from 'supertest';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../test-fixtures.js';
import { UserDirectory } from './user-directory.js';

let users: UserDirectory;
beforeAll(async () => {
  users = await UserDirectory.create([{ username: 'jack', hash: await bcrypt.hash('jack_password', 10), name: 'Jack' }]);
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Alternates the two cases so machine noise hits both alike; returns the ratio of medians. */
async function ratio(unknown: () => Promise<unknown>, wrong: () => Promise<unknown>, rounds: number): Promise<number> {
  const a: number[] = [];
  const b: number[] = [];
  await unknown(); // warm-up
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    await unknown();
    a.push(performance.now() - t);
    t = performance.now();
    await wrong();
    b.push(performance.now() - t);
  }
  return median(a) / median(b);
}

describe('UserDirectory', () => {
  it('returns the user for the right password and nothing otherwise', async () => {
    expect(await users.verify('jack', 'jack_password')).toEqual({ username: 'jack', name: 'Jack', scopes: ['posts:read', 'posts:write'] });
    expect(await users.verify('jack', 'jack_passwor')).toBeUndefined();
    expect(await users.verify('nobody', 'jack_password')).toBeUndefined();
    expect(await users.verify('__proto__', 'x')).toBeUndefined();
  });

  it('takes comparable time for an unknown user and a wrong password (loose ratio)', async () => {
    const r = await ratio(() => users.verify('nobody', 'guess'), () => users.verify('jack', 'guess'), 5);
    expect(r).toBeGreaterThan(0.4);
    expect(r).toBeLessThan(2.5);
  });

  it('hashes its dummy with the highest cost in the file', async () => {
    expect(users.dummyCost).toBe(10);
    const mixed = await UserDirectory.create([
      { username: 'a', hash: await bcrypt.hash('pw', 10) },
      { username: 'b', hash: await bcrypt.hash('pw', 11) },
    ]);
    expect(mixed.dummyCost).toBe(11);
  });
});

describe('POST /api/login timing', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp({ env: { LOGIN_MAX_FAILURES: '0', LOGIN_IP_MAX_FAILURES: '0' } });
  });
  afterAll(() => t.stop());

  it('answers an unknown user about as slowly as a wrong password (loose ratio)', async () => {
    const post = (username: string) => request(t.app).post('/api/login').send({ username, password: 'guess' }).expect(401);
    const r = await ratio(() => post('nobody'), () => post('jack'), 5);
    expect(r).toBeGreaterThan(0.33);
    expect(r).toBeLessThan(3);
  });
});
