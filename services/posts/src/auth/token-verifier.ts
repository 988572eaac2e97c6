import { ServiceUnavailableError } from '@app/shared';
import { decodeProtectedHeader, jwtVerify, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { Counter, type Registry } from 'prom-client';
import type { Clock, JwksCache } from '../jwks/jwks-cache.js';
import { VERIFY_RESULTS, type AccessToken, type VerifyResult } from './access-token.js';
import { classifyJoseError, UNKNOWN_KID_MESSAGE } from './classify-jose-error.js';
import { InvalidTokenError } from './invalid-token-error.js';
import { LruCache } from '../lru-cache.js';

/** Settings of a `TokenVerifier`. */
export interface TokenVerifierOptions {
  jwks: JwksCache;
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  /** Verified tokens remembered (0 disables the cache). */
  cacheSize: number;
  registry: Registry;
  clock?: Clock;
}

/** Header members that would let a token bring its own key; never honoured, always refused. */
const FORBIDDEN_HEADERS = ['jwk', 'jku', 'x5u', 'x5c', 'crit'] as const;
const MAX_TOKEN_LENGTH = 8192;
/** A subject becomes a stored author: no control characters (PostgreSQL refuses NUL). */
const CONTROL = /[\u0000-\u001F\u007F]/;

interface CacheEntry {
  readonly token: AccessToken;
  readonly expiresAtMs: number;
}

/**
 * Verifies RFC 9068 access tokens with jose against the JWKS cache, and remembers verified
 * ones in a bounded LRU keyed by the exact token string, honoured only until `exp` and
 * dropped when the verifying key leaves the set: a repeat token costs a map lookup, not an
 * RSA verification.
 */
export class TokenVerifier {
  private readonly cache: LruCache<string, CacheEntry>;
  private readonly clock: Clock;
  private readonly counts: Record<VerifyResult, { inc(): void }>;

  constructor(private readonly options: TokenVerifierOptions) {
    this.clock = options.clock ?? Date.now;
    this.cache = new LruCache(options.cacheSize);
    const counter = new Counter({
      name: 'jwt_verify_total',
      help: 'Access token verifications by result (cached = answered from the verified-token cache)',
      labelNames: ['result'] as const,
      registers: [options.registry],
    });
    // Bound children once: the hot path must not hash a labels object per request.
    this.counts = Object.fromEntries(VERIFY_RESULTS.map((r) => [r, counter.labels({ result: r })])) as TokenVerifier['counts'];
    options.jwks.onKeysRemoved((kids) => {
      this.cache.deleteWhere((entry) => kids.includes(entry.token.kid));
    });
  }

  /** Tokens currently remembered. */
  get cachedCount(): number {
    return this.cache.size;
  }

  /**
   * The remembered verification stored under `key` (the token, or the exact Authorization
   * header it came in), when it is still valid; synchronous on purpose.
   */
  cached(key: string): AccessToken | undefined {
    const entry = this.cache.get(key);
    if (entry === undefined) return undefined;
    const now = this.clock();
    if (now >= entry.expiresAtMs || !this.options.jwks.poll(now)) {
      this.cache.delete(key);
      return undefined;
    }
    this.counts.cached.inc();
    return entry.token;
  }

  /**
   * Verifies `token` fully and remembers it under `cacheKey`. Throws `InvalidTokenError` (401)
   * for every bad token and `ServiceUnavailableError` (503) when no usable key set is held.
   */
  async verify(token: string, cacheKey: string = token): Promise<AccessToken> {
    const hit = this.cached(cacheKey);
    if (hit) return hit;
    try {
      const header = this.checkHeader(token);
      if (this.options.jwks.refusesKid(header.kid as string)) {
        throw new InvalidTokenError('unknown_kid', UNKNOWN_KID_MESSAGE);
      }
      const { payload } = await jwtVerify(token, (h) => this.options.jwks.getKey(h.kid as string), {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        typ: 'at+jwt',
        clockTolerance: this.options.clockToleranceSeconds,
        requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
        currentDate: new Date(this.clock()),
      });
      const verified = this.toAccessToken(payload, header.kid as string);
      this.counts.ok.inc();
      const expiresAtMs = verified.exp * 1000;
      if (expiresAtMs > this.clock()) this.cache.set(cacheKey, { token: verified, expiresAtMs });
      return verified;
    } catch (err) {
      if (err instanceof InvalidTokenError) {
        this.counts[err.reason].inc();
        throw err;
      }
      const { reason, message } = classifyJoseError(err);
      this.counts[reason].inc();
      if (reason === 'jwks_unavailable') throw new ServiceUnavailableError(`cannot verify tokens: ${message}`, 5);
      throw new InvalidTokenError(reason, message);
    }
  }

  /** Refuses, before any key lookup, what no valid token of ours carries. */
  private checkHeader(token: string): JWTHeaderParameters {
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidTokenError('malformed', 'the token is too long');
    let header: JWTHeaderParameters;
    try {
      header = decodeProtectedHeader(token) as JWTHeaderParameters;
    } catch {
      throw new InvalidTokenError('malformed', 'the token is malformed');
    }
    // An alg check here keeps `alg: none` / HS256 tokens from triggering a JWKS refetch.
    if (header.alg !== 'RS256') throw new InvalidTokenError('bad_signature', 'the token algorithm is not allowed');
    for (const name of FORBIDDEN_HEADERS) {
      if (name in header) throw new InvalidTokenError('malformed', `the token header must not carry "${name}"`);
    }
    if (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > 256) {
      throw new InvalidTokenError('malformed', 'the token header has no usable "kid"');
    }
    return header;
  }

  private toAccessToken(payload: JWTPayload, kid: string): AccessToken {
    const { sub, scope, exp } = payload;
    if (typeof sub !== 'string' || sub.length === 0 || sub.length > 256 || CONTROL.test(sub)) {
      throw new InvalidTokenError('bad_claims', 'the token "sub" is invalid');
    }
    if (scope !== undefined && typeof scope !== 'string') throw new InvalidTokenError('bad_claims', 'the token "scope" is invalid');
    const scopes = new Set(typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []);
    return Object.freeze({ sub, scopes, exp: exp as number, kid, claims: Object.freeze({ ...payload }) });
  }
}
