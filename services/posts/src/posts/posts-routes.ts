import { BadRequestError, sendJson } from '@app/shared';
import { Router, type Request } from 'express';
import { requireToken } from '../auth/require-token.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { parseChanges, parseLimit, parseNewPost, parsePostId } from './post-input.js';
import type { PostsService } from './posts-service.js';

/** The scopes of RFC 9068 tokens that this API checks. */
export const READ_SCOPE = 'posts:read';
export const WRITE_SCOPE = 'posts:write';

function caller(req: Request): string {
  // requireToken ran first; a missing auth would be a wiring bug, not a client error.
  return (req.auth as NonNullable<Request['auth']>).sub;
}

function cursorParam(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequestError('cursor must be given once');
  return value;
}

/** `/api/posts` CRUD, every route behind a bearer token with the right scope. */
export function postsRouter(deps: { service: PostsService; verifier: TokenVerifier }): Router {
  const { service, verifier } = deps;
  const read = requireToken(verifier, READ_SCOPE);
  const write = requireToken(verifier, WRITE_SCOPE);
  const router = Router();

  router.get('/api/posts', read, async (req, res) => {
    const query = req.query as Record<string, unknown>;
    const limit = parseLimit(query.limit);
    const { posts, nextCursor } = await service.list(caller(req), limit, cursorParam(query.cursor));
    if (nextCursor !== undefined) {
      res.set('X-Next-Cursor', nextCursor);
      res.set('Link', `</api/posts?limit=${limit}&cursor=${nextCursor}>; rel="next"`);
    }
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, 200, posts);
  });

  router.post('/api/posts', write, async (req, res) => {
    const input = parseNewPost(req.body);
    const post = await service.create(caller(req), input);
    res.set({ Location: `/api/posts/${post.id}`, 'Cache-Control': 'no-store' });
    sendJson(res, 201, post);
  });

  router.get('/api/posts/:id', read, async (req, res) => {
    const post = await service.get(caller(req), parsePostId(req.params.id));
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, 200, post);
  });

  router.patch('/api/posts/:id', write, async (req, res) => {
    const id = parsePostId(req.params.id);
    const post = await service.update(caller(req), id, parseChanges(req.body));
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, 200, post);
  });

  router.delete('/api/posts/:id', write, async (req, res) => {
    await service.delete(caller(req), parsePostId(req.params.id));
    res.status(204).end();
  });

  return router;
}
