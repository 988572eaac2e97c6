import { randomUUID } from 'node:crypto';
import { AppError, NotFoundError, ServiceUnavailableError } from '@app/shared';
import type { Logger } from 'pino';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Post, PostChanges, PostsRepository } from './posts-repository.js';

function notReady(): ServiceUnavailableError {
  return new ServiceUnavailableError('the database is not ready yet');
}

/** One page of the caller's posts, with the cursor of the next page when there is one. */
export interface PostList {
  readonly posts: Post[];
  readonly nextCursor: string | undefined;
}

/**
 * The use cases, each scoped to the caller (the token's `sub`). Storage failures become 503
 * (the client may retry; nothing was acknowledged), and so does any call before migrations
 * have finished; a post of another author is a plain 404.
 */
export class PostsService {
  private migrated = false;

  constructor(
    private readonly repository: PostsRepository,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Called once the schema is in place; until then every call answers 503. */
  markReady(): void {
    this.migrated = true;
  }

  /** True once migrations have run. */
  get ready(): boolean {
    return this.migrated;
  }

  /** The caller's posts, newest first. `cursor` comes from a previous page (400 when invalid). */
  async list(author: string, limit: number, cursor?: string): Promise<PostList> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    // The hot read: no closure, one await.
    if (!this.migrated) throw notReady();
    let page;
    try {
      page = await this.repository.list(author, { limit, after });
    } catch (err) {
      throw this.unavailable(err);
    }
    return { posts: page.posts, nextCursor: page.next === undefined ? undefined : encodeCursor(page.next) };
  }

  /** The caller's post `id` (404 when absent or someone else's). */
  async get(author: string, id: string): Promise<Post> {
    const post = await this.call(() => this.repository.get(author, id));
    if (!post) throw new NotFoundError('no such post');
    return post;
  }

  /** Creates a post owned by the caller. */
  async create(author: string, input: { title: string; body: string }): Promise<Post> {
    const createdAt = this.now().toISOString();
    return this.call(() => this.repository.create({ id: randomUUID(), author, title: input.title, body: input.body, createdAt }));
  }

  /** Changes the caller's post `id` (404 when absent or someone else's). */
  async update(author: string, id: string, changes: PostChanges): Promise<Post> {
    const updatedAt = this.now().toISOString();
    const post = await this.call(() => this.repository.update(author, id, changes, updatedAt));
    if (!post) throw new NotFoundError('no such post');
    return post;
  }

  /** Deletes the caller's post `id` (404 when absent or someone else's). */
  async delete(author: string, id: string): Promise<void> {
    const deleted = await this.call(() => this.repository.delete(author, id));
    if (!deleted) throw new NotFoundError('no such post');
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    if (!this.migrated) throw notReady();
    try {
      return await operation();
    } catch (err) {
      throw this.unavailable(err);
    }
  }

  private unavailable(err: unknown): AppError {
    if (err instanceof AppError) return err;
    this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'database operation failed');
    return new ServiceUnavailableError('the database is unavailable, try again shortly');
  }
}
