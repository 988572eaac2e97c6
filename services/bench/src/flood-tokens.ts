import { randomBytes } from 'node:crypto';
import type autocannon from 'autocannon';

/**
 * Makes copies of a valid token under a random `kid` each: header re-encoded, payload and
 * signature kept. No key has such a kid, so each one sends a verifier to its key set, which
 * is what a flood of forged tokens does to a JWKS cache.
 */
export function randomKidTokens(validToken: string): () => string {
  const [header, payload, signature] = validToken.split('.');
  if (header === undefined || payload === undefined || signature === undefined) throw new Error('not a compact JWS');
  const fields = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
  const rest = `.${payload}.${signature}`;
  return () => `${Buffer.from(JSON.stringify({ ...fields, kid: randomBytes(12).toString('hex') })).toString('base64url')}${rest}`;
}

/** An autocannon `setupRequest` that sends a new random-`kid` token with every request. */
export function randomKidRequests(validToken: string): (request: autocannon.Request) => autocannon.Request {
  const next = randomKidTokens(validToken);
  return (request) => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${next()}` } });
}
