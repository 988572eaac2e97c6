import { InsufficientScopeError, UnauthorizedError } from '@app/shared';
import type { RequestHandler } from 'express';
import type { TokenVerifier } from './token-verifier.js';

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), else undefined. */
export function bearerToken(header: string): string | undefined {
  // The common spelling is matched without allocating; other casings take the slow path.
  const scheme = header.startsWith('Bearer ') || (header.charCodeAt(6) === 32 && header.slice(0, 6).toLowerCase() === 'bearer');
  if (!scheme) return undefined;
  const token = header.charCodeAt(7) === 32 || header.charCodeAt(header.length - 1) === 32 ? header.slice(7).trim() : header.slice(7);
  return token.length > 0 ? token : undefined;
}

/**
 * Middleware: 401 without a bearer token (bare `Bearer` challenge) or with a bad one
 * (`invalid_token`), 403 `insufficient_scope` without `scope`; otherwise sets `req.auth`.
 * A cached token is answered synchronously: no promise, no crypto.
 */
export function requireToken(verifier: TokenVerifier, scope: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined || header === '') {
      next(new UnauthorizedError('a bearer token is required', { tokenPresented: false }));
      return;
    }
    // Keyed by the whole header value: a repeat request costs one map lookup, no slicing.
    const hit = verifier.cached(header);
    if (hit !== undefined) {
      if (!hit.scopes.has(scope)) {
        next(new InsufficientScopeError(scope));
        return;
      }
      req.auth = hit;
      next();
      return;
    }
    const token = bearerToken(header);
    if (token === undefined) {
      // Another scheme (Basic, ...) means no bearer token was presented at all.
      const presented = header.trim().toLowerCase().startsWith('bearer');
      next(new UnauthorizedError(presented ? 'the bearer token is empty' : 'a bearer token is required', { tokenPresented: presented }));
      return;
    }
    verifier.verify(token, header).then((verified) => {
      if (!verified.scopes.has(scope)) {
        next(new InsufficientScopeError(scope));
        return;
      }
      req.auth = verified;
      next();
    }, next);
  };
}
