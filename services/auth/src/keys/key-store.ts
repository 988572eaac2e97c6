import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Logger } from '@app/shared';
import { parseKeySetFile } from './key-set-file.js';
import { KeySet } from './key-set.js';

/** Outcome of one reload, also the `result` label of `auth_key_reload_total`. */
export type ReloadResult = 'loaded' | 'unchanged' | 'rejected';

export interface KeyStoreOptions {
  file: string;
  logger: Logger;
  /** Epoch milliseconds; injected so tests can move time. */
  clock?: () => number;
  reloadIntervalMs: number;
  tokenTtlSeconds: number;
}

/** Told about every read of a changed (or newly broken) file. */
export type ReloadListener = (result: Exclude<ReloadResult, 'unchanged'>) => void;

/**
 * Holds the key set in force and keeps it in step with `KEYS_FILE`. It polls the file and
 * compares the content (not mtime), which also catches a Kubernetes Secret update: the
 * kubelet swaps a `..data` symlink, and reading through the path follows it to the new file.
 * A broken or empty file is refused and the last good set stays in force. Swapping the set is
 * one assignment, so a request in flight keeps the key it already picked.
 */
export class KeyStore {
  readonly clock: () => number;
  private set: KeySet | undefined;
  private lastDigest: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<ReloadResult> | undefined;
  private readonly listeners = new Set<ReloadListener>();

  constructor(private readonly options: KeyStoreOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** The key set in force, or undefined until a valid file has been read. */
  get current(): KeySet | undefined {
    return this.set;
  }

  /** True once a valid key set is loaded and it has a key that may sign now. */
  isReady(): boolean {
    return this.set?.signingKey(this.clock()) !== undefined;
  }

  /** Subscribes to reload results (metrics); returns the unsubscribe function. */
  onReload(listener: ReloadListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(result: Exclude<ReloadResult, 'unchanged'>): void {
    for (const listener of this.listeners) listener(result);
  }

  /** Loads the file once, then polls it. Never throws: a bad file only logs and leaves the store unready. */
  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload(), this.options.reloadIntervalMs);
    this.timer.unref();
  }

  /** Stops polling. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reads the file now; concurrent calls share one read. */
  reload(): Promise<ReloadResult> {
    this.inFlight ??= this.readAndSwap().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async readAndSwap(): Promise<ReloadResult> {
    const { file, logger } = this.options;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
      const digest = `error:${code}`;
      if (digest === this.lastDigest) return 'unchanged';
      this.lastDigest = digest;
      logger.error({ file, code, keptKeys: this.set !== undefined }, 'key set file cannot be read; keeping the last good key set');
      this.emit('rejected');
      return 'rejected';
    }
    const digest = createHash('sha256').update(text).digest('hex');
    if (digest === this.lastDigest) return 'unchanged';
    this.lastDigest = digest;
    try {
      const next = KeySet.fromFile(parseKeySetFile(text), { tokenTtlSeconds: this.options.tokenTtlSeconds });
      this.set = next;
      const now = this.clock();
      const signingKid = next.signingKey(now)?.kid;
      const summary = { file, signingKid, keys: next.keys.map((k) => ({ kid: k.kid, state: next.stateOf(k, now) })) };
      if (signingKid) logger.info(summary, 'key set loaded');
      else logger.warn(summary, 'key set loaded, but no key may sign now: logins answer 503');
      this.emit('loaded');
      return 'loaded';
    } catch (err) {
      // KeySetFileError messages never quote key material.
      logger.error({ file, reason: (err as Error).message, keptKeys: this.set !== undefined }, 'key set file rejected; keeping the last good key set');
      this.emit('rejected');
      return 'rejected';
    }
  }
}
