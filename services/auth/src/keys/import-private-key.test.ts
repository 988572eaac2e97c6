import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SignJWT, jwtVerify, importJWK } from 'jose';
import { importPrivateKey } from './import-private-key.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('importPrivateKey', () => {
  it.each(['pkcs1', 'pkcs8'] as const)('imports a %s PEM and signs a token the derived public JWK verifies', async (type) => {
    const pem = rsa.privateKey.export({ type, format: 'pem' }) as string;
    expect(pem).toContain(type === 'pkcs1' ? 'BEGIN RSA PRIVATE KEY' : 'BEGIN PRIVATE KEY');
    const { privateKey, publicJwk, bits } = importPrivateKey(pem);
    expect(bits).toBe(2048);
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    await expect(jwtVerify(token, await importJWK({ ...publicJwk, alg: 'RS256' }))).resolves.toBeTruthy();
    expect(publicJwk).not.toHaveProperty('d');
  });

  it('refuses an EC key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(() => importPrivateKey(ec)).toThrow(/must be an RSA key/);
  });

  it('refuses an RSA key shorter than 2048 bits', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(() => importPrivateKey(small)).toThrow(/at least 2048 bits/);
  });

  it('refuses garbage without quoting it', () => {
    const garbage = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXN0dWZm\n-----END PRIVATE KEY-----\n';
    expect(() => importPrivateKey(garbage)).toThrow('privateKey is not a readable PEM private key');
  });
});
