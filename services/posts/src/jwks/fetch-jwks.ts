import { JwksFetchError } from './jwks-errors.js';

/** What one conditional GET of the JWK Set returned. */
export type JwksResponse =
  | { readonly kind: 'ok'; readonly body: unknown; readonly etag: string | undefined; readonly cacheControl: string | null }
  | { readonly kind: 'not_modified'; readonly cacheControl: string | null };

export interface FetchJwksOptions {
  timeoutMs: number;
  /** The ETag of the set we hold; sent as `If-None-Match`. */
  etag?: string | undefined;
  /** Largest accepted body; a JWK Set is a few kilobytes. */
  maxBytes?: number;
  /** Aborts the fetch early (the cache closing). */
  signal?: AbortSignal;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;

/**
 * GETs `url` with a timeout that covers connect, headers and body (AbortSignal), sending
 * `If-None-Match` when we hold a set. Throws `JwksFetchError` for anything but 200 with
 * JSON or 304, so the caller has one failure path (stale-if-error).
 */
export async function fetchJwks(url: string, options: FetchJwksOptions): Promise<JwksResponse> {
  const headers: Record<string, string> = { accept: 'application/jwk-set+json, application/json' };
  if (options.etag) headers['if-none-match'] = options.etag;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: timeoutSignal(options) });
  } catch (err) {
    throw new JwksFetchError(`GET ${url} failed: ${describe(err)}`, { cause: err });
  }
  const cacheControl = response.headers.get('cache-control');
  if (response.status === 304) {
    await response.body?.cancel();
    if (!options.etag) throw new JwksFetchError(`GET ${url} answered 304 to an unconditional request`);
    return { kind: 'not_modified', cacheControl };
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new JwksFetchError(`GET ${url} answered ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new JwksFetchError(`GET ${url}: body of ${declared} bytes is over ${maxBytes}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    throw new JwksFetchError(`GET ${url}: reading the body failed: ${describe(err)}`, { cause: err });
  }
  if (text.length > maxBytes) throw new JwksFetchError(`GET ${url}: body is over ${maxBytes} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new JwksFetchError(`GET ${url}: body is not JSON`, { cause: err });
  }
  return { kind: 'ok', body, etag: response.headers.get('etag') ?? undefined, cacheControl };
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'timed out';
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? err.message;
  }
  return String(err);
}

function timeoutSignal(options: FetchJwksOptions): AbortSignal {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  return options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
}
