import { randomUUID, sign } from 'node:crypto';
import { ServiceUnavailableError } from '@app/shared';
import type { KeyStore } from '../keys/key-store.js';
import type { AuthenticatedUser } from '../users/user-directory.js';

export interface TokenIssuerOptions {
  keyStore: KeyStore;
  issuer: string;
  audience: string;
  clientId: string;
  ttlSeconds: number;
}

/** A signed access token and what the login response tells about it. */
export interface IssuedToken {
  readonly token: string;
  readonly expiresIn: number;
  readonly kid: string;
  readonly jti: string;
}

const base64url = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');

/**
 * Signs RFC 9068 access tokens (`typ: at+jwt`, RS256) with the key set's signing key at this
 * instant, with the `KeyObject` imported when the set was loaded; nothing is parsed per request.
 * The compact JWS is assembled here and signed with node's `crypto.sign` (RSASSA-PKCS1-v1_5 with
 * SHA-256, which is RS256): the header and claims are ours and fixed in shape, and jose's
 * `SignJWT` goes through WebCrypto on a libuv thread, measured at 0.8x of `openssl speed` against
 * about 1.0x for the direct call. Every test verifies what this produces with jose.
 */
export class TokenIssuer {
  constructor(private readonly options: TokenIssuerOptions) {}

  /** Issues a token for `user`; 503 when no key may sign right now. */
  async issue(user: AuthenticatedUser): Promise<IssuedToken> {
    const { keyStore, ttlSeconds } = this.options;
    const nowMs = keyStore.clock();
    const key = keyStore.current?.signingKey(nowMs);
    if (!key) throw new ServiceUnavailableError('no signing key is available', 5);
    const iat = Math.floor(nowMs / 1000);
    const jti = randomUUID();
    const header = base64url({ alg: 'RS256', typ: 'at+jwt', kid: key.kid });
    const claims = base64url({
      client_id: this.options.clientId,
      scope: user.scopes.join(' '),
      name: user.name,
      iss: this.options.issuer,
      sub: user.username,
      aud: this.options.audience,
      iat,
      exp: iat + ttlSeconds,
      jti,
    });
    const input = `${header}.${claims}`;
    const signature = sign('sha256', Buffer.from(input), key.privateKey).toString('base64url');
    return { token: `${input}.${signature}`, expiresIn: ttlSeconds, kid: key.kid, jti };
  }
}
