import { readFileSync } from 'node:fs';
import type { Post } from '@app/posts';
import type { Express } from 'express';

/** A required variable of a peer's environment (the bench sets them all). */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

/** Every user's posts, each user's newest first, as the bench read them from the real posts API. */
export function loadPeerPosts(): Post[] {
  return JSON.parse(readFileSync(requiredEnv('POSTS_FILE'), 'utf8')) as Post[];
}

/** Listens on 127.0.0.1:$PORT, as every bench server does. */
export function listenOnEnvPort(app: Express): void {
  app.listen(Number(requiredEnv('PORT')), '127.0.0.1');
}
