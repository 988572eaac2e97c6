/** A response read whole: status, raw text and (when it parses) JSON. */
export interface ReadResponse {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
}

async function read(res: Response): Promise<ReadResponse> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/** `GET url` with an optional bearer token. */
export async function getWithToken(url: string, token?: string): Promise<ReadResponse> {
  return read(await fetch(url, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } }));
}

/** The JSON body of a login, as auth's `POST /api/login` takes it. */
export function loginBody(username: string, password: string): string {
  return JSON.stringify({ username, password });
}

/** Logs in at auth and returns the access token; throws on anything but a 200 with a token. */
export async function login(authUrl: string, username: string, password: string): Promise<string> {
  const res = await read(
    await fetch(`${authUrl}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: loginBody(username, password),
    }),
  );
  const token = (res.json as { access_token?: unknown } | undefined)?.access_token;
  if (res.status !== 200 || typeof token !== 'string') throw new Error(`login as ${username} failed: ${res.status} ${res.text.slice(0, 200)}`);
  return token;
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
