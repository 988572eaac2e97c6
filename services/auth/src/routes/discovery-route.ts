import { Router } from 'express';

/** What the discovery document is built from. */
export interface DiscoveryOptions {
  issuer: string;
  scopes: readonly string[];
  maxAgeSeconds: number;
}

/** The claims every access token carries. */
export const TOKEN_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'client_id', 'scope', 'name'] as const;

/** Joins a path onto the issuer without doubling a trailing slash. */
export function issuerUrl(issuer: string, path: string): string {
  return `${issuer.replace(/\/+$/, '')}${path}`;
}

/**
 * The OpenID Provider Metadata / RFC 8414 document, limited to what exists: there is no
 * authorization endpoint, so `response_types_supported` is empty, and the token endpoint is the
 * simplified password grant (JSON body, no client authentication). `id_token_signing_alg_values_supported`
 * is required by OpenID Discovery; RS256 is what every token here is signed with.
 */
export function discoveryDocument(options: DiscoveryOptions): Record<string, unknown> {
  return {
    issuer: options.issuer,
    jwks_uri: issuerUrl(options.issuer, '/.well-known/jwks.json'),
    token_endpoint: issuerUrl(options.issuer, '/api/login'),
    grant_types_supported: ['password'],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: ['none'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: [...options.scopes],
    claims_supported: [...TOKEN_CLAIMS],
  };
}

/** `GET /.well-known/openid-configuration`. */
export function discoveryRoute(options: DiscoveryOptions): Router {
  const body = JSON.stringify(discoveryDocument(options));
  const router = Router();
  router.get('/.well-known/openid-configuration', (_req, res) => {
    res
      .set({ 'Cache-Control': `public, max-age=${options.maxAgeSeconds}`, 'Access-Control-Allow-Origin': '*' })
      .type('application/json')
      .send(body);
  });
  return router;
}
