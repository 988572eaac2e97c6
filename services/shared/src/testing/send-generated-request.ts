import { connect } from 'node:net';
import type { GeneratedRequest } from './malformed-requests.js';

/** The outcome of one generated request: its status, or 0 when the peer closed without answering. */
export interface GeneratedOutcome {
  readonly status: number;
  /** Set when the request could not be sent or answered at all (refused, reset, timed out). */
  readonly error?: string;
}

/** Writes `bytes` on a new connection and reads the status line of the answer. */
function sendRaw(baseUrl: string, bytes: Uint8Array, timeoutMs: number): Promise<GeneratedOutcome> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''));
    let head = '';
    let settled = false;
    const done = (outcome: GeneratedOutcome) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(outcome);
    };
    socket.setTimeout(timeoutMs, () => done({ status: 0, error: `no answer within ${timeoutMs} ms` }));
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      if (match) done({ status: Number(match[1]) });
      else if (head.length > 64) done({ status: 0, error: `not an HTTP answer: ${JSON.stringify(head.slice(0, 64))}` });
    });
    // A server may drop a request it cannot parse without a word (node does for CONNECT).
    socket.on('close', () => done({ status: 0 }));
    socket.on('error', (err) => done({ status: 0, ...(head ? {} : { error: err.message }) }));
    socket.end(bytes);
  });
}

/**
 * Sends one generated request to `baseUrl` (fetch, so keep-alive, or a raw socket) and reads
 * the whole answer. Never throws for what the server does; a request fetch refuses to build is
 * a generator bug and throws.
 */
export async function sendGeneratedRequest(baseUrl: string, request: GeneratedRequest, timeoutMs = 15_000): Promise<GeneratedOutcome> {
  if (request.raw) return sendRaw(baseUrl, request.raw, timeoutMs);
  let res: Response;
  try {
    res = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (err instanceof TypeError && !cause) throw err;
    return { status: 0, error: cause?.code ?? cause?.message ?? (err as Error).message };
  }
  await res.arrayBuffer().catch(() => undefined);
  return { status: res.status };
}
