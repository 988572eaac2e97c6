import { describe, expect, it } from 'vitest';
import { randomKidRequests, randomKidTokens } from './flood-tokens.js';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const VALID = `${part({ alg: 'RS256', typ: 'at+jwt', kid: 'real' })}.${part({ sub: 'jack' })}.c2lnbmF0dXJl`;
const headerOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('randomKidTokens', () => {
  it('keeps the header fields, payload and signature and changes only the kid, each time anew', () => {
    const next = randomKidTokens(VALID);
    const [a, b] = [next(), next()];
    expect(headerOf(a)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(headerOf(a).kid).not.toBe('real');
    expect(headerOf(a).kid).not.toBe(headerOf(b).kid);
    expect(a.split('.').slice(1)).toEqual(VALID.split('.').slice(1));
  });

  it('puts a new token into the Authorization header of each request, keeping the other headers', () => {
    const setup = randomKidRequests(VALID);
    const first = setup({ method: 'GET', path: '/api/posts', headers: { accept: 'application/json' } });
    const second = setup({ method: 'GET', path: '/api/posts', headers: { accept: 'application/json' } });
    expect(first.headers).toMatchObject({ accept: 'application/json' });
    expect(first.headers?.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(first.headers?.authorization).not.toBe(second.headers?.authorization);
  });
});
