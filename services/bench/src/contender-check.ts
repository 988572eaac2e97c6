import { isDeepStrictEqual } from 'node:util';
import { getWithToken } from './api-client.js';

/** A copy of a compact JWS whose payload says something else, signature untouched. */
export function tamperedToken(token: string): string {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) throw new Error('not a compact JWS');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'robert', name: 'robert' })).toString('base64url');
  return `${header}.${forged}.${signature}`;
}

/**
 * Checks a server before it is measured: the valid token gets a 200 with exactly the expected
 * JSON, and (for servers that check tokens) a forged one is refused. Returns the exact body,
 * which every response of the load runs must then repeat byte for byte.
 */
export async function checkContender(options: {
  name: string;
  url: string;
  /** Sent as a bearer token when given. */
  token?: string;
  /** The JSON it must answer, or a check of it (where ids and times differ per database). */
  expected: unknown;
  verifiesTokens: boolean;
}): Promise<string> {
  const accepts = typeof options.expected === 'function' ? (options.expected as (json: unknown) => boolean) : (json: unknown) => isDeepStrictEqual(json, options.expected);
  const { name, url, token } = options;
  const res = await getWithToken(url, token);
  if (res.status !== 200) throw new Error(`${name} answered ${res.status} to a valid token: ${res.text.slice(0, 200)}`);
  if (!accepts(res.json)) throw new Error(`${name} answered the wrong JSON: ${res.text.slice(0, 300)}`);
  if (options.verifiesTokens && token !== undefined) {
    const forged = await getWithToken(url, tamperedToken(token));
    if (forged.status !== 401 && forged.status !== 403) throw new Error(`${name} answered ${forged.status} to a forged token`);
  }
  return res.text;
}
