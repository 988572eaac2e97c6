import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The compiled module, loaded the way autocannon's worker threads load it: with require.
const floodRequest = createRequire(import.meta.url)('../dist/flood-request.cjs') as <R extends { headers?: Record<string, string> }>(r: R) => R;

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const VALID = `${part({ alg: 'RS256', typ: 'at+jwt', kid: 'real' })}.${part({ sub: 'jack' })}.c2lnbmF0dXJl`;
const tokenOf = (r: { headers?: Record<string, string> }) => r.headers!.authorization!.slice('Bearer '.length);
const headerOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('floodRequest', () => {
  const request = { method: 'GET', path: '/api/posts', headers: { accept: 'application/json', authorization: `Bearer ${VALID}` } };

  it('keeps the header fields, payload and signature and changes only the kid, each time anew', () => {
    const [a, b] = [tokenOf(floodRequest(request)), tokenOf(floodRequest(request))];
    expect(headerOf(a)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(headerOf(a).kid).toMatch(/^[0-9a-f]{24}$/);
    expect(headerOf(a).kid).not.toBe(headerOf(b).kid);
    expect(a.split('.').slice(1)).toEqual(VALID.split('.').slice(1));
  });

  it('keeps the other headers and leaves the original request alone', () => {
    const out = floodRequest(request);
    expect(out).toMatchObject({ method: 'GET', path: '/api/posts', headers: { accept: 'application/json' } });
    expect(request.headers.authorization).toBe(`Bearer ${VALID}`);
  });

  it('refuses a request without a bearer token to copy', () => {
    expect(() => floodRequest({ headers: {} })).toThrow(/needs a bearer token/);
  });
});
