import { parseJson } from '@app/testkit';

/** A response read whole: status, raw text and (when it parses) JSON. */
export interface ReadResponse {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
}

async function read(res: Response): Promise<ReadResponse> {
  const text = await res.text();
  return { status: res.status, text, json: parseJson(text) };
}

/** `GET url` with an optional bearer token. */
export async function getWithToken(url: string, token?: string): Promise<ReadResponse> {
  return read(await fetch(url, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } }));
}

/** True when `text` is a successful login response carrying a compact JWS. */
export function isLoginResponse(text: string): boolean {
  try {
    const body = JSON.parse(text) as { access_token?: unknown; token_type?: unknown };
    return body.token_type === 'Bearer' && typeof body.access_token === 'string' && body.access_token.split('.').length === 3;
  } catch {
    return false;
  }
}
