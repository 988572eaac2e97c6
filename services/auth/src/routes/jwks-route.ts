import { Router } from 'express';
import { ServiceUnavailableError, sendJson } from '@app/shared';
import type { KeyStore } from '../keys/key-store.js';

/** True when an `If-None-Match` header matches `etag` (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * `GET /.well-known/jwks.json`: every key not past its publication end, public members only.
 * Verifiers cache it for `max-age` seconds, which is why a new key is published that long
 * before it signs; the ETag lets them revalidate for the price of a 304.
 */
export function jwksRoute(deps: { keyStore: KeyStore; maxAgeSeconds: number }): Router {
  const router = Router();
  router.get('/.well-known/jwks.json', (req, res) => {
    const set = deps.keyStore.current;
    if (!set) throw new ServiceUnavailableError('no key set is loaded yet', 5);
    const doc = set.jwks(deps.keyStore.clock());
    res.set({
      'Cache-Control': `public, max-age=${deps.maxAgeSeconds}`,
      ETag: doc.etag,
      'Access-Control-Allow-Origin': '*',
    });
    if (etagMatches(req.get('if-none-match'), doc.etag)) {
      res.status(304).end();
      return;
    }
    sendJson(res, 200, doc.body, 'application/jwk-set+json; charset=utf-8');
  });
  return router;
}
