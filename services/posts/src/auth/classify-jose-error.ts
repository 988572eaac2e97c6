import { JwksUnavailableError, UnknownKidError } from '../jwks/jwks-errors.js';
import type { VerifyResult } from './access-token.js';

/** The message of a token whose `kid` the key set does not hold. */
export const UNKNOWN_KID_MESSAGE = 'the token was signed with an unknown key';

/** The metric reason and a client-safe message for a verification failure. */
export interface Classified {
  readonly reason: Exclude<VerifyResult, 'ok' | 'cached'>;
  readonly message: string;
}

/**
 * Maps whatever `jwtVerify` (or our key resolver) threw to one of the fixed reasons. Anything
 * unrecognised is `malformed`: a token must never turn into a 5xx, and the message never
 * echoes library internals beyond the failed claim's name.
 */
export function classifyJoseError(err: unknown): Classified {
  if (err instanceof UnknownKidError) return { reason: 'unknown_kid', message: UNKNOWN_KID_MESSAGE };
  if (err instanceof JwksUnavailableError) return { reason: 'jwks_unavailable', message: err.message };
  const { code, claim } = (err ?? {}) as { code?: unknown; claim?: unknown };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return { reason: 'expired', message: 'the token has expired' };
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return { reason: 'bad_signature', message: 'the token signature is invalid' };
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return { reason: 'bad_signature', message: 'the token algorithm is not allowed' };
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return {
        reason: 'bad_claims',
        message: typeof claim === 'string' ? `the token "${claim}" is invalid` : 'the token claims are invalid',
      };
    default:
      return { reason: 'malformed', message: 'the token is malformed' };
  }
}
