/**
 * A stand-in for the Kubernetes API server, serving one Secret: there is no cluster here, and the
 * key rotation script only ever GETs and PATCHes that Secret. It answers as the API server does:
 * the Secret as JSON, a JSON merge patch applied to `data` with optimistic concurrency on
 * `metadata.resourceVersion` (409 when stale), 401 without a bearer token, a `Status` object on
 * every error. It records each request, so tests can assert what the script sent.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake API server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** The Secret the fake serves (the fields the script reads and writes). */
export interface FakeSecret {
  metadata: { name: string; namespace: string; resourceVersion: string };
  data: Record<string, string>;
}

/** A running fake API server. */
export interface FakeKubeApi {
  readonly url: string;
  readonly secret: FakeSecret;
  readonly requests: RecordedRequest[];
  /** Answer every request with this status and `Status` message (e.g. 403 for missing RBAC). */
  refuseWith(code: number, message: string): void;
  /** Run after each successful GET: lets a test change the Secret behind the reader's back. */
  afterGet(hook: (secret: FakeSecret) => void): void;
  close(): Promise<void>;
}

const STATUS_REASON: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 415: 'UnsupportedMediaType' };

function sendStatus(res: ServerResponse, code: number, message: string): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason: STATUS_REASON[code] ?? 'Unknown', code }));
}

/** Starts the fake on a free loopback port, holding `secret`. */
export async function startFakeKubeApi(secret: FakeSecret): Promise<FakeKubeApi> {
  const requests: RecordedRequest[] = [];
  const path = `/api/v1/namespaces/${secret.metadata.namespace}/secrets/${secret.metadata.name}`;
  let refusal: { code: number; message: string } | undefined;
  let afterGet: ((s: FakeSecret) => void) | undefined;

  const handle = (req: IncomingMessage, body: string, res: ServerResponse) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
    if (refusal) return sendStatus(res, refusal.code, refusal.message);
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) return sendStatus(res, 401, 'Unauthorized');
    if (req.url !== path) return sendStatus(res, 404, `secrets "${req.url?.split('/').pop()}" not found`);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', ...secret }));
      afterGet?.(secret);
      return;
    }
    if (req.method !== 'PATCH') return sendStatus(res, 405, `${req.method} is not allowed here`);
    if (req.headers['content-type'] !== 'application/merge-patch+json') return sendStatus(res, 415, `the body of the request was in an unknown format: ${req.headers['content-type']}`);
    const patch = JSON.parse(body) as { metadata?: { resourceVersion?: string }; data?: Record<string, string | null> };
    const expected = patch.metadata?.resourceVersion;
    if (expected !== undefined && expected !== secret.metadata.resourceVersion) {
      return sendStatus(res, 409, `Operation cannot be fulfilled on secrets "${secret.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    for (const [k, v] of Object.entries(patch.data ?? {})) {
      if (v === null) delete secret.data[k];
      else secret.data[k] = v;
    }
    secret.metadata.resourceVersion = String(Number(secret.metadata.resourceVersion) + 1);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ apiVersion: 'v1', kind: 'Secret', ...secret }));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secret,
    requests,
    refuseWith: (code, message) => {
      refusal = { code, message };
    },
    afterGet: (hook) => {
      afterGet = hook;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
