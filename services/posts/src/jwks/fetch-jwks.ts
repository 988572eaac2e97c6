import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
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

/** Sends the GET; resolves with the response once its headers are in. */
function get(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { headers, signal }, resolve);
    request.once('error', reject);
    request.end();
  });
}

/** Reads the whole body as UTF-8, refusing more than `maxBytes`; the signal still bounds it. */
function readBody(response: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy();
        reject(new JwksFetchError(`body is over ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    response.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.once('error', reject);
    response.once('close', () => {
      if (!response.complete) reject(new Error('the connection closed before the body was complete'));
    });
  });
}

/** A response header as one string (node gives arrays for repeated ones), or null. */
function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}

/**
 * GETs `url` with a timeout that covers connect, headers and body (AbortSignal), sending
 * `If-None-Match` when we hold a set. Throws `JwksFetchError` for anything but 200 with
 * JSON or 304, so the caller has one failure path (stale-if-error). Uses node:http rather
 * than `fetch`: the first `fetch` of a process loads and compiles undici (about 25 MB of peak
 * RSS), a high price for one small GET every few minutes.
 */
export async function fetchJwks(url: string, options: FetchJwksOptions): Promise<JwksResponse> {
  const headers: Record<string, string> = { accept: 'application/jwk-set+json, application/json' };
  if (options.etag) headers['if-none-match'] = options.etag;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const signal = timeoutSignal(options);
  let response: IncomingMessage;
  try {
    response = await get(new URL(url), headers, signal);
  } catch (err) {
    throw new JwksFetchError(`GET ${url} failed: ${describe(err, signal)}`, { cause: err });
  }
  const cacheControl = header(response, 'cache-control');
  if (response.statusCode === 304) {
    response.destroy();
    if (!options.etag) throw new JwksFetchError(`GET ${url} answered 304 to an unconditional request`);
    return { kind: 'not_modified', cacheControl };
  }
  if (response.statusCode !== 200) {
    response.destroy();
    throw new JwksFetchError(`GET ${url} answered ${response.statusCode}`);
  }
  const declared = Number(header(response, 'content-length') ?? '0');
  if (declared > maxBytes) {
    response.destroy();
    throw new JwksFetchError(`GET ${url}: body of ${declared} bytes is over ${maxBytes}`);
  }
  let text: string;
  try {
    text = await readBody(response, maxBytes);
  } catch (err) {
    if (err instanceof JwksFetchError) throw new JwksFetchError(`GET ${url}: ${err.message}`);
    throw new JwksFetchError(`GET ${url}: reading the body failed: ${describe(err, signal)}`, { cause: err });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new JwksFetchError(`GET ${url}: body is not JSON`, { cause: err });
  }
  return { kind: 'ok', body, etag: header(response, 'etag') ?? undefined, cacheControl };
}

function describe(err: unknown, signal: AbortSignal): string {
  if (signal.aborted) return (signal.reason as Error | undefined)?.name === 'TimeoutError' ? 'timed out' : 'aborted';
  if (err instanceof Error) return (err as NodeJS.ErrnoException).code ?? err.message;
  return String(err);
}

function timeoutSignal(options: FetchJwksOptions): AbortSignal {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  return options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
}
