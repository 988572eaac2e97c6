import { createHmac } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTHeaderParameters, type JWTPayload } from 'jose';

/** An RS256 key pair for tests, with its public JWK as auth would publish it. */
export interface TestKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly jwk: JWK;
}

export const ISSUER = 'http://auth.test';
export const AUDIENCE = 'posts';

/** Generates a 2048-bit RS256 key with `kid`. */
export async function generateTestKey(kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, jwk };
}

/** Options for `signToken`: claim and header overrides, and the clock in ms. */
export interface SignOptions {
  claims?: JWTPayload;
  header?: Partial<JWTHeaderParameters>;
  now?: number;
  ttlSeconds?: number;
}

/** An access token like auth's (RFC 9068), with overrides for the bad cases. */
export async function signToken(key: TestKey, sub: string, options: SignOptions = {}): Promise<string> {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const payload: JWTPayload = {
    iss: ISSUER,
    sub,
    aud: AUDIENCE,
    iat,
    exp: iat + (options.ttlSeconds ?? 900),
    jti: `${sub}-${Math.random().toString(36).slice(2)}`,
    client_id: 'posts-web',
    scope: 'posts:read posts:write',
    ...options.claims,
  };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'at+jwt', ...options.header } as JWTHeaderParameters)
    .sign(key.privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned token (`alg: none`). */
export function unsignedToken(payload: JWTPayload, kid: string): string {
  return `${b64({ alg: 'none', kid, typ: 'at+jwt' })}.${b64(payload)}.`;
}

/** The classic key-confusion attack: HS256 with the RSA public key (PEM) as the HMAC secret. */
export async function hs256WithPublicKey(key: TestKey, payload: JWTPayload): Promise<string> {
  const pem = await exportSPKI(key.publicKey);
  const input = `${b64({ alg: 'HS256', kid: key.kid, typ: 'at+jwt' })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
}

/** Replaces the payload of a signed token, keeping header and signature. */
export function tamper(token: string, changes: JWTPayload): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as JWTPayload;
  return `${header}.${b64({ ...claims, ...changes })}.${signature}`;
}

/** The standard claims of a valid token, for the forged ones. */
export function claimsFor(sub: string, now = Date.now()): JWTPayload {
  const iat = Math.floor(now / 1000);
  return { iss: ISSUER, sub, aud: AUDIENCE, iat, exp: iat + 900, scope: 'posts:read posts:write' };
}
