import { IncomingMessage, ServerResponse, createServer, type Server } from 'node:http';
import type { Express } from 'express';

/** An HTTP server not yet serving; `serve(app)` attaches the express app. */
export interface AppServer {
  readonly server: Server;
  /** Makes `app` the request handler; requests and responses are created with its prototypes from now on. */
  serve(app: Express): void;
}

type Initializer = (this: object, ...args: unknown[]) => object | void;

/**
 * (Exported for its test.) An old-style constructor that runs `base` on `this`: `new` allocates the object with whatever
 * `prototype` holds at that moment, so `serve` can point it at the app's prototypes later.
 * (`Reflect.construct(base, args, newTarget)` does the same on paper but measured 30% slower.)
 */
export function constructorFor(base: Function): Initializer & { prototype: object } {
  // Node's IncomingMessage and ServerResponse are old-style functions; should a later Node make
  // them classes, fall back to Reflect.construct (correct, only slower).
  const isClass = Function.prototype.toString.call(base).startsWith('class');
  const init = base as unknown as Initializer;
  const ctor = function (this: object, ...args: unknown[]): object | void {
    if (isClass) return Reflect.construct(base, args, ctor) as object;
    init.apply(this, args);
  } as Initializer & { prototype: object };
  ctor.prototype = base.prototype as object;
  return ctor;
}

/**
 * An `http.Server` whose requests and responses are born with express's prototypes
 * (`app.request`, `app.response`) instead of being given them afterwards.
 *
 * express's `app.handle` calls `Object.setPrototypeOf` on every `req` and `res`. Changing the
 * prototype of a live object sends V8 to a new, unshared hidden class, so every property access on
 * `req`/`res` in every middleware and in Node's own HTTP code goes megamorphic. When the object
 * already has that prototype, `setPrototypeOf` is a no-op and the shapes stay shared. Measured on
 * the posts hot route (2 cores): CPU per request about halved; see the README's Performance section.
 */
export function createAppServer(): AppServer {
  const Request = constructorFor(IncomingMessage);
  const Response = constructorFor(ServerResponse);
  const server = createServer({
    IncomingMessage: Request as unknown as typeof IncomingMessage,
    ServerResponse: Response as unknown as typeof ServerResponse,
  });
  return {
    server,
    serve(app) {
      Request.prototype = app.request;
      Response.prototype = app.response;
      server.on('request', app);
    },
  };
}
