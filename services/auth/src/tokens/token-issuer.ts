import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
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

/**
 * Signs RFC 9068 access tokens (`typ: at+jwt`, RS256) with the key set's signing key at this
 * instant. jose signs with the `KeyObject` imported when the set was loaded; nothing is
 * parsed per request.
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
    const token = await new SignJWT({
      client_id: this.options.clientId,
      scope: user.scopes.join(' '),
      name: user.name,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: key.kid })
      .setIssuer(this.options.issuer)
      .setSubject(user.username)
      .setAudience(this.options.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .setJti(jti)
      .sign(key.privateKey);
    return { token, expiresIn: ttlSeconds, kid: key.kid, jti };
  }
}
