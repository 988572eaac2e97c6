import type { JWTPayload } from 'jose';

/** A verified access token, as the routes see it. */
export interface AccessToken {
  /** The caller: the token's `sub` (the username at auth). */
  readonly sub: string;
  /** The granted scopes, parsed once at verification. */
  readonly scopes: ReadonlySet<string>;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
  /** The key that verified it (for invalidation when the key leaves the set). */
  readonly kid: string;
  /** The full claims set, frozen. */
  readonly claims: Readonly<JWTPayload>;
}

/** Outcomes counted by `jwt_verify_total{result}`: a small fixed set, never a raw message. */
export const VERIFY_RESULTS = [
  'ok',
  'cached',
  'expired',
  'bad_signature',
  'unknown_kid',
  'bad_claims',
  'malformed',
  'jwks_unavailable',
] as const;

/** One of `VERIFY_RESULTS`. */
export type VerifyResult = (typeof VERIFY_RESULTS)[number];

declare module 'express-serve-static-core' {
  interface Request {
    /** The verified access token; set by `requireToken`. */
    auth?: AccessToken;
  }
}
