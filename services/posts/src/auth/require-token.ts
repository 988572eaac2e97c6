import { InsufficientScopeError, UnauthorizedError } from '@app/shared';
import type { RequestHandler } from 'express';
import type { TokenVerifier } from './token-verifier.js';

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), else undefined. */
export function bearerToken(header: string): string | undefined {
  if (header.length < 8 || header.charCodeAt(6) !== 32 || header.slice(0, 6).toLowerCase() !== 'bearer') return undefined;
  const token = header.slice(7).trim();
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
    const token = bearerToken(header);
    if (token === undefined) {
      // Another scheme (Basic, ...) means no bearer token was presented at all.
      const presented = header.trim().toLowerCase().startsWith('bearer');
      next(new UnauthorizedError(presented ? 'the bearer token is empty' : 'a bearer token is required', { tokenPresented: presented }));
      return;
    }
    const hit = verifier.cached(token);
    if (hit !== undefined) {
      if (!hit.scopes.has(scope)) {
        next(new InsufficientScopeError(scope));
        return;
      }
      req.auth = hit;
      next();
      return;
    }
    verifier.verify(token).then((verified) => {
      if (!verified.scopes.has(scope)) {
        next(new InsufficientScopeError(scope));
        return;
      }
      req.auth = verified;
      next();
    }, next);
  };
}
