import { randomUUID } from 'node:crypto';
import { DEMO_POSTS } from '@app/posts';
import jwt from 'jsonwebtoken';

/** The shared secret of the original article, on both of its servers. */
export const ARTICLE_SECRET = 'super-secret';

/**
 * An access token as the article's Flask-JWT-Extended auth server issues it for `username`:
 * HS256 with the shared secret, the identity `{ name }` in `sub`, 15 minutes of life.
 */
export function articleToken(username: string): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ fresh: false, iat: now, jti: randomUUID(), type: 'access', sub: { name: username }, nbf: now, exp: now + 900 }, ARTICLE_SECRET, {
    algorithm: 'HS256',
  });
}

/** What the article's server answers `username`: their posts as `{ title, author }`, in its order. */
export function articlePostsOf(username: string): { title: string; author: string }[] {
  return DEMO_POSTS.filter((post) => post.author === username).map((post) => ({ title: post.title, author: post.author }));
}
