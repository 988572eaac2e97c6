/**
 * An autocannon `setupRequest` module (CommonJS, as autocannon's worker threads `require` it):
 * each request gets a copy of its bearer token under a new random `kid`, header re-encoded,
 * payload and signature kept. No key has such a kid, so each one sends a verifier to its key
 * set, which is what a flood of forged tokens does to a JWKS cache. It runs in a worker thread
 * of its own, so making these tokens never slows the valid-token load generator.
 */
import crypto = require('node:crypto');

interface FloodRequest {
  headers?: Record<string, string>;
}

/** A copy of the compact JWS `token` with a random `kid`. */
function withRandomKid(token: string): string {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) throw new Error('not a compact JWS');
  const fields = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
  const kid = crypto.randomBytes(12).toString('hex');
  return `${Buffer.from(JSON.stringify({ ...fields, kid })).toString('base64url')}.${payload}.${signature}`;
}

/** Rewrites the request's `Authorization: Bearer <token>` to carry a random `kid`. */
function floodRequest<R extends FloodRequest>(request: R): R {
  const authorization = request.headers?.authorization;
  if (!authorization?.startsWith('Bearer ')) throw new Error('the flood request needs a bearer token to copy');
  return { ...request, headers: { ...request.headers, authorization: `Bearer ${withRandomKid(authorization.slice(7))}` } };
}

export = floodRequest;
