import { createHash } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

/**
 * A real JWKS endpoint on 127.0.0.1 (port 0) whose answers the test controls: the keys,
 * Cache-Control, ETag/304, a failing status, or a hang until released. It counts requests.
 */
export class TestJwksServer {
  keys: JWK[] = [];
  cacheControl: string | undefined = 'public, max-age=300';
  /** Answer with this status instead of the set (500 to simulate a broken issuer). */
  failWith: number | undefined;
  /** When set, requests wait for this promise before answering. */
  gate: Promise<void> | undefined;
  etags = true;
  requests = 0;
  conditionalRequests = 0;
  private server: Server | undefined;
  private port = 0;

  static async start(keys: JWK[] = []): Promise<TestJwksServer> {
    const s = new TestJwksServer();
    s.keys = keys;
    await s.listen();
    return s;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/.well-known/jwks.json`;
  }

  /** Holds every request until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  async listen(): Promise<void> {
    const server = createServer((req, res) => void this.answer(req.headers['if-none-match'], res));
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and drops open connections (the issuer is down). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(ifNoneMatch: string | undefined, res: ServerResponse): Promise<void> {
    this.requests += 1;
    if (ifNoneMatch) this.conditionalRequests += 1;
    if (this.gate) await this.gate;
    if (this.failWith !== undefined) {
      res.writeHead(this.failWith, { 'content-type': 'text/plain' }).end('broken');
      return;
    }
    const body = JSON.stringify({ keys: this.keys });
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    const headers: Record<string, string> = { 'content-type': 'application/jwk-set+json' };
    if (this.cacheControl !== undefined) headers['cache-control'] = this.cacheControl;
    if (this.etags) headers.etag = etag;
    if (this.etags && ifNoneMatch === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, headers).end(body);
  }
}
