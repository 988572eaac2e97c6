import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError, BadRequestError } from './errors.js';
import type { Health } from './health.js';
import type { HttpMetrics } from './metrics.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id: the caller's `X-Request-Id` when well-formed, otherwise a new UUID. */
    id: string;
    /** A child logger carrying the request id. */
    log: Logger;
  }
}

export interface HttpAppOptions {
  logger: Logger;
  metrics: HttpMetrics;
  health: Health;
  bodyLimitBytes: number;
  /** Number of proxy hops whose X-Forwarded-For is trusted (express `trust proxy`). */
  trustProxy: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** The route template of a matched request (`/api/posts/:id`), never the raw path. */
export function routeTemplate(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}`;
  return 'unmatched';
}

/**
 * The headers helmet would set, captured once: a JSON API gets the same protection without a
 * dozen middleware layers per request (helmet's middlewares are synchronous setHeader calls).
 */
function helmetHeaders(): [string, string][] {
  const headers: [string, string][] = [];
  const fakeRes = {
    setHeader: (name: string, value: string | number) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  helmet()({} as never, fakeRes as never, () => undefined);
  return headers;
}

/** Whether a request carries a body (the test body-parser itself uses). */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
}

/**
 * The express app every service starts from: request ids, one access log line and one
 * histogram observation per request, helmet headers, health and metrics endpoints, and a
 * JSON body parser that answers 415/413/400 for the wrong type, size or syntax.
 * Services add their routes (with full paths, on routers mounted at `/`), then call `finishApp`.
 *
 * Everything per request runs in one middleware: each express layer costs a dispatch, and this
 * stack sits in front of every request of both services.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const { logger, metrics, health } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.set('etag', false);

  // `req.log` is built on first use only: most requests never log beyond the access line.
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: Request & { _log?: Logger }) {
      return (this._log ??= logger.child({ reqId: this.id }));
    },
  });

  // The access line is built here from known fields only (no headers, no bodies), so it skips
  // the redaction pass, which doubles the cost of a log line.
  const accessLog = logger.child({}, { redact: { paths: [] } });
  const securityHeaders = helmetHeaders();
  const observers = new Map<string, { observe(value: number): void }>();
  const observe = (method: string, route: string, status: number, seconds: number) => {
    const key = `${method} ${status} ${route}`;
    let child = observers.get(key);
    if (child === undefined) {
      child = metrics.requestDuration.labels({ method, route, status_code: String(status) });
      observers.set(key, child);
    }
    child.observe(seconds);
  };
  const jsonTypes = ['application/json', 'application/*+json'];
  const parseJson = express.json({ limit: options.bodyLimitBytes, strict: true, type: jsonTypes });

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    if (health.isDraining) res.setHeader('Connection', 'close');
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeTemplate(req);
      observe(req.method, route, res.statusCode, seconds);
      const quiet = QUIET_PATHS.has(req.path);
      if (quiet && !logger.isLevelEnabled('debug')) return;
      const line = {
        reqId: req.id,
        req: { method: req.method, url: req.originalUrl, remoteAddress: req.ip },
        res: { statusCode: res.statusCode },
        route,
        durationMs: Math.round(seconds * 1e6) / 1e3,
      };
      if (res.statusCode >= 500) accessLog.error(line, 'request failed');
      else if (quiet) accessLog.debug(line, 'request completed');
      else accessLog.info(line, 'request completed');
    });
    if (!hasBody(req)) {
      next();
      return;
    }
    // `req.is` is null without a body, false for a body of another type.
    if (req.is(jsonTypes) === false) {
      next(new UnsupportedMediaTypeError(`request body must be application/json, not ${req.get('content-type') ?? 'untyped'}`));
      return;
    }
    parseJson(req, res, next);
  });

  const healthRoutes = health.handlers();
  app.get('/healthz', healthRoutes.healthz);
  app.get('/readyz', healthRoutes.readyz);
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return app;
}

interface HttpishError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
}

/** Maps errors from express and body-parser to AppErrors; anything else is a 500. */
function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as HttpishError;
  switch (e.type) {
    case 'entity.parse.failed':
      return new BadRequestError('request body is not valid JSON', 'malformed_json');
    case 'entity.too.large':
      return new PayloadTooLargeError();
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError('request body must be UTF-8 JSON');
    case 'request.aborted':
    case 'request.size.invalid':
      return new BadRequestError('request body was incomplete');
    default:
      break;
  }
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, 'bad_request', e.expose && e.message ? e.message : 'bad request');
  }
  return undefined;
}

/** Adds the 404 for unknown routes and the one error handler. Call after the service's routes. */
export function finishApp(app: Express): Express {
  app.use((req, _res, next) => {
    next(new NotFoundError(`no route for ${req.method} ${req.path}`));
  });
  // Express recognises error middleware by its four parameters.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = toAppError(err);
    if (res.headersSent) {
      req.log.error({ err }, 'error after the response started');
      res.destroy();
      return;
    }
    if (!appError || appError.status >= 500) {
      req.log.error({ err }, 'request failed');
    }
    const status = appError?.status ?? 500;
    const body = appError
      ? { ...appError.extra, error: appError.code, message: appError.message }
      : { error: 'internal_error', message: 'internal server error' };
    if (appError) res.set(appError.headers);
    res.status(status).set('Cache-Control', 'no-store').json(body);
  });
  return app;
}
