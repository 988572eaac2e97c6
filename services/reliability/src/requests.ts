import { parseJson } from '@app/testkit';
import type { Outcome } from './paced-load.js';

/** Reads the body as JSON when it is JSON, else undefined. */
async function jsonBody(res: Response): Promise<unknown> {
  const text = await res.text();
  return (res.headers.get('content-type') ?? '').includes('application/json') ? parseJson(text) : undefined;
}

/** GET /api/posts with a bearer token. */
export async function listPosts(postsUrl: string, token: string, tag?: string): Promise<Outcome> {
  const res = await fetch(`${postsUrl}/api/posts`, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return { status: res.status, ...(tag ? { tag } : {}) };
}

/** POST /api/posts; `detail` is the JSON body (the created post, or the error). */
export async function createPost(postsUrl: string, token: string, title: string): Promise<Outcome> {
  const res = await fetch(`${postsUrl}/api/posts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  return { status: res.status, tag: 'write', detail: await jsonBody(res) };
}

/** GET of a probe (`/readyz`, `/healthz`); `detail` is its JSON body. */
export async function probe(url: string): Promise<Outcome> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, detail: await jsonBody(res) };
}
