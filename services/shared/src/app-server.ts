import { IncomingMessage, ServerResponse, createServer, type Server } from 'node:http';
import type { Express, Request, Response } from 'express';

/** An HTTP server not yet serving; `serve(app)` attaches the express app. */
export interface AppServer {
  readonly server: Server;
  /** Makes `app` the request handler. */
  serve(app: Express): void;
}

/**
 * Whether this Node's V8 needs the requests and responses built with express's prototypes. On Node
 * 20 and 22, express's per-request `Object.setPrototypeOf` leaves every `req` and `res` in a hidden
 * class of its own, and every property access on them afterwards goes megamorphic; V8 13 (Node 24)
 * no longer suffers from it, and there the subclasses below cost a little instead. Measured with a
 * small express app (one middleware, one JSON route, 32 connections, 2 cores): Node 20 8k → 36k
 * req/s, Node 22 9k → 32k, Node 24 35k → 31k. Known upstream: expressjs/express#5998 (which
 * proposes the same server-side construction), nodejs/node#37457.
 */
export function presetsPrototypes(nodeVersion: string = process.versions.node): boolean {
  return Number(nodeVersion.split('.')[0]) < 24;
}

/** Gives `target` the prototype and the own properties of `source` (express's `app.request`/`app.response`). */
function adopt(target: object, source: object): void {
  Object.setPrototypeOf(target, Object.getPrototypeOf(source) as object);
  const { constructor: _ignored, ...descriptors } = Object.getOwnPropertyDescriptors(source);
  Object.defineProperties(target, descriptors);
}

/**
 * An `http.Server` for an express app. Where it pays (`presetsPrototypes`), the server builds each
 * request and response as an instance of a subclass of `IncomingMessage`/`ServerResponse` whose
 * prototype *is* the app's `app.request`/`app.response` (it takes over their prototype and their
 * own properties, and the app is pointed at it), so express's `Object.setPrototypeOf` in
 * `app.handle` changes nothing and the objects keep shared, fast shapes.
 */
export function createAppServer(): AppServer {
  if (!presetsPrototypes()) {
    const server = createServer();
    return { server, serve: (app) => void server.on('request', app) };
  }
  class AppRequest extends IncomingMessage {}
  class AppResponse extends ServerResponse {}
  const server = createServer({ IncomingMessage: AppRequest, ServerResponse: AppResponse });
  return {
    server,
    serve(app) {
      adopt(AppRequest.prototype, app.request);
      adopt(AppResponse.prototype, app.response);
      app.request = AppRequest.prototype as unknown as Request;
      app.response = AppResponse.prototype as unknown as Response;
      server.on('request', app);
    },
  };
}
