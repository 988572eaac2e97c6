/** A post as the API returns it. */
export interface Post {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly author: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A new post; the service chooses id, author (the token's sub) and timestamps. */
export interface NewPost {
  readonly id: string;
  readonly author: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: string;
}

/** Fields a PATCH may change. */
export interface PostChanges {
  readonly title?: string;
  readonly body?: string;
}

/** One page of an author's posts, newest first; `next` is the position to continue after. */
export interface PostPage {
  readonly posts: Post[];
  readonly next: number | undefined;
}

/** Options of `migrate`. */
export interface MigrateOptions {
  /** Insert the demo posts when (and only when) this run created the schema. */
  readonly seedDemoData: boolean;
}

/**
 * Storage of posts, always scoped to one author: every read and write names the author, so
 * another user's post is indistinguishable from a missing one. Implemented by the SQLite and
 * PostgreSQL adapters and checked by one shared contract suite.
 */
export interface PostsRepository {
  /** Creates or upgrades the schema (idempotent, safe with concurrent replicas). Returns whether it was new. */
  migrate(options: MigrateOptions): Promise<{ created: boolean }>;
  /** Up to `limit` posts of `author`, newest first, strictly after position `after` when given. */
  list(author: string, options: { limit: number; after?: number | undefined }): Promise<PostPage>;
  /** The author's post with `id`, or undefined. */
  get(author: string, id: string): Promise<Post | undefined>;
  /** Stores a new post and returns it. */
  create(post: NewPost): Promise<Post>;
  /** Applies `changes` to the author's post; undefined when there is no such post. */
  update(author: string, id: string, changes: PostChanges, updatedAt: string): Promise<Post | undefined>;
  /** Deletes the author's post; false when there was none. */
  delete(author: string, id: string): Promise<boolean>;
  /** True when the database answers right now (readiness). */
  ping(): Promise<boolean>;
  /** Releases connections. */
  close(): Promise<void>;
}
