import { parseJson } from './parse-json.js';

/** The JSON body of a login, as auth's `POST /api/login` takes it. */
export function loginBody(username: string, password: string): string {
  return JSON.stringify({ username, password });
}

/** `POST <authUrl>/api/login`; `headers` adds e.g. X-Forwarded-For. */
export function postLogin(authUrl: string, username: string, password: string, headers: Readonly<Record<string, string>> = {}): Promise<Response> {
  return fetch(`${authUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: loginBody(username, password),
  });
}

/** Logs in at auth and returns the access token; throws, naming the status and body, on anything but a 200 with a token. */
export async function loginToken(authUrl: string, username: string, password: string): Promise<string> {
  const res = await postLogin(authUrl, username, password);
  const text = await res.text();
  const token = (parseJson(text) as { access_token?: unknown } | undefined)?.access_token;
  if (res.status !== 200 || typeof token !== 'string') throw new Error(`login as ${username} answered ${res.status}: ${text.slice(0, 200)}`);
  return token;
}
